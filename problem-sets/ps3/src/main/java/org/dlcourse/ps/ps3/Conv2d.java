package org.dlcourse.ps.ps3;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2-D convolution layer, stride 1, no padding, forward and backward (notebook: ps3.ipynb,
 * question q1). Like DL4J's {@code ConvolutionLayer} (and every deep-learning library) it computes
 * a <em>cross-correlation</em>: the kernel is not flipped.
 *
 * <pre>
 *   Y[n, f, i, j] = b[f] + sum over c, p, q of X[n, c, i + p, j + q] * W[f, c, p, q]
 * </pre>
 *
 * <p>Shapes (DL4J's layout): input {@code X [n, c, h, w]}, weights {@code W [f, c, kh, kw]}, bias
 * {@code b [1, f]}, output {@code Y [n, f, h - kh + 1, w - kw + 1]}. {@link #forward} keeps its
 * input for {@link #backward}.
 */
public final class Conv2d {
  /** The kernels {@code [f, c, kh, kw]} and the bias {@code [1, f]}. */
  public final INDArray W;

  public final INDArray b;

  /** The gradients of the loss with respect to W and b, written by {@link #backward}. */
  public INDArray dW;

  public INDArray db;

  private INDArray input;

  public Conv2d(INDArray W, INDArray b) {
    this.W = W;
    this.b = b;
  }

  /** {@code X [n, c, h, w] -> Y [n, f, h - kh + 1, w - kw + 1]}; keeps X. */
  public INDArray forward(INDArray X) {
    // BEGIN SOLUTION per kernel offset (p, q): the shifted window times W[:, :, p, q], over c
    input = X;
    long n = X.size(0), f = W.size(0), kh = W.size(2), kw = W.size(3);
    long ho = X.size(2) - kh + 1, wo = X.size(3) - kw + 1;
    INDArray Y = Nd4j.zeros(X.dataType(), n, f, ho, wo);
    for (long p = 0; p < kh; p++) {
      for (long q = 0; q < kw; q++) {
        INDArray window = window(X, p, q, ho, wo); // [n, c, ho, wo]
        INDArray w = kernelAt(p, q); // [f, c]
        // contract c: [n, c, ho, wo] x [f, c] -> [n, ho, wo, f], then to [n, f, ho, wo]
        Y.addi(Nd4j.tensorMmul(window, w, new int[][] {{1}, {1}}).permute(0, 3, 1, 2));
      }
    }
    return Y.addi(b.reshape(1, f, 1, 1).broadcast(n, f, ho, wo));
    // END SOLUTION
  }

  /**
   * Given {@code dY = dL/dY [n, f, ho, wo]}, sets {@code dW [f, c, kh, kw]} and {@code db [1, f]}
   * and returns {@code dX [n, c, h, w]}.
   */
  public INDArray backward(INDArray dY) {
    // BEGIN SOLUTION per offset: dW[:, :, p, q] = dY.window, dX[window] += dY.W[:, :, p, q]
    long f = W.size(0), kh = W.size(2), kw = W.size(3);
    long ho = dY.size(2), wo = dY.size(3);
    dW = Nd4j.zeros(W.dataType(), W.shape());
    db = dY.sum(0, 2, 3).reshape(1, f);
    INDArray dX = Nd4j.zeros(input.dataType(), input.shape());
    for (long p = 0; p < kh; p++) {
      for (long q = 0; q < kw; q++) {
        INDArray window = window(input, p, q, ho, wo); // [n, c, ho, wo]
        // contract n, i, j: [n, f, ho, wo] x [n, c, ho, wo] -> [f, c]
        dW.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p), NDArrayIndex.point(q))
            .assign(Nd4j.tensorMmul(dY, window, new int[][] {{0, 2, 3}, {0, 2, 3}}));
        // contract f: [n, f, ho, wo] x [f, c] -> [n, ho, wo, c], then to [n, c, ho, wo]
        window(dX, p, q, ho, wo)
            .addi(Nd4j.tensorMmul(dY, kernelAt(p, q), new int[][] {{1}, {0}}).permute(0, 3, 1, 2));
      }
    }
    return dX;
    // END SOLUTION
  }

  /** {@code A[:, :, p : p + ho, q : q + wo]}, a view. */
  static INDArray window(INDArray A, long p, long q, long ho, long wo) {
    return A.get(
        NDArrayIndex.all(),
        NDArrayIndex.all(),
        NDArrayIndex.interval(p, p + ho),
        NDArrayIndex.interval(q, q + wo));
  }

  /** {@code W[:, :, p, q]}, the {@code [f, c]} weights of one kernel offset. */
  INDArray kernelAt(long p, long q) {
    return W.get(
        NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p), NDArrayIndex.point(q));
  }
}
