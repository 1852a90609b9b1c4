package org.dlcourse.convolution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-made 3 x 3 filters, each {@code [1, 1, 3, 3]} (one filter, one channel), for {@link
 * Convolution}. Taught in notebook 07: before networks learned their filters, people designed them.
 */
public final class Filters {

  private Filters() {}

  /** Sobel filter for horizontal change (responds to vertical edges): right minus left. */
  public static INDArray sobelX() {
    return filter(new double[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
  }

  /** Sobel filter for vertical change (responds to horizontal edges): bottom minus top. */
  public static INDArray sobelY() {
    return filter(new double[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
  }

  /** Box blur: the mean of the 3 x 3 neighbourhood. */
  public static INDArray blur() {
    double ninth = 1.0 / 9;
    return filter(
        new double[][] {{ninth, ninth, ninth}, {ninth, ninth, ninth}, {ninth, ninth, ninth}});
  }

  /** Wraps a {@code k x k} table as one filter {@code [1, 1, k, k]} in float32. */
  public static INDArray filter(double[][] weights) {
    int k = weights.length;
    for (double[] row : weights) {
      if (row.length != k) {
        throw new IllegalArgumentException(
            "a filter must be square but has " + k + " rows and a row of " + row.length);
      }
    }
    return Nd4j.create(weights).reshape(1, 1, k, k).castTo(DataType.FLOAT);
  }
}
