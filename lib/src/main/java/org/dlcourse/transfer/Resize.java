package org.dlcourse.transfer;

import java.util.Arrays;
import org.dlcourse.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resizes images by bilinear interpolation, e.g. the 8 x 8 digits to the 28 x 28 a network
 * pre-trained on Fashion-MNIST expects. Used in notebook 08 ({@code 08-transfer-learning}).
 *
 * <p>Bilinear resizing is separable: each output row is a weighted mix of two neighbouring input
 * rows, each output column of two input columns. With {@code R} the {@code [h, h0]} matrix of row
 * weights and {@code C} the {@code [w, w0]} matrix of column weights, one image {@code X} {@code
 * [h0, w0]} becomes {@code R · X · Cᵀ} {@code [h, w]}: two matrix products.
 *
 * <pre>{@code
 * Dataset digits28 = Resize.bilinear(Datasets.digits().asImages(1, 8, 8), 28, 28); // [1797, 1, 28, 28]
 * }</pre>
 */
public final class Resize {

  private Resize() {}

  /**
   * The images of {@code data} ({@code [n, channels, h0, w0]}) resized to {@code [n, channels,
   * height, width]}; labels unchanged.
   */
  public static Dataset bilinear(Dataset data, int height, int width) {
    long[] shape = data.features().shape();
    if (shape.length != 4) {
      throw new IllegalArgumentException(
          "expected images of shape [n, channels, height, width] but got "
              + Arrays.toString(shape)
              + "; call dataset.asImages(1, 8, 8) first (for the 8x8 digits)");
    }
    return Dataset.of(bilinear(data.features(), height, width), data.labels(), data.labelNames());
  }

  /** {@code [n, c, h0, w0] -> [n, c, height, width]} by bilinear interpolation. */
  public static INDArray bilinear(INDArray images, int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "height and width must be >= 1 but were " + height + " and " + width);
    }
    long n = images.size(0);
    long c = images.size(1);
    int h0 = (int) images.size(2);
    int w0 = (int) images.size(3);
    INDArray rows = weights(h0, height); // R [height, h0]
    INDArray columns = weights(w0, width); // C [width, w0]
    // columns first: [n*c*h0, w0] · Cᵀ [w0, width] -> [n*c*h0, width]
    INDArray X = images.dup('c').reshape('c', n * c * h0, w0);
    INDArray wide = X.mmul(columns.transpose()); // [n*c*h0, width]
    // rows next: bring h0 last, [n*c, width, h0] -> [n*c*width, h0] · Rᵀ [h0, height]
    INDArray byRow =
        wide.reshape('c', n * c, h0, width)
            .permute(0, 2, 1)
            .dup('c')
            .reshape('c', n * c * width, h0);
    INDArray tall = byRow.mmul(rows.transpose()); // [n*c*width, height]
    // back to [n, c, height, width]
    return tall.reshape('c', n * c, width, height)
        .permute(0, 2, 1)
        .dup('c')
        .reshape('c', n, c, height, width);
  }

  /**
   * The {@code [to, from]} interpolation matrix: output pixel {@code i} has its centre at input
   * position {@code s = (i + 0.5) · from / to - 0.5}, clamped to {@code [0, from - 1]}, and takes
   * {@code 1 - (s - ⌊s⌋)} of input pixel {@code ⌊s⌋} and {@code s - ⌊s⌋} of the next one. Each row
   * sums to 1, so a constant image stays constant.
   */
  static INDArray weights(int from, int to) {
    float[][] W = new float[to][from];
    for (int i = 0; i < to; i++) {
      double s = (i + 0.5) * from / to - 0.5;
      s = Math.max(0, Math.min(from - 1, s));
      int lower = (int) Math.floor(s);
      int upper = Math.min(lower + 1, from - 1);
      double t = s - lower;
      W[i][lower] += (float) (1 - t);
      W[i][upper] += (float) t;
    }
    return Nd4j.create(W);
  }
}
