package org.dlcourse.recurrent;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code SimpleRnn} with tanh, {@code h_t = tanh(x_t W + h_{t-1} RW + b)}, {@code h_{-1} =
 * 0}, computed the way the course's {@link Gru} is: the same parameters ({@code W [nIn, nOut]},
 * {@code RW [nOut, nOut]}, {@code b [1, nOut]}), layout and initial values as DL4J's layer ({@link
 * PlainRnnParams}), with the hand-written backward pass of {@link RnnCell} in a faster form ({@link
 * PlainRnnPass}); {@code PlainRnnTests} checks it against DL4J's layer and central differences.
 *
 * <p>Masks: as for {@link Gru}, the layer does not read the mask; sequences padded at the end come
 * out right at every real step. Taught in notebook 11 ({@code 11-recurrent-networks}), where it
 * runs the memory race.
 *
 * <pre>{@code
 * .layer(new PlainRnn(8, 64))             // [batch, 8, T] -> [batch, 64, T], like SimpleRnn
 * .layer(PlainRnn.lastStep(8, 64))        // [batch, 8, T] -> [batch, 64]: h at the last step
 * }</pre>
 */
public class PlainRnn extends FeedForwardLayer implements PassLayer.Config {

  /** Parameter names, DL4J's. */
  public static final String INPUT_WEIGHTS = "W", RECURRENT_WEIGHTS = "RW", BIAS = "b";

  private boolean lastStepOnly; // output only h_{T-1} [batch, nOut], for sequence classifiers

  /** For Jackson (DL4J serialises configurations as JSON). */
  protected PlainRnn() {
    unsetTrainingDefaults();
  }

  /** A plain RNN from {@code nIn} inputs to {@code nOut} units per step. */
  public PlainRnn(long nIn, long nOut) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException(
          "a plain RNN needs nIn > 0 and nOut > 0 but got nIn = " + nIn + ", nOut = " + nOut);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    unsetTrainingDefaults();
  }

  /** As {@link Gru}: the network's global settings (clipping, init) apply to this layer too. */
  private void unsetTrainingDefaults() {
    gradientNormalization = null;
    gradientNormalizationThreshold = Double.NaN;
    biasInit = Double.NaN;
    gainInit = Double.NaN;
  }

  /**
   * A plain RNN that outputs only its last state {@code h_{T-1}} {@code [batch, nOut]} (what DL4J's
   * {@code LastTimeStep(SimpleRnn)} gives).
   */
  public static PlainRnn lastStep(long nIn, long nOut) {
    PlainRnn rnn = new PlainRnn(nIn, nOut);
    rnn.lastStepOnly = true;
    return rnn;
  }

  @Override
  public boolean isLastStepOnly() {
    return lastStepOnly;
  }

  public void setLastStepOnly(boolean lastStepOnly) {
    this.lastStepOnly = lastStepOnly;
  }

  /** Rejects input that is not {@code [batch, nIn, time]}, naming both shapes. */
  @Override
  public void validateInput(INDArray input) {
    if (input.rank() != 3 || input.size(1) != nIn) {
      throw new IllegalArgumentException(
          "the plain RNN expects input [batch, "
              + nIn
              + ", time] but got "
              + java.util.Arrays.toString(input.shape())
              + (input.rank() == 3 && input.size(2) == nIn
                  ? "; that looks like [batch, time, features]: use permute(0, 2, 1)"
                  : ""));
    }
  }

  @Override
  public String[] weightKeys() {
    return new String[] {INPUT_WEIGHTS, RECURRENT_WEIGHTS, BIAS};
  }

  @Override
  public RecurrentPass forward(
      INDArray x, INDArray inputWeights, INDArray recurrentWeights, INDArray b) {
    return new PlainRnnPass(x, inputWeights, recurrentWeights, b);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray paramsView,
      boolean initializeParams,
      DataType networkDataType) {
    PassLayer<PlainRnn> layer = new PassLayer<>(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  @Override
  public ParamInitializer initializer() {
    return PlainRnnParams.INSTANCE;
  }

  @Override
  public boolean isPretrainParam(String paramName) {
    return false;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(
        inputType, RNNFormat.NCW, getLayerName());
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    long params = initializer().numParams(this);
    long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
    // kept for backpropagation, per example and step: h (Java doubles)
    long perExample = nOut * Math.max(1, timeSteps(inputType)) * 8;
    return new LayerMemoryReport.Builder(
            getLayerName(), PlainRnn.class, inputType, getOutputType(-1, inputType))
        .standardMemory(params, updaterState)
        .workingMemory(0, perExample, 0, perExample)
        .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
        .build();
  }

  private static long timeSteps(InputType inputType) {
    return inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : 1;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
      throw new IllegalArgumentException(
          "a plain RNN reads sequences [batch, features, time] (InputType.recurrent(n)) but layer "
              + layerIndex
              + " gets "
              + inputType);
    }
    return lastStepOnly
        ? InputType.feedForward(nOut)
        : InputType.recurrent(nOut, recurrent.getTimeSeriesLength());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (inputType instanceof InputType.InputTypeRecurrent recurrent && (nIn <= 0 || override)) {
      nIn = recurrent.getSize();
    }
  }

  @Override
  public String toString() {
    return "PlainRnn(nIn=" + nIn + ", nOut=" + nOut + (lastStepOnly ? ", last step only)" : ")");
  }
}
