package org.dlcourse.optim;

import java.util.Locale;

/**
 * An optimiser on a 2-D point: given the point {@code w} and the gradient there, it returns the
 * next point. Optimisers with memory (momentum, RMSProp, Adam) keep it between calls, so use a
 * fresh one for each run.
 *
 * <pre>{@code
 * Optimizer2d adam = Optimizer2d.adam(0.1);
 * double[] w = {-1.5, 1};
 * for (int t = 0; t < 100; t++) w = adam.step(w, f.gradient(w[0], w[1]));
 * }</pre>
 *
 * <p>Each is the few lines of the lecture, written per coordinate. The network versions are {@code
 * org.dlcourse.models.Optimizers}; {@link #nesterov} and {@link #adam} take the same steps as
 * DL4J's {@code Nesterovs} and {@code Adam} updaters. Introduced in the notebook on optimisers
 * ({@code 04-optimizers}).
 */
public interface Optimizer2d {

  /** A short name with the hyper-parameters, e.g. {@code "Adam lr=0.1"}. */
  String name();

  /** The next point after one step from {@code w} with gradient {@code grad}. */
  double[] step(double[] w, double[] grad);

  /** Gradient descent: {@code w <- w - lr * grad}. */
  static Optimizer2d gd(double lr) {
    requireLr(lr);
    return new Optimizer2d() {
      @Override
      public String name() {
        return "GD lr=" + fmt(lr);
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        return new double[] {w[0] - lr * grad[0], w[1] - lr * grad[1]};
      }
    };
  }

  /**
   * Gradient descent with a decaying learning rate {@code lr_t = lr / (1 + t / tau)} at step {@code
   * t = 0, 1, ...}: large steps early, ever smaller ones later, so that noisy (stochastic)
   * gradients average out instead of keeping the point jittering around the minimum.
   *
   * @throws IllegalArgumentException unless {@code lr > 0} and {@code tau > 0}
   */
  static Optimizer2d gdDecay(double lr, double tau) {
    requireLr(lr);
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("the decay time tau must be > 0 but was " + tau);
    }
    int[] t = {0}; // the step counter
    return new Optimizer2d() {
      @Override
      public String name() {
        return "GD lr=" + fmt(lr) + "/(1+t/" + fmt(tau) + ")";
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        double rate = lr / (1 + t[0]++ / tau);
        return new double[] {w[0] - rate * grad[0], w[1] - rate * grad[1]};
      }
    };
  }

  /**
   * Momentum ("heavy ball"): a velocity that accumulates past gradients, {@code v <- beta * v - lr
   * * grad; w <- w + v}. With {@code beta = 0} it is gradient descent.
   */
  static Optimizer2d momentum(double lr, double beta) {
    requireLr(lr);
    requireFraction(beta, "momentum beta");
    double[] v = new double[2]; // the velocity, starts at rest
    return new Optimizer2d() {
      @Override
      public String name() {
        return "momentum lr=" + fmt(lr) + " beta=" + fmt(beta);
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        double[] next = new double[2];
        for (int i = 0; i < 2; i++) {
          v[i] = beta * v[i] - lr * grad[i];
          next[i] = w[i] + v[i];
        }
        return next;
      }
    };
  }

  /**
   * Nesterov momentum as DL4J's {@code Nesterovs} updater (and {@code Optimizers.momentum}) writes
   * it: {@code v' = beta * v - lr * grad; w <- w + (1 + beta) * v' - beta * v}, i.e. momentum that
   * looks one step ahead.
   */
  static Optimizer2d nesterov(double lr, double beta) {
    requireLr(lr);
    requireFraction(beta, "momentum beta");
    double[] v = new double[2];
    return new Optimizer2d() {
      @Override
      public String name() {
        return "Nesterov lr=" + fmt(lr) + " beta=" + fmt(beta);
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        double[] next = new double[2];
        for (int i = 0; i < 2; i++) {
          double previous = v[i];
          v[i] = beta * v[i] - lr * grad[i];
          next[i] = w[i] + (1 + beta) * v[i] - beta * previous;
        }
        return next;
      }
    };
  }

  /**
   * RMSProp: each coordinate's step is divided by a running root-mean-square of its gradient,
   * {@code s <- decay * s + (1 - decay) * grad^2; w <- w - lr * grad / (sqrt(s) + eps)}, so steep
   * and flat directions move at similar speeds. DL4J's {@code RmsProp} with the same decay takes
   * the same steps (it starts {@code s} at eps instead of 0, a difference below 1e-7).
   */
  static Optimizer2d rmsProp(double lr, double decay) {
    requireLr(lr);
    requireFraction(decay, "RMSProp decay");
    double eps = 1e-8;
    double[] s = new double[2]; // running mean of grad^2
    return new Optimizer2d() {
      @Override
      public String name() {
        return "RMSProp lr=" + fmt(lr);
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        double[] next = new double[2];
        for (int i = 0; i < 2; i++) {
          s[i] = decay * s[i] + (1 - decay) * grad[i] * grad[i];
          next[i] = w[i] - lr * grad[i] / (Math.sqrt(s[i]) + eps);
        }
        return next;
      }
    };
  }

  /** RMSProp with DL4J's default decay 0.95. */
  static Optimizer2d rmsProp(double lr) {
    return rmsProp(lr, 0.95);
  }

  /**
   * Adam (Kingma and Ba 2015): momentum on the gradient ({@code m}) and RMSProp's scale ({@code
   * v}), both corrected for starting at zero: {@code w <- w - lr * mHat / (sqrt(vHat) + eps)}.
   */
  static Optimizer2d adam(double lr, double beta1, double beta2) {
    requireLr(lr);
    requireFraction(beta1, "Adam beta1");
    requireFraction(beta2, "Adam beta2");
    double eps = 1e-8;
    double[] m = new double[2]; // running mean of grad
    double[] v = new double[2]; // running mean of grad^2
    int[] t = {0};
    return new Optimizer2d() {
      @Override
      public String name() {
        return "Adam lr=" + fmt(lr);
      }

      @Override
      public double[] step(double[] w, double[] grad) {
        requirePoints(w, grad);
        t[0]++;
        // the paper's efficient form: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, t[0])) / (1 - Math.pow(beta1, t[0]));
        double[] next = new double[2];
        for (int i = 0; i < 2; i++) {
          m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
          v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
          next[i] = w[i] - lrT * m[i] / (Math.sqrt(v[i]) + eps);
        }
        return next;
      }
    };
  }

  /** Adam with the usual betas (0.9, 0.999). */
  static Optimizer2d adam(double lr) {
    return adam(lr, 0.9, 0.999);
  }

  private static void requireLr(double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate lr must be > 0 but was " + lr);
    }
  }

  private static void requireFraction(double value, String what) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1) but was " + value);
    }
  }

  private static void requirePoints(double[] w, double[] grad) {
    if (w == null || grad == null || w.length != 2 || grad.length != 2) {
      throw new IllegalArgumentException(
          "expected a 2-D point and a 2-D gradient {x, y} but got "
              + java.util.Arrays.toString(w)
              + " and "
              + java.util.Arrays.toString(grad));
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", (float) v);
  }
}
