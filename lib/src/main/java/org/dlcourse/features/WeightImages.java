package org.dlcourse.features;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What learned features look like: the weights into one hidden unit, drawn as an image.
 *
 * <p>A dense layer's weight matrix {@code W} is {@code [nIn, nOut]}: column {@code j} holds the
 * {@code nIn} weights with which unit {@code j} looks at the input; for 28 x 28 images it is a
 * picture of 784 pixels. A convolution's filters ({@code [nOut, 1, k, k]}) are pictures of {@code k
 * * k} pixels. Each picture is scaled on its own so that 0 is mid-grey, its largest positive weight
 * white and its most negative weight (mirrored) black.
 */
public final class WeightImages {

  private WeightImages() {}

  /**
   * The indices of the {@code count} columns of {@code W} with the largest L2 norm, largest first
   * (the units that look hardest at the input).
   *
   * @param W weights {@code [nIn, nOut]}
   */
  public static int[] strongestColumns(INDArray W, int count) {
    requireMatrix(W);
    if (count < 1 || count > W.columns()) {
      throw new IllegalArgumentException(
          "count must be between 1 and the " + W.columns() + " columns but was " + count);
    }
    double[] norms = W.norm2(0).toDoubleVector(); // [nOut]
    return IntStream.range(0, norms.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -norms[j]))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * Columns {@code columns} of {@code W} as image rows for {@code Plots.imageGrid}: {@code [nIn,
   * nOut]} gives {@code [columns.length, nIn]}, values in [0, 1], 0.5 where the weight is 0.
   */
  public static INDArray columnsAsImages(INDArray W, int[] columns) {
    requireMatrix(W);
    INDArray images = W.getColumns(columns).transpose().castTo(W.dataType()).dup(); // [k, nIn]
    for (int i = 0; i < columns.length; i++) {
      INDArray row = images.getRow(i);
      double largest = row.amaxNumber().doubleValue();
      double scale = largest > 0 ? 0.5 / largest : 0; // a unit of zeros stays grey
      row.muli(scale).addi(0.5);
    }
    return images;
  }

  /**
   * The filters of a one-channel convolution as image rows: {@code [nOut, 1, k, k]} gives {@code
   * [nOut, k * k]}, each scaled as in {@link #columnsAsImages}.
   */
  public static INDArray filtersAsImages(INDArray filters) {
    if (filters.rank() != 4 || filters.size(1) != 1) {
      throw new IllegalArgumentException(
          "expected one-channel filters [nOut, 1, k, k] but got shape "
              + Arrays.toString(filters.shape()));
    }
    long nOut = filters.size(0);
    INDArray W = filters.reshape(nOut, filters.length() / nOut).transpose(); // [k*k, nOut]
    return columnsAsImages(W, IntStream.range(0, (int) nOut).toArray());
  }

  private static void requireMatrix(INDArray W) {
    if (W.rank() != 2) {
      throw new IllegalArgumentException(
          "expected a weight matrix [nIn, nOut] but got shape " + Arrays.toString(W.shape()));
    }
  }
}
