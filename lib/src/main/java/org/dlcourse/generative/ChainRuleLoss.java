package org.dlcourse.generative;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The generator's "loss": its labels are the gradient {@code dL/dx} of the real objective with
 * respect to the generator's output {@code x}, computed elsewhere (by the discriminator).
 *
 * <p>The generator is trained on a loss that lives in another network. The chain rule splits it:
 * {@code dL/dtheta = dL/dx * dx/dtheta}. The discriminator supplies {@code dL/dx} ({@code [n, d]},
 * one row per generated sample); this loss hands it to DL4J's ordinary backward pass through the
 * generator's own output activation, {@code dL/dz = dL/dx * act'(z)}, so that {@code fit(z, dLdx)}
 * performs one optimizer step of the generator alone. Its score is the linearised objective {@code
 * sum_j dLdx_j * x_j} per example, which only matters for its gradient.
 */
public final class ChainRuleLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;

  @Override
  public INDArray computeGradient(
      INDArray dLdx, INDArray preOutput, IActivation activationFn, INDArray mask) {
    requireNoMask(mask);
    // [n, d]: dL/dz = act'(z) applied to dL/dx (backprop of the output activation)
    return activationFn.backprop(preOutput.dup(), dLdx.dup()).getFirst();
  }

  @Override
  public INDArray computeScoreArray(
      INDArray dLdx, INDArray preOutput, IActivation activationFn, INDArray mask) {
    requireNoMask(mask);
    INDArray x = activationFn.getActivation(preOutput.dup(), true); // [n, d]
    return x.mul(dLdx).sum(true, 1); // [n, 1]
  }

  @Override
  public double computeScore(
      INDArray dLdx, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
    double sum = computeScoreArray(dLdx, preOutput, activationFn, mask).sumNumber().doubleValue();
    return average ? sum / dLdx.size(0) : sum;
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray dLdx, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
    return new Pair<>(
        computeScore(dLdx, preOutput, activationFn, mask, average),
        computeGradient(dLdx, preOutput, activationFn, mask));
  }

  @Override
  public String name() {
    return "ChainRuleLoss";
  }

  @Override
  public String toString() {
    return "ChainRuleLoss()";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChainRuleLoss;
  }

  @Override
  public int hashCode() {
    return ChainRuleLoss.class.hashCode();
  }

  private static void requireNoMask(INDArray mask) {
    if (mask != null) {
      throw new IllegalArgumentException(
          "ChainRuleLoss does not support masks (the generator's output is one vector per"
              + " example); remove the label mask");
    }
  }
}
