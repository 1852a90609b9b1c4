package org.dlcourse.recurrent;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much the loss at the last step depends on each earlier input: {@code ||∂L/∂x_t||} per step,
 * the quantity that vanishes through time in a plain RNN.
 *
 * <pre>{@code
 * double[] g = GradientThroughTime.byDistance(classifier, batch.features(), batch.labels());
 * // g[k] = mean over the batch of ||∂L/∂x_{T-1-k}||: k = 0 is the last step, k = T-1 the first
 * }</pre>
 *
 * <p>The network must put its loss on the last step only (as {@code RecurrentNets.classifier} does,
 * with {@code LastTimeStep}). One backward pass through DL4J ({@code calculateGradients}) gives
 * {@code ∂L/∂x} {@code [batch, nIn, T]}; each step's slice {@code [batch, nIn]} is reduced to one
 * Euclidean norm per sequence, averaged over the batch.
 */
public final class GradientThroughTime {

  private GradientThroughTime() {}

  /** {@code ||∂L/∂x_t||} for {@code t = 0 … T-1}, averaged over the batch. */
  public static double[] perStep(MultiLayerNetwork network, INDArray x, INDArray y) {
    if (x == null || x.rank() != 3) {
      throw new IllegalArgumentException(
          "expected x of shape [batch, features, time] but got "
              + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
    }
    if (y == null || y.rank() != 2 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException(
          "expected one label row per sequence, y of shape ["
              + x.size(0)
              + ", classes], but got "
              + (y == null ? "null" : java.util.Arrays.toString(y.shape()))
              + "; the loss must sit on the last step (build the network with"
              + " RecurrentNets.classifier)");
    }
    var type = network.params().dataType();
    INDArray dx =
        network.calculateGradients(x.castTo(type), y.castTo(type), null, null).getSecond();
    // dx [batch, nIn, T]: norm over the features -> [batch, T], then the mean over the batch -> [T]
    INDArray norms = dx.norm2(1).mean(0);
    return norms.toDoubleVector();
  }

  /** The same, indexed by distance from the last step: entry {@code k} is step {@code T-1-k}. */
  public static double[] byDistance(MultiLayerNetwork network, INDArray x, INDArray y) {
    double[] perStep = perStep(network, x, y);
    double[] byDistance = new double[perStep.length];
    for (int k = 0; k < perStep.length; k++) {
      byDistance[k] = perStep[perStep.length - 1 - k];
    }
    return byDistance;
  }
}
