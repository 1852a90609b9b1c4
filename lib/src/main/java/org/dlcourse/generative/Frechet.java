package org.dlcourse.generative;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised by a Gaussian (mean,
 * covariance): the idea behind FID (Heusel et al., 2017), with the features of a classifier trained
 * in the course instead of Inception's.
 *
 * <pre>
 *   FD = |mu_1 - mu_2|^2 + Tr(C_1) + Tr(C_2) - 2 Tr((C_1 C_2)^(1/2))
 * </pre>
 *
 * <p>It is the squared Wasserstein-2 distance between the two Gaussians: 0 for identical sets,
 * {@code |mu_1 - mu_2|^2} for a shift. The trace of the matrix square root is computed as {@code
 * Tr((S C_2 S)^(1/2))} with {@code S = C_1^(1/2)}: the same eigenvalues, but a symmetric matrix.
 * Finite samples of one distribution give a positive value that shrinks with the sample size, so
 * compare with the real data's own value at the same sizes.
 */
public final class Frechet {

  private Frechet() {}

  /** The Fréchet distance between feature sets {@code F1 [n, k]} and {@code F2 [m, k]}. */
  public static double distance(INDArray F1, INDArray F2) {
    double[][] a = Mmd.rows(F1, "F1");
    double[][] b = Mmd.rows(F2, "F2");
    if (a[0].length != b[0].length || a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException(
          "expected two feature sets [n, k] and [m, k] with n, m >= 2 but got "
              + Arrays.toString(F1.shape())
              + " and "
              + Arrays.toString(F2.shape()));
    }
    double[] mu1 = mean(a);
    double[] mu2 = mean(b);
    double[][] c1 = covariance(a, mu1);
    double[][] c2 = covariance(b, mu2);
    double[][] s = SymmetricEigen.of(c1).apply(l -> Math.sqrt(Math.max(l, 0))); // C1^(1/2)
    double[][] m = multiply(multiply(s, c2), s); // S C2 S, symmetric PSD
    double traceSqrt = 0;
    for (double l : SymmetricEigen.of(m).values) {
      traceSqrt += Math.sqrt(Math.max(l, 0));
    }
    double shift = 0;
    for (int i = 0; i < mu1.length; i++) {
      shift += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
    }
    return Math.max(0, shift + trace(c1) + trace(c2) - 2 * traceSqrt);
  }

  /**
   * A classifier's features of {@code X}: the output of its last hidden layer (the layer before the
   * output layer), {@code [n, units]}, in inference mode.
   */
  public static INDArray features(Model classifier, INDArray X) {
    Objects.requireNonNull(classifier, "classifier must not be null");
    classifier.requireInput(X);
    MultiLayerNetwork net = classifier.network();
    int penultimate = net.getnLayers() - 2;
    if (penultimate < 0) {
      throw new IllegalArgumentException(
          "the classifier has no hidden layer to take features from; use an MLP such as"
              + " Models.mlp(784, 256, 64, 10)");
    }
    // index 0 is the input, index i + 1 the output of layer i
    return net.feedForwardToLayer(penultimate, X, false).get(penultimate + 1).detach();
  }

  static double[] mean(double[][] x) {
    double[] mu = new double[x[0].length];
    for (double[] row : x) {
      for (int j = 0; j < mu.length; j++) {
        mu[j] += row[j];
      }
    }
    for (int j = 0; j < mu.length; j++) {
      mu[j] /= x.length;
    }
    return mu;
  }

  /** The sample covariance {@code sum_i (x_i - mu)(x_i - mu)^T / (n - 1)}, {@code [k, k]}. */
  static double[][] covariance(double[][] x, double[] mu) {
    int k = mu.length;
    double[][] c = new double[k][k];
    double[] d = new double[k];
    for (double[] row : x) {
      for (int j = 0; j < k; j++) {
        d[j] = row[j] - mu[j];
      }
      for (int i = 0; i < k; i++) {
        for (int j = i; j < k; j++) {
          c[i][j] += d[i] * d[j];
        }
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        c[i][j] /= x.length - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i][k];
        for (int j = 0; j < n; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }

  private static double trace(double[][] a) {
    double t = 0;
    for (int i = 0; i < a.length; i++) {
      t += a[i][i];
    }
    return t;
  }
}
