package org.dlcourse.models;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizers of the lectures by their lecture names, as DL4J updaters.
 *
 * <p>Introduced in notebook 04 ({@code 04-optimizers}). Pass the result to a model builder's {@code
 * updater(...)}.
 */
public final class Optimizers {

  private Optimizers() {}

  /** Plain stochastic gradient descent: {@code w <- w - lr * grad}. */
  public static IUpdater sgd(double lr) {
    return new Sgd(requireLr(lr));
  }

  /**
   * SGD with Nesterov momentum (DL4J's {@code Nesterovs}): {@code v' = momentum * v - lr * grad; w
   * <- w + (1 + momentum) * v' - momentum * v}, i.e. the step looks one momentum step ahead. (Plain
   * heavy-ball momentum would be {@code w <- w + v'}.)
   */
  public static IUpdater momentum(double lr, double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
    }
    return new Nesterovs(requireLr(lr), momentum);
  }

  /** RMSProp: divides each step by a running root-mean-square of the gradient. */
  public static IUpdater rmsProp(double lr) {
    return new RmsProp(requireLr(lr));
  }

  /** Adam with the usual betas (0.9, 0.999): momentum plus RMSProp-style step sizes. */
  public static IUpdater adam(double lr) {
    return new Adam(requireLr(lr));
  }

  private static double requireLr(double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate lr must be > 0 but was " + lr);
    }
    return lr;
  }
}
