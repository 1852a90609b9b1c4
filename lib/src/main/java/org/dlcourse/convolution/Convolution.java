package org.dlcourse.convolution;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution (strictly: cross-correlation, as in every deep-learning library) written twice:
 * with loops, and as one matrix product over unfolded patches (im2col). Taught in notebook 07.
 *
 * <p>For input {@code X [n, c, h, w]}, filters {@code K [f, c, k, k]} and bias {@code b [f]},
 * stride {@code s} and zero padding {@code p}, output pixel {@code (i, j)} of filter {@code o} is
 *
 * <pre>
 * Z[m, o, i, j] = b[o] + sum_{ch, u, v} K[o, ch, u, v] * Xpad[m, ch, s*i + u, s*j + v]
 * </pre>
 *
 * and the output has {@link #outputSize(int, int, int, int)} rows and columns.
 */
public final class Convolution {

  private Convolution() {}

  /**
   * Output size of a convolution or pooling along one axis: {@code floor((in + 2 padding - size) /
   * stride) + 1}.
   *
   * @throws IllegalArgumentException if the window does not fit in the padded input
   */
  public static int outputSize(int in, int size, int stride, int padding) {
    if (stride < 1 || size < 1 || padding < 0) {
      throw new IllegalArgumentException(
          "need size >= 1, stride >= 1, padding >= 0 but got size "
              + size
              + ", stride "
              + stride
              + ", padding "
              + padding);
    }
    if (in + 2 * padding < size) {
      throw new IllegalArgumentException(
          "a window of "
              + size
              + " does not fit in an input of "
              + in
              + " with padding "
              + padding
              + "; use more padding or a smaller window");
    }
    return (in + 2 * padding - size) / stride + 1;
  }

  /** The convolution by its definition: six nested loops, one multiply-add at a time. */
  public static INDArray loops(INDArray X, INDArray K, INDArray b, int stride, int padding) {
    Shapes s = Shapes.of(X, K, b, stride, padding);
    double[][][][] x = toArray4(pad(X, padding)); // [n, c, h + 2p, w + 2p]
    double[][][][] kernel = toArray4(K); // [f, c, k, k]
    double[] bias = b.toDoubleVector(); // [f]
    double[][][][] z = new double[s.n][s.f][s.outH][s.outW];
    for (int m = 0; m < s.n; m++) {
      for (int o = 0; o < s.f; o++) {
        for (int i = 0; i < s.outH; i++) {
          for (int j = 0; j < s.outW; j++) {
            double sum = bias[o];
            for (int ch = 0; ch < s.c; ch++) {
              for (int u = 0; u < s.k; u++) {
                for (int v = 0; v < s.k; v++) {
                  sum += kernel[o][ch][u][v] * x[m][ch][stride * i + u][stride * j + v];
                }
              }
            }
            z[m][o][i][j] = sum;
          }
        }
      }
    }
    return Nd4j.create(z).castTo(X.dataType());
  }

  /**
   * Unfolds every {@code k x k} window of the padded input into one row: {@code [n, c, h, w] -> [n
   * * outH * outW, c * k * k]}, rows ordered by image, then output row, then output column.
   */
  public static INDArray im2col(INDArray X, int k, int stride, int padding) {
    int n = (int) X.size(0);
    int c = (int) X.size(1);
    int outH = outputSize((int) X.size(2), k, stride, padding);
    int outW = outputSize((int) X.size(3), k, stride, padding);
    double[][][][] x = toArray4(pad(X, padding));
    double[][] cols = new double[n * outH * outW][c * k * k];
    for (int m = 0; m < n; m++) {
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          double[] row = cols[(m * outH + i) * outW + j];
          for (int ch = 0; ch < c; ch++) {
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                row[(ch * k + u) * k + v] = x[m][ch][stride * i + u][stride * j + v];
              }
            }
          }
        }
      }
    }
    return Nd4j.create(cols).castTo(X.dataType());
  }

  /**
   * The same convolution as one matrix product: {@code im2col(X) [n*outH*outW, c*k*k]} times the
   * filters as columns {@code [c*k*k, f]}, plus the bias, reshaped to {@code [n, f, outH, outW]}.
   */
  public static INDArray viaIm2col(INDArray X, INDArray K, INDArray b, int stride, int padding) {
    Shapes s = Shapes.of(X, K, b, stride, padding);
    INDArray cols = im2col(X, s.k, stride, padding); // [n*outH*outW, c*k*k]
    INDArray filters = K.reshape(s.f, (long) s.c * s.k * s.k).transpose(); // [c*k*k, f]
    INDArray z =
        cols.mmul(filters.castTo(cols.dataType())).addiRowVector(b.castTo(cols.dataType()));
    // [n*outH*outW, f] -> [n, outH, outW, f] -> [n, f, outH, outW]
    return z.reshape('c', s.n, s.outH, s.outW, s.f).permute(0, 3, 1, 2).dup('c');
  }

  /** Max pooling over {@code size x size} windows with stride {@code stride}, by loops. */
  public static INDArray maxPool(INDArray X, int size, int stride) {
    requireRank4(X, "input");
    int n = (int) X.size(0);
    int c = (int) X.size(1);
    int outH = outputSize((int) X.size(2), size, stride, 0);
    int outW = outputSize((int) X.size(3), size, stride, 0);
    double[][][][] x = toArray4(X);
    double[][][][] z = new double[n][c][outH][outW];
    for (int m = 0; m < n; m++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < outH; i++) {
          for (int j = 0; j < outW; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < size; u++) {
              for (int v = 0; v < size; v++) {
                max = Math.max(max, x[m][ch][stride * i + u][stride * j + v]);
              }
            }
            z[m][ch][i][j] = max;
          }
        }
      }
    }
    return Nd4j.create(z).castTo(X.dataType());
  }

  /** Adds {@code padding} zero pixels on every side: {@code [n, c, h, w] -> [n, c, h+2p, w+2p]}. */
  public static INDArray pad(INDArray X, int padding) {
    requireRank4(X, "input");
    if (padding == 0) {
      return X;
    }
    long[] shape = X.shape().clone();
    shape[2] += 2L * padding;
    shape[3] += 2L * padding;
    INDArray padded = Nd4j.zeros(X.dataType(), shape);
    padded
        .get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(padding, padding + X.size(2)),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(padding, padding + X.size(3)))
        .assign(X);
    return padded;
  }

  private static double[][][][] toArray4(INDArray a) {
    long[] s = a.shape();
    double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
    int at = 0;
    for (double[][][] a0 : out) {
      for (double[][] a1 : a0) {
        for (double[] a2 : a1) {
          System.arraycopy(flat, at, a2, 0, a2.length);
          at += a2.length;
        }
      }
    }
    return out;
  }

  static void requireRank4(INDArray a, String what) {
    if (a.rank() != 4) {
      throw new IllegalArgumentException(
          "expected the "
              + what
              + " as [n, channels, height, width] but got shape "
              + Arrays.toString(a.shape())
              + "; call Dataset.asImages(1, 28, 28) or reshape(n, 1, 28, 28)");
    }
  }

  /** The sizes of one convolution, checked against each other. */
  private record Shapes(int n, int c, int f, int k, int outH, int outW) {
    static Shapes of(INDArray X, INDArray K, INDArray b, int stride, int padding) {
      requireRank4(X, "input");
      requireRank4(K, "filters");
      if (K.size(2) != K.size(3)) {
        throw new IllegalArgumentException(
            "filters must be square [f, c, k, k] but got " + Arrays.toString(K.shape()));
      }
      if (K.size(1) != X.size(1)) {
        throw new IllegalArgumentException(
            "filters "
                + Arrays.toString(K.shape())
                + " expect "
                + K.size(1)
                + " input channels but the input "
                + Arrays.toString(X.shape())
                + " has "
                + X.size(1));
      }
      if (b.length() != K.size(0)) {
        throw new IllegalArgumentException(
            "need one bias per filter (" + K.size(0) + ") but got " + b.length());
      }
      int k = (int) K.size(2);
      return new Shapes(
          (int) X.size(0),
          (int) X.size(1),
          (int) K.size(0),
          k,
          outputSize((int) X.size(2), k, stride, padding),
          outputSize((int) X.size(3), k, stride, padding));
    }
  }
}
