package org.dlcourse.ps.ps5;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adversarial training (notebook: ps5.ipynb, question q3; Goodfellow et al., 2015): every step
 * trains on a batch's clean examples and on FGSM examples made against the network as it is at that
 * step, with equal weight:
 *
 * <pre>
 *   L = 1/2 [ mean_i loss(x_i, y_i) + mean_i loss(x_adv_i, y_i) ],  x_adv = FGSM(x, y, eps)
 * </pre>
 */
public final class AdversarialTraining {
  private AdversarialTraining() {}

  /**
   * One optimizer step of {@code net} on the 2n examples {@code [x; x_adv]} with labels {@code [y;
   * y]}, where {@code x_adv = Fgsm.attack(net, x, y, eps)} (x {@code [n, 784]}, y {@code [n, 10]}).
   * Returns the loss before the step.
   */
  public static double step(MultiLayerNetwork net, INDArray x, INDArray y, double eps) {
    // BEGIN SOLUTION attack the current network, then one fit on clean and adversarial stacked
    INDArray adversarial = Fgsm.attack(net, x, y, eps);
    net.fit(Nd4j.vstack(x, adversarial), Nd4j.vstack(y, y));
    return net.score();
    // END SOLUTION
  }
}
