package org.dlcourse.optim;

import java.util.Locale;

/**
 * The points an optimiser visited on a 2-D function, the start included.
 *
 * <p>Introduced in the notebook on optimisers ({@code 04-optimizers}).
 *
 * @param name the optimiser, e.g. {@code "Adam lr=0.1"}
 * @param points {@code [numSteps + 1][2]}: the start, then the point after each step
 * @param values {@code f} at each point
 */
public record Trajectory(String name, double[][] points, double[] values) {

  /** A value above this (or a non-finite one) counts as diverged. */
  public static final double DIVERGED = 1e12;

  /** Checks that there is one value per point. */
  public Trajectory {
    if (points == null || values == null || points.length == 0 || points.length != values.length) {
      throw new IllegalArgumentException(
          "expected one value per point and at least one point but got "
              + (points == null ? "null" : points.length)
              + " points and "
              + (values == null ? "null" : values.length)
              + " values");
    }
  }

  /** The number of steps taken. */
  public int numSteps() {
    return points.length - 1;
  }

  /** The last point. */
  public double[] last() {
    return points[points.length - 1].clone();
  }

  /** {@code f} at the last point. */
  public double lastValue() {
    return values[values.length - 1];
  }

  /** The Euclidean distance from the last point to {@code point}. */
  public double distanceTo(double[] point) {
    double[] w = points[points.length - 1];
    return Math.hypot(w[0] - point[0], w[1] - point[1]);
  }

  /** Whether the run blew up: a value above {@link #DIVERGED}, infinite or NaN. */
  public boolean diverged() {
    for (double v : values) {
      if (!(Math.abs(v) <= DIVERGED)) {
        return true;
      }
    }
    return false;
  }

  /** The path as {@code {xs, ys}}, the form {@code Contours.plot} and {@code Plots} take. */
  public double[][] xy() {
    double[][] xy = new double[2][points.length];
    for (int i = 0; i < points.length; i++) {
      xy[0][i] = points[i][0];
      xy[1][i] = points[i][1];
    }
    return xy;
  }

  @Override
  public String toString() {
    double[] w = points[points.length - 1];
    return String.format(
        Locale.ROOT,
        "Trajectory[%s, %d steps, last (%.4g, %.4g), f = %.4g%s]",
        name,
        numSteps(),
        w[0],
        w[1],
        lastValue(),
        diverged() ? ", diverged" : "");
  }
}
