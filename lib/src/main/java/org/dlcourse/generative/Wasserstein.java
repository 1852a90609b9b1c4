package org.dlcourse.generative;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Wasserstein-1 ("earth mover's") distance between samples: in 1-D exactly, in more dimensions
 * as the sliced distance (the mean over directions of the 1-D distance of the projections).
 *
 * <p>In 1-D, {@code W1(P, Q) = integral |F_P(t) - F_Q(t)| dt} with the empirical distribution
 * functions {@code F}; for samples of equal size it is the mean of {@code |a_(i) - b_(i)|} over the
 * sorted values. It is in the data's own units: shifting a sample by 0.5 moves it by exactly 0.5.
 */
public final class Wasserstein {

  private Wasserstein() {}

  /** {@code W1} between two 1-D samples (any sizes >= 1). */
  public static double oneD(double[] a, double[] b) {
    requireSample(a, "a");
    requireSample(b, "b");
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    // sweep the merged sorted values; between consecutive values t, t' both CDFs are constant
    int i = 0;
    int j = 0;
    double distance = 0;
    double previous = Math.min(x[0], y[0]);
    while (i < x.length || j < y.length) {
      double t = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
      distance += Math.abs((double) i / x.length - (double) j / y.length) * (t - previous);
      previous = t;
      while (i < x.length && x[i] == t) {
        i++;
      }
      while (j < y.length && y[j] == t) {
        j++;
      }
    }
    return distance;
  }

  /**
   * The sliced {@code W1} between {@code X [n, d]} and {@code Y [m, d]}: the mean of {@link #oneD}
   * of the projections onto {@code numDirections} random unit vectors drawn from {@code seed}.
   */
  public static double sliced(INDArray X, INDArray Y, int numDirections, long seed) {
    double[][] x = Mmd.rows(X, "X");
    double[][] y = Mmd.rows(Y, "Y");
    if (x[0].length != y[0].length) {
      throw new IllegalArgumentException(
          "X and Y must have the same number of columns but have "
              + x[0].length
              + " and "
              + y[0].length);
    }
    if (numDirections < 1) {
      throw new IllegalArgumentException("numDirections must be >= 1 but was " + numDirections);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double sum = 0;
    for (int k = 0; k < numDirections; k++) {
      double[] u = unitVector(x[0].length, random);
      sum += oneD(project(x, u), project(y, u));
    }
    return sum / numDirections;
  }

  private static double[] unitVector(int d, SplittableRandom random) {
    double[] u = new double[d];
    double norm = 0;
    while (norm < 1e-12) {
      norm = 0;
      for (int i = 0; i < d; i++) {
        // Box-Muller: a Gaussian vector points in a uniformly random direction
        u[i] =
            Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble());
        norm += u[i] * u[i];
      }
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < d; i++) {
      u[i] /= norm;
    }
    return u;
  }

  private static double[] project(double[][] x, double[] u) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < u.length; k++) {
        p[i] += x[i][k] * u[k];
      }
    }
    return p;
  }

  private static void requireSample(double[] a, String name) {
    Objects.requireNonNull(a, name + " must not be null");
    if (a.length == 0) {
      throw new IllegalArgumentException(name + " must hold at least one value but is empty");
    }
    for (double v : a) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            name + " holds a value that is not finite (" + v + "); a diverged generator?");
      }
    }
  }
}
