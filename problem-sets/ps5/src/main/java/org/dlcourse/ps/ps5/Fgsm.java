package org.dlcourse.ps.ps5;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fast gradient sign method (Goodfellow et al., 2015; notebook: ps5.ipynb, question q2):
 *
 * <pre>
 *   x_adv = clip(x + eps * sign(dL/dx), 0, 1)
 * </pre>
 *
 * <p>with {@code L} the classifier's cross-entropy for the true labels. Every pixel moves by
 * exactly {@code eps} in the direction that raises the loss (a pixel whose gradient is exactly 0
 * stays), then is clipped to the valid range [0, 1]; so {@code |x_adv - x| <= eps} everywhere.
 * Shapes: images {@code x [n, 784]}, one-hot labels {@code y [n, 10]}.
 */
public final class Fgsm {
  private Fgsm() {}

  /**
   * {@code dL/dx [n, 784]}: row i is the gradient of example i's own cross-entropy with respect to
   * its pixels, for the network as it is (no weight changes). DL4J computes it in one backward
   * pass: {@code net.calculateGradients(x, y, null, null)} returns the weights' gradient and the
   * input gradient.
   */
  public static INDArray inputGradient(MultiLayerNetwork net, INDArray x, INDArray y) {
    // BEGIN SOLUTION the second half of calculateGradients' pair
    return net.calculateGradients(x, y, null, null).getSecond();
    // END SOLUTION
  }

  /** {@code clip(x + eps * sign(gradient), 0, 1)}, a new array of x's shape (x is not changed). */
  public static INDArray perturb(INDArray x, INDArray gradient, double eps) {
    // BEGIN SOLUTION sign, times eps, added to a copy of x, clipped to [0, 1]
    INDArray moved = x.add(Transforms.sign(gradient, true).muli(eps));
    return Transforms.max(Transforms.min(moved, 1.0, false), 0.0, false);
    // END SOLUTION
  }

  /** FGSM examples of x for the network as it is: {@code perturb(x, inputGradient(...), eps)}. */
  public static INDArray attack(MultiLayerNetwork net, INDArray x, INDArray y, double eps) {
    return perturb(x, inputGradient(net, x, y), eps);
  }
}
