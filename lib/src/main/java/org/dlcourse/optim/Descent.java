package org.dlcourse.optim;

import java.util.Objects;
import java.util.Random;

/**
 * Runs an {@link Optimizer2d} on a {@link Function2d} and records the {@link Trajectory}.
 *
 * <pre>{@code
 * Trajectory path = Descent.run(Function2d.bowl(1, 20), Optimizer2d.adam(0.1), new double[] {-2, 1}, 100);
 * Trajectory noisy = Descent.runNoisy(f, Optimizer2d.gd(0.05), start, 100, 1.0, 42); // "SGD"
 * }</pre>
 *
 * <p>A run stops early once it has diverged (see {@link Trajectory#DIVERGED}). Introduced in the
 * notebook on optimisers ({@code 04-optimizers}).
 */
public final class Descent {

  private Descent() {}

  /** {@code numSteps} steps of {@code optimizer} on {@code f} from {@code start}. */
  public static Trajectory run(Function2d f, Optimizer2d optimizer, double[] start, int numSteps) {
    return runNoisy(f, optimizer, start, numSteps, 0, 0);
  }

  /**
   * Like {@link #run} with Gaussian noise of standard deviation {@code noise} added to each
   * coordinate of every gradient: a stand-in for the minibatch gradients of stochastic gradient
   * descent, which are right on average but noisy.
   */
  public static Trajectory runNoisy(
      Function2d f, Optimizer2d optimizer, double[] start, int numSteps, double noise, long seed) {
    Objects.requireNonNull(f, "f must not be null");
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    if (start == null || start.length != 2) {
      throw new IllegalArgumentException(
          "start must be a 2-D point {x, y} but was " + java.util.Arrays.toString(start));
    }
    if (numSteps < 0) {
      throw new IllegalArgumentException("numSteps must be >= 0 but was " + numSteps);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise must be >= 0 but was " + noise);
    }
    Random random = new Random(seed);
    double[][] points = new double[numSteps + 1][];
    double[] values = new double[numSteps + 1];
    double[] w = start.clone();
    points[0] = w;
    values[0] = f.value(w[0], w[1]);
    int taken = 0;
    for (int t = 1; t <= numSteps; t++) {
      double[] grad = f.gradient(w[0], w[1]).clone();
      if (noise > 0) {
        grad[0] += noise * random.nextGaussian();
        grad[1] += noise * random.nextGaussian();
      }
      w = optimizer.step(w, grad);
      points[t] = w;
      values[t] = f.value(w[0], w[1]);
      taken = t;
      if (!(Math.abs(values[t]) <= Trajectory.DIVERGED)) {
        break; // diverged: further steps only overflow
      }
    }
    return new Trajectory(
        optimizer.name(),
        java.util.Arrays.copyOf(points, taken + 1),
        java.util.Arrays.copyOf(values, taken + 1));
  }
}
