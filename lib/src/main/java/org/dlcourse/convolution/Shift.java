package org.dlcourse.convolution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Moves images by whole pixels, filling with zeros (the background of Fashion-MNIST): the test of
 * notebook 07 for the inductive bias of convolution.
 */
public final class Shift {

  private Shift() {}

  /**
   * Images {@code [n, c, h, w]} moved {@code down} pixels down and {@code right} pixels right
   * (negative: up / left); pixels pushed out are lost, pixels coming in are 0.
   */
  public static INDArray images(INDArray X, int down, int right) {
    Convolution.requireRank4(X, "images");
    long h = X.size(2);
    long w = X.size(3);
    if (Math.abs(down) >= h || Math.abs(right) >= w) {
      throw new IllegalArgumentException(
          "a shift of ("
              + down
              + ", "
              + right
              + ") moves a "
              + h
              + "x"
              + w
              + " image out of view; use a shift smaller than the image");
    }
    INDArray out = Nd4j.zeros(X.dataType(), X.shape());
    out.get(all(), all(), range(down, h), range(right, w))
        .assign(X.get(all(), all(), range(-down, h), range(-right, w)));
    return out;
  }

  private static INDArrayIndex all() {
    return NDArrayIndex.all();
  }

  /** The rows (or columns) that stay in view after a shift of {@code d}, seen from one side. */
  private static INDArrayIndex range(int d, long size) {
    return d >= 0 ? NDArrayIndex.interval(d, size) : NDArrayIndex.interval(0, size + d);
  }
}
