package org.dlcourse.models;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The optimizers of the lectures by their lecture names, as DL4J updaters.
 *
 * <p>Introduced in the notebook on optimisers ({@code 04-optimizers}). Pass the result to a model
 * builder's {@code updater(...)}.
 */
public final class Optimizers {

  private Optimizers() {}

  /** Plain stochastic gradient descent: {@code w <- w - lr * grad}. */
  public static IUpdater sgd(double lr) {
    return new Sgd(requireLr(lr));
  }

  /**
   * SGD whose learning rate decays with the minibatch step {@code t = 0, 1, ...}: {@code lr_t = lr
   * / (1 + t / tau)}, DL4J's {@code InverseSchedule} with {@code gamma = 1 / tau} and power 1.
   * After {@code tau} steps the rate has halved.
   *
   * @throws IllegalArgumentException unless {@code lr > 0} and {@code tau > 0}
   */
  public static IUpdater sgdDecay(double lr, double tau) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException(
          "the decay time tau (in minibatch steps) must be > 0 but was " + tau);
    }
    return new Sgd(new InverseSchedule(ScheduleType.ITERATION, requireLr(lr), 1 / tau, 1));
  }

  /**
   * SGD with Nesterov momentum, DL4J's {@code Nesterovs} updater: with {@code v' = momentum * v -
   * lr * grad} it steps {@code w <- w + (1 + momentum) * v' - momentum * v}, momentum that looks
   * one step ahead. (Plain "heavy ball" momentum, {@code v <- momentum * v - lr * grad; w <- w +
   * v}, is {@code Optimizer2d.momentum} in the 2-D lessons; {@code Optimizer2d.nesterov} is this
   * rule.)
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
