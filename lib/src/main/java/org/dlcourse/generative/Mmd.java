package org.dlcourse.generative;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum mean discrepancy (Gretton et al., 2012) between two samples, with a Gaussian kernel.
 *
 * <pre>
 *   MMD^2(X, Y) = mean_ij k(x_i, x_j) + mean_ij k(y_i, y_j) - 2 mean_ij k(x_i, y_j),
 *   k(a, b) = exp(-|a - b|^2 / (2 sigma^2))
 * </pre>
 *
 * <p>It is the squared distance between the two samples' mean embeddings in the kernel's feature
 * space, so it is zero for identical samples and (for a Gaussian kernel, in the limit of many
 * samples) zero only when the distributions are equal. This is the biased ("V-statistic") estimate:
 * never negative, and two finite samples of the same distribution give a small positive value, so
 * compare with the real data's own value (one half against the other). {@code sigma} sets the scale
 * of the differences it sees: about the size of the structure you care about. For low-dimensional
 * data; {@code [n, d]} arrays, cost {@code O((n + m)^2 d)}.
 */
public final class Mmd {

  private Mmd() {}

  /** {@code MMD(X, Y) = sqrt(max(0, MMD^2))} for {@code X [n, d]}, {@code Y [m, d]}. */
  public static double of(INDArray X, INDArray Y, double sigma) {
    return Math.sqrt(Math.max(0, squared(X, Y, sigma)));
  }

  /** The biased estimate of {@code MMD^2(X, Y)}. */
  public static double squared(INDArray X, INDArray Y, double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("the kernel width sigma must be > 0 but was " + sigma);
    }
    double[][] x = rows(X, "X");
    double[][] y = rows(Y, "Y");
    if (x[0].length != y[0].length) {
      throw new IllegalArgumentException(
          "X and Y must have the same number of columns but have "
              + x[0].length
              + " and "
              + y[0].length);
    }
    double gamma = 1 / (2 * sigma * sigma);
    return meanKernel(x, x, gamma) + meanKernel(y, y, gamma) - 2 * meanKernel(x, y, gamma);
  }

  private static double meanKernel(double[][] a, double[][] b, double gamma) {
    double sum = 0;
    for (double[] ai : a) {
      for (double[] bj : b) {
        double d2 = 0;
        for (int k = 0; k < ai.length; k++) {
          double diff = ai[k] - bj[k];
          d2 += diff * diff;
        }
        sum += Math.exp(-gamma * d2);
      }
    }
    return sum / ((double) a.length * b.length);
  }

  static double[][] rows(INDArray X, String name) {
    Objects.requireNonNull(X, name + " must not be null");
    if (X.rank() != 2 || X.size(0) < 1) {
      throw new IllegalArgumentException(
          "expected "
              + name
              + " of shape [n, d] with n >= 1 but got "
              + Arrays.toString(X.shape()));
    }
    return X.toDoubleMatrix();
  }
}
