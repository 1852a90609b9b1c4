package org.dlcourse.ps.ps3;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max-pooling over non-overlapping {@code k x k} windows (stride k), forward and backward
 * (notebook: ps3.ipynb, question q2), as DL4J's {@code SubsamplingLayer} with {@code
 * PoolingType.MAX}, kernel and stride {@code k} and the default truncate mode: rows and columns
 * that do not fill a whole window at the bottom and right edges are dropped.
 *
 * <pre>
 *   Y[n, c, i, j] = max over 0 <= p, q < k of X[n, c, k i + p, k j + q]
 * </pre>
 *
 * <p>Shapes: {@code X [n, c, h, w] -> Y [n, c, floor(h / k), floor(w / k)]}. The backward pass
 * sends each window's gradient to the one input that was its maximum (the first, in row-major
 * order, if several are equal) and zero to the others.
 */
public final class MaxPool2d {
  private final int k;
  private INDArray input;
  private INDArray output;

  public MaxPool2d(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the window size k must be at least 1 but was " + k);
    }
    this.k = k;
  }

  /** {@code X [n, c, h, w] -> Y [n, c, h / k, w / k]}; keeps X and Y for the backward pass. */
  public INDArray forward(INDArray X) {
    // BEGIN SOLUTION the elementwise maximum of the k * k strided views X[:, :, p::k, q::k]
    input = X;
    long ho = X.size(2) / k, wo = X.size(3) / k;
    INDArray Y = null;
    for (int p = 0; p < k; p++) {
      for (int q = 0; q < k; q++) {
        INDArray view = strided(X, p, q, ho, wo);
        Y = Y == null ? view.dup() : Transforms.max(Y, view, true);
      }
    }
    output = Y;
    return Y;
    // END SOLUTION
  }

  /** Given {@code dY [n, c, h / k, w / k]}, returns {@code dX [n, c, h, w]}. */
  public INDArray backward(INDArray dY) {
    // BEGIN SOLUTION route dY to the first position of each window that equals the window's maximum
    long ho = output.size(2), wo = output.size(3);
    INDArray dX = Nd4j.zeros(input.dataType(), input.shape());
    INDArray routed = Nd4j.zeros(dY.dataType(), dY.shape()); // 1 where a window got its gradient
    for (int p = 0; p < k; p++) {
      for (int q = 0; q < k; q++) {
        INDArray isMax = strided(input, p, q, ho, wo).eq(output).castTo(dY.dataType());
        INDArray first = isMax.muli(routed.rsub(1)); // not yet routed in this window
        strided(dX, p, q, ho, wo).assign(first.mul(dY));
        routed.addi(first);
      }
    }
    return dX;
    // END SOLUTION
  }

  /** {@code A[:, :, p::k, q::k]}, ho x wo entries: offset (p, q) of every window, a view. */
  private INDArray strided(INDArray A, int p, int q, long ho, long wo) {
    return A.get(
        NDArrayIndex.all(),
        NDArrayIndex.all(),
        NDArrayIndex.interval(p, k, p + k * (ho - 1) + 1),
        NDArrayIndex.interval(q, k, q + k * (wo - 1) + 1));
  }
}
