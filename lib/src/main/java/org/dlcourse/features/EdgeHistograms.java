package org.dlcourse.features;

import org.dlcourse.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-crafted image features: histograms of edge orientations, the idea behind HOG (Dalal and
 * Triggs, 2005) and SIFT, the features computer vision was built on before 2012.
 *
 * <p>Taught in notebook {@code 01-why-deep-learning}, where a linear classifier on these features
 * is compared with a multi-layer perceptron that learns its own features from raw pixels.
 *
 * <p>For every pixel the image gradient is estimated with central differences,
 *
 * <pre>
 *   gx = I(r, c+1) - I(r, c-1)        gy = I(r+1, c) - I(r-1, c)
 *   magnitude m = sqrt(gx² + gy²)     orientation θ = atan2(gy, gx) mod π   (an edge has no sign)
 * </pre>
 *
 * The image is cut into square cells; each cell votes its pixels' magnitudes into {@code bins}
 * orientation bins (linearly split between the two nearest bins). Each cell's histogram is
 * L2-normalised so that contrast does not matter, only the shape of the edges. A 28 x 28 image with
 * 7 x 7 pixel cells and 9 bins gives 4 * 4 * 9 = 144 features.
 */
public final class EdgeHistograms {

  private final int cellSize;
  private final int bins;

  private EdgeHistograms(int cellSize, int bins) {
    if (cellSize < 2) {
      throw new IllegalArgumentException("cellSize must be at least 2 pixels but was " + cellSize);
    }
    if (bins < 2) {
      throw new IllegalArgumentException("bins must be at least 2 but was " + bins);
    }
    this.cellSize = cellSize;
    this.bins = bins;
  }

  /**
   * The default used in the lecture: 7 x 7 pixel cells (a 4 x 4 grid on 28 x 28 images), 9
   * orientation bins over 0..180 degrees.
   *
   * <p>Finer cells describe more: measured on Fashion-MNIST (softmax regression on standardised
   * features, 20 epochs, full training set), 7 x 7 pixel cells reached 0.831 test accuracy and 4 x
   * 4 pixel cells ({@code of(4, 9)}, 441 features) 0.871, against 0.844 for raw pixels.
   */
  public static EdgeHistograms standard() {
    return new EdgeHistograms(7, 9);
  }

  /** Cells of {@code cellSize} x {@code cellSize} pixels with {@code bins} orientation bins. */
  public static EdgeHistograms of(int cellSize, int bins) {
    return new EdgeHistograms(cellSize, bins);
  }

  /** The number of features for square images of {@code side} x {@code side} pixels. */
  public int numFeatures(int side) {
    int cells = side / cellSize;
    return cells * cells * bins;
  }

  /**
   * Replaces each image of a dataset by its edge-orientation histograms; labels are kept.
   *
   * @param images square grey images, flattened {@code [n, side*side]} or {@code [n, 1, side,
   *     side]}, values in [0, 1]
   * @return a dataset with features {@code [n, numFeatures(side)]}
   */
  public Dataset transform(Dataset images) {
    return Dataset.of(transform(images.features()), images.labels(), images.labelNames());
  }

  /** Same as {@link #transform(Dataset)} on a raw array of images. */
  public INDArray transform(INDArray images) {
    long n = images.size(0);
    long pixels = images.length() / Math.max(n, 1);
    int side = (int) Math.round(Math.sqrt(pixels));
    if (side * side != pixels) {
      throw new IllegalArgumentException(
          "expected square grey images, [n, side*side] or [n, 1, side, side], but got shape "
              + java.util.Arrays.toString(images.shape())
              + " ("
              + pixels
              + " values per image, not a square number); pass one channel only");
    }
    if (side < cellSize) {
      throw new IllegalArgumentException(
          "images of " + side + " x " + side + " pixels are smaller than one cell of " + cellSize);
    }
    // [n, side*side] as one float array, row-major: pixel (r, c) of image i is at i*side*side +
    // r*side + c.
    float[] x = images.reshape(n, pixels).castTo(DataType.FLOAT).dup('c').data().asFloat();
    int numFeatures = numFeatures(side);
    float[] out = new float[(int) n * numFeatures];
    for (int i = 0; i < n; i++) {
      describe(x, i * side * side, side, out, i * numFeatures);
    }
    return Nd4j.create(out, new long[] {n, numFeatures}, 'c');
  }

  /** Writes one image's histograms (cells row by row, bins within a cell) into {@code out}. */
  private void describe(float[] x, int offset, int side, float[] out, int outOffset) {
    int cells = side / cellSize;
    double binWidth = Math.PI / bins;
    for (int r = 0; r < cells * cellSize; r++) {
      for (int c = 0; c < cells * cellSize; c++) {
        // Central differences; at the border the missing neighbour counts as the pixel itself.
        float left = x[offset + r * side + Math.max(c - 1, 0)];
        float right = x[offset + r * side + Math.min(c + 1, side - 1)];
        float up = x[offset + Math.max(r - 1, 0) * side + c];
        float down = x[offset + Math.min(r + 1, side - 1) * side + c];
        double gx = right - left;
        double gy = down - up;
        double magnitude = Math.sqrt(gx * gx + gy * gy);
        if (magnitude == 0) {
          continue;
        }
        double theta = Math.atan2(gy, gx);
        if (theta < 0) {
          theta += Math.PI; // unsigned orientation in [0, π)
        }
        // Split the vote between the two nearest bin centres (bin b is centred at (b + 0.5) * w).
        double position = theta / binWidth - 0.5;
        int lower = (int) Math.floor(position);
        double upperShare = position - lower;
        int cell = (r / cellSize) * cells + (c / cellSize);
        int base = outOffset + cell * bins;
        out[base + Math.floorMod(lower, bins)] += (float) (magnitude * (1 - upperShare));
        out[base + Math.floorMod(lower + 1, bins)] += (float) (magnitude * upperShare);
      }
    }
    // L2-normalise each cell's histogram (a small epsilon keeps empty cells at zero).
    for (int cell = 0; cell < cells * cells; cell++) {
      int base = outOffset + cell * bins;
      double norm = 0;
      for (int b = 0; b < bins; b++) {
        norm += out[base + b] * out[base + b];
      }
      double scale = 1.0 / Math.sqrt(norm + 1e-6);
      for (int b = 0; b < bins; b++) {
        out[base + b] *= (float) scale;
      }
    }
  }

  @Override
  public String toString() {
    return "EdgeHistograms[" + cellSize + "x" + cellSize + " cells, " + bins + " orientation bins]";
  }
}
