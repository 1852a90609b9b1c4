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
 * DL4J's {@code LSTM} computed the way the course's {@link Gru} is: the same equations, parameters,
 * parameter layout and initial values as DL4J's layer, with a hand-written backward pass that runs
 * several times faster at course sizes ({@link LstmPass}).
 *
 * <p>With {@code z = x_t W + h_{t-1} RW + b} split into four column blocks of {@code nOut} (DL4J's
 * order):
 *
 * <pre>
 *   a = tanh(z_0)   the candidate          f = σ(z_1)   forget gate
 *   o = σ(z_2)      output gate            i = σ(z_3)   input gate
 *   c_t = f ⊙ c_{t-1} + i ⊙ a,     h_t = o ⊙ tanh(c_t),     h_{-1} = c_{-1} = 0
 * </pre>
 *
 * Parameters {@code W [nIn, 4 nOut]}, {@code RW [nOut, 4 nOut]}, {@code b [1, 4 nOut]} (DL4J's
 * names), initialised as DL4J's {@code LSTM} initialises them (the network's weight init with
 * fan-in {@code nOut} and fan-out {@code nIn + nOut}, the forget-gate bias {@link
 * #getForgetGateBias()}, the other biases 0), so that a seed gives the same initial network as
 * DL4J's layer ({@code LstmTests} checks this, and both passes against DL4J's layer and central
 * differences). No peepholes (that is DL4J's {@code GravesLSTM}).
 *
 * <p>Masks: as for {@link Gru}, the layer does not read the mask; sequences padded at the end come
 * out right at every real step, and {@link #lastStep} returns the state after the last padded step.
 * Taught in notebook 11 ({@code 11-recurrent-networks}), where it runs the memory race.
 *
 * <pre>{@code
 * .layer(new Lstm(8, 32))               // [batch, 8, T] -> [batch, 32, T], like DL4J's LSTM
 * .layer(Lstm.lastStep(8, 32, 5.0))     // [batch, 8, T] -> [batch, 32]: h at the last step
 * }</pre>
 */
public class Lstm extends FeedForwardLayer implements PassLayer.Config {

  /** Parameter names, DL4J's. */
  public static final String INPUT_WEIGHTS = "W", RECURRENT_WEIGHTS = "RW", BIAS = "b";

  private double forgetGateBias = 1.0; // DL4J's default forgetGateBiasInit
  private boolean lastStepOnly; // output only h_{T-1} [batch, nOut], for sequence classifiers

  /** For Jackson (DL4J serialises configurations as JSON). */
  protected Lstm() {
    unsetTrainingDefaults();
  }

  /** An LSTM from {@code nIn} inputs to {@code nOut} units per step, forget-gate bias 1. */
  public Lstm(long nIn, long nOut) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException(
          "an LSTM needs nIn > 0 and nOut > 0 but got nIn = " + nIn + ", nOut = " + nOut);
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
   * An LSTM that outputs only its last state {@code h_{T-1}} {@code [batch, nOut]} (what DL4J's
   * {@code LastTimeStep(LSTM)} gives), with the forget-gate bias initialised to {@code
   * forgetGateBias}.
   */
  public static Lstm lastStep(long nIn, long nOut, double forgetGateBias) {
    Lstm lstm = new Lstm(nIn, nOut);
    lstm.lastStepOnly = true;
    lstm.forgetGateBias = forgetGateBias;
    return lstm;
  }

  @Override
  public boolean isLastStepOnly() {
    return lastStepOnly;
  }

  public void setLastStepOnly(boolean lastStepOnly) {
    this.lastStepOnly = lastStepOnly;
  }

  /** The initial bias of the forget gate (columns {@code [nOut, 2 nOut)} of {@code b}). */
  public double getForgetGateBias() {
    return forgetGateBias;
  }

  public void setForgetGateBias(double forgetGateBias) {
    this.forgetGateBias = forgetGateBias;
  }

  /** Rejects input that is not {@code [batch, nIn, time]}, naming both shapes. */
  @Override
  public void validateInput(INDArray input) {
    if (input.rank() != 3 || input.size(1) != nIn) {
      throw new IllegalArgumentException(
          "the LSTM expects input [batch, "
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
    return new LstmPass(x, inputWeights, recurrentWeights, b);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray paramsView,
      boolean initializeParams,
      DataType networkDataType) {
    PassLayer<Lstm> layer = new PassLayer<>(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  @Override
  public ParamInitializer initializer() {
    return LstmParams.INSTANCE;
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
    // kept for backpropagation, per example and step: a, f, o, i, c, h (Java doubles)
    long perExample = 6 * nOut * Math.max(1, timeSteps(inputType)) * 8;
    return new LayerMemoryReport.Builder(
            getLayerName(), Lstm.class, inputType, getOutputType(-1, inputType))
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
          "an LSTM reads sequences [batch, features, time] (InputType.recurrent(n)) but layer "
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
    return "Lstm(nIn="
        + nIn
        + ", nOut="
        + nOut
        + ", forget-gate bias "
        + forgetGateBias
        + (lastStepOnly ? ", last step only)" : ")");
  }
}
