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
 * A GRU layer for DL4J, which has none: a layer of its own with a hand-written backward pass,
 * usable like {@code LSTM} in a {@code MultiLayerNetwork}; {@link #lastStep} replaces DL4J's {@code
 * LastTimeStep} wrapper, which rejects layers other than DL4J's own.
 *
 * <p>Input {@code [batch, nIn, T]}, output {@code [batch, nOut, T]} (DL4J's batch-major layout),
 * any {@code T}; the equations are those of {@link GruReference} (the reset gate scales {@code h
 * Wh_c} after the product); parameters {@code Wx [nIn, 3 nOut]}, {@code Wh [nOut, 3 nOut]}, {@code
 * b [1, 3 nOut]} (gate blocks r, u, c), Xavier-initialised, bias 0 ({@link GruParams}). The forward
 * and backward passes are {@link GruPass}: native matrix products (the input projections of all
 * steps in one product, the three gates' recurrent products fused into one per step) and the
 * element-wise gate math in Java. {@code GruTests} checks both passes against the hand-written
 * reference and against central differences.
 *
 * <p>History: the first version was a SameDiff layer unrolled over time (SameDiff derived the
 * backward pass); its training step took 2.6× the LSTM's, nearly all of it SameDiff's per-op
 * overhead, so it was replaced by this one (bench/RESULTS.md). ND4J's fused {@code gru} op computes
 * the same forward pass; its backward op {@code gru_bp} failed the reference checks when tried.
 *
 * <p>Masks: the state of a step depends only on earlier steps, so sequences padded <b>at the
 * end</b> (as {@code SequenceBatch} pads them) come out right at every real step; the layer does
 * not read the mask itself, and {@link #lastStep} returns the state after the last <i>padded</i>
 * step. Taught in notebook 11 ({@code 11-recurrent-networks}).
 *
 * <pre>{@code
 * .layer(new Gru(8, 32))              // [batch, 8, T] -> [batch, 32, T], like LSTM
 * .layer(Gru.lastStep(8, 32))         // [batch, 8, T] -> [batch, 32]: h at the last step
 * }</pre>
 */
public class Gru extends FeedForwardLayer implements PassLayer.Config {

  /** Parameter names. */
  public static final String INPUT_WEIGHTS = "Wx", RECURRENT_WEIGHTS = "Wh", BIAS = "b";

  private boolean lastStepOnly; // output only h_{T-1} [batch, nOut], for sequence classifiers

  /** For Jackson (DL4J serialises configurations as JSON). */
  protected Gru() {
    unsetTrainingDefaults();
  }

  /** A GRU from {@code nIn} inputs to {@code nOut} units per step. */
  public Gru(long nIn, long nOut) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException(
          "a GRU needs nIn > 0 and nOut > 0 but got nIn = " + nIn + ", nOut = " + nOut);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    unsetTrainingDefaults();
  }

  /**
   * Marks clipping and initial values as unset, as DL4J's layer builders do, so that the network's
   * global settings ({@code gradientNormalization(...)} and so on) apply to this layer too.
   */
  private void unsetTrainingDefaults() {
    gradientNormalization = null;
    gradientNormalizationThreshold = Double.NaN;
    biasInit = Double.NaN;
    gainInit = Double.NaN;
  }

  /**
   * A GRU that outputs only its last state {@code h_{T-1}}, {@code [batch, nOut]}, to feed a dense
   * or output layer: DL4J's {@code LastTimeStep} wrapper accepts only DL4J's own recurrent layers.
   */
  public static Gru lastStep(long nIn, long nOut) {
    Gru gru = new Gru(nIn, nOut);
    gru.lastStepOnly = true;
    return gru;
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
          "the GRU expects input [batch, "
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
    return new GruPass(x, inputWeights, recurrentWeights, b);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray paramsView,
      boolean initializeParams,
      DataType networkDataType) {
    PassLayer<Gru> layer = new PassLayer<>(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  @Override
  public ParamInitializer initializer() {
    return GruParams.INSTANCE;
  }

  @Override
  public boolean isPretrainParam(String paramName) {
    return false;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    // sequences pass as they are; feed-forward input would be reshaped to one step per example
    return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(
        inputType, RNNFormat.NCW, getLayerName());
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    long params = initializer().numParams(this);
    long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
    // kept for backpropagation, per example and step: r, u, c, m, h (Java doubles)
    long perExample = 5 * nOut * Math.max(1, timeSteps(inputType)) * 8;
    return new LayerMemoryReport.Builder(
            getLayerName(), Gru.class, inputType, getOutputType(-1, inputType))
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
          "a GRU reads sequences [batch, features, time] (InputType.recurrent(n)) but layer "
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
    return "Gru(nIn=" + nIn + ", nOut=" + nOut + (lastStepOnly ? ", last step only)" : ")");
  }
}
