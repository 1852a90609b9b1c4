package org.dlcourse.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU layer for DL4J, which has none: a SameDiff layer unrolled over time, usable like {@code
 * LSTM} in a {@code MultiLayerNetwork}; {@link #lastStep} replaces DL4J's {@code LastTimeStep}
 * wrapper, which rejects layers other than DL4J's own.
 *
 * <p>Input {@code [batch, nIn, T]}, output {@code [batch, nOut, T]} (DL4J's batch-major layout);
 * the equations are those of {@link GruReference}; parameters {@code Wx [nIn, 3 nOut]}, {@code Wh
 * [nOut, 3 nOut]}, {@code b [1, 3 nOut]} (gate blocks r, u, c), Xavier-initialised, bias 0. The
 * graph is built from elementary SameDiff ops, one block per time step, and SameDiff derives the
 * backward pass; {@code GruTests} checks both passes against the hand-written reference and against
 * central differences. (ND4J's fused {@code gru} op computes the same forward pass; its backward op
 * {@code gru_bp} failed the same checks, but it was tried before the gradient-doubling bug
 * described at {@code halfGradient} was found, so whether {@code gru_bp} itself is wrong was not
 * settled; the unrolled form is used.)
 *
 * <p>Unrolling fixes the number of time steps {@code T} at the first input the layer sees; a later
 * input of another length is rejected with a message (pad every batch to the same length).
 *
 * <p>Masks: the state of a step depends only on earlier steps, so sequences padded <b>at the
 * end</b> (as {@code SequenceBatch} pads them) come out right at every real step; the layer does
 * not read the mask itself. Taught in notebook 11 ({@code 11-recurrent-networks}).
 *
 * <pre>{@code
 * .layer(new Gru(8, 32))              // [batch, 8, T] -> [batch, 32, T], like LSTM
 * .layer(Gru.lastStep(8, 32))         // [batch, 8, T] -> [batch, 32]: h at the last step
 * }</pre>
 */
public class Gru extends SameDiffLayer {

  /** Parameter names. */
  public static final String INPUT_WEIGHTS = "Wx", RECURRENT_WEIGHTS = "Wh", BIAS = "b";

  private long nIn;
  private long nOut;
  private boolean lastStepOnly; // output only h_{T-1} [batch, nOut], for sequence classifiers
  private transient long timeSteps; // fixed by the first input: the graph is unrolled over time

  /** For Jackson (DL4J serialises configurations as JSON). */
  protected Gru() {}

  /** A GRU from {@code nIn} inputs to {@code nOut} units per step. */
  public Gru(long nIn, long nOut) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException(
          "a GRU needs nIn > 0 and nOut > 0 but got nIn = " + nIn + ", nOut = " + nOut);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    this.weightInit = WeightInit.XAVIER;
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

  public boolean isLastStepOnly() {
    return lastStepOnly;
  }

  public void setLastStepOnly(boolean lastStepOnly) {
    this.lastStepOnly = lastStepOnly;
  }

  public long getNIn() {
    return nIn;
  }

  public void setNIn(long nIn) {
    this.nIn = nIn;
  }

  public long getNOut() {
    return nOut;
  }

  public void setNOut(long nOut) {
    this.nOut = nOut;
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable layerInput, Map<String, SDVariable> params, SDVariable mask) {
    long time = layerInput.getShape()[2];
    timeSteps = time;
    SDVariable Wx = params.get(INPUT_WEIGHTS), Wh = params.get(RECURRENT_WEIGHTS);
    SDVariable b = params.get(BIAS);
    SDVariable WhRu = Wh.get(SDIndex.all(), SDIndex.interval(0L, 2 * nOut)); // [nOut, 2 nOut]
    SDVariable WhC = Wh.get(SDIndex.all(), SDIndex.interval(2 * nOut, 3 * nOut)); // [nOut, nOut]
    // x Wx + b for every step in one product: [batch, nIn, T] -> [T, batch, nIn] -> [T·batch, nIn]
    SDVariable timeMajor = sd.permute(layerInput, 2, 0, 1);
    SDVariable flat =
        sd.reshape(
            timeMajor,
            sd.concat(
                0, sd.constant(Nd4j.createFromArray(-1L)), sd.constant(Nd4j.createFromArray(nIn))));
    SDVariable zx = flat.mmul(Wx).add(b); // [T·batch, 3 nOut]
    SDVariable zxSteps =
        sd.reshape(
            zx,
            sd.concat(
                0, sd.constant(Nd4j.createFromArray(time, -1L, 3 * nOut)))); // [T, batch, 3 nOut]
    SDVariable[] steps = sd.unstack(zxSteps, 0, (int) time); // T arrays [batch, 3 nOut]
    // h_{-1} = 0 of shape [batch, nOut]: the batch size is only known at run time
    SDVariable h = steps[0].mmul(sd.constant(Nd4j.zeros(layerInput.dataType(), 3 * nOut, nOut)));
    SDVariable[] states = new SDVariable[(int) time];
    for (int t = 0; t < time; t++) {
      SDVariable zt = steps[t]; // [batch, 3 nOut]
      SDVariable ru =
          sd.nn().sigmoid(zt.get(SDIndex.all(), SDIndex.interval(0L, 2 * nOut)).add(h.mmul(WhRu)));
      SDVariable r = ru.get(SDIndex.all(), SDIndex.interval(0L, nOut));
      SDVariable u = ru.get(SDIndex.all(), SDIndex.interval(nOut, 2 * nOut));
      SDVariable zc =
          zt.get(SDIndex.all(), SDIndex.interval(2 * nOut, 3 * nOut)).add(r.mul(h.mmul(WhC)));
      SDVariable c = sd.math().tanh(zc);
      h = c.add(u.mul(h.sub(c))); // u ⊙ h + (1 − u) ⊙ c
      states[t] = h;
    }
    SDVariable out = lastStepOnly ? h : sd.stack(2, states); // [batch, nOut] or [batch, nOut, T]
    return halfGradient(sd, out);
  }

  /**
   * {@code out} unchanged in the forward pass, with half the gradient in the backward pass.
   *
   * <p>DL4J 1.0.0-M2.1's {@code SameDiffLayer.backpropGradient} feeds the incoming gradient into
   * the graph twice (its external-errors function registers it as the output's gradient and also
   * returns it), so every gradient of a SameDiff layer comes out exactly 2× too large; measured for
   * the GRU and for a one-multiplication layer, any batch size. {@code out/2 + stop(out)/2} equals
   * {@code out} exactly in floating point (halving is exact), and only its first half passes
   * gradient. {@code GruTests} compares against central differences, so this fails loudly if a DL4J
   * version fixes the bug.
   */
  static SDVariable halfGradient(SameDiff sd, SDVariable out) {
    SDVariable stopped = new StopGradient(sd, out).outputVariable();
    return out.mul(0.5).add(stopped.mul(0.5));
  }

  @Override
  public void validateInput(INDArray input) {
    if (input.rank() != 3 || input.size(1) != nIn) {
      throw new IllegalArgumentException(
          "the GRU expects input [batch, "
              + nIn
              + ", time] but got "
              + java.util.Arrays.toString(input.shape()));
    }
    if (timeSteps > 0 && input.size(2) != timeSteps) {
      throw new IllegalArgumentException(
          "this GRU layer was unrolled for "
              + timeSteps
              + " time steps on its first input but got "
              + input.size(2)
              + "; pad every batch to "
              + timeSteps
              + " steps (SequenceBatch pads to the longest sequence) or build a new network");
    }
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(INPUT_WEIGHTS, nIn, 3 * nOut);
    params.addWeightParam(RECURRENT_WEIGHTS, nOut, 3 * nOut);
    params.addBiasParam(BIAS, 1, 3 * nOut);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    initWeights((int) nIn, (int) nOut, WeightInit.XAVIER, params.get(INPUT_WEIGHTS));
    initWeights((int) nOut, (int) nOut, WeightInit.XAVIER, params.get(RECURRENT_WEIGHTS));
    params.get(BIAS).assign(0);
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
  public Pair<INDArray, MaskState> feedForwardMaskArray(
      INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
    // the last-step output has no time axis, so no per-step mask follows it
    return lastStepOnly
        ? new Pair<>(null, currentMaskState)
        : new Pair<>(maskArray, currentMaskState);
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
