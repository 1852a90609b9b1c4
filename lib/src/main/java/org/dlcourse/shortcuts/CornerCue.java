package org.dlcourse.shortcuts;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A square mark of {@code size x size} pixels of value 1 whose top-left pixel sits {@code margin}
 * pixels from the image's top-left corner: rows and columns {@code [margin, margin + size)}.
 *
 * <pre>{@code
 * CornerCue cue = CornerCue.of(3);            // rows and columns 1..3
 * INDArray marked = cue.stamp(X, which);       // X [n, c, h, w]; which[i]: mark example i
 * double share = cue.areaShare(28, 28);        // 9 / 784
 * }</pre>
 */
public record CornerCue(int size, int margin) {

  /** Checks the size and margin. */
  public CornerCue {
    if (size < 1 || margin < 0) {
      throw new IllegalArgumentException(
          "a cue needs size >= 1 and margin >= 0 but got size "
              + size
              + ", margin "
              + margin
              + "; e.g. CornerCue.of(3)");
    }
  }

  /** A mark of {@code size x size} pixels, one pixel in from the corner. */
  public static CornerCue of(int size) {
    return new CornerCue(size, 1);
  }

  /**
   * A copy of {@code X} {@code [n, c, h, w]} with the mark (value 1) on examples {@code i} where
   * {@code which[i]}.
   */
  public INDArray stamp(INDArray X, boolean[] which) {
    requireFits(X);
    if (which.length != X.size(0)) {
      throw new IllegalArgumentException(
          "expected one flag per example (" + X.size(0) + ") but got " + which.length);
    }
    INDArray out = X.dup();
    for (int i = 0; i < which.length; i++) {
      if (which[i]) {
        out.get(region(i)).assign(1.0);
      }
    }
    return out;
  }

  /**
   * A copy of {@code X} {@code [n, c, h, w]} with the cue's pixels set to 0 (background)
   * everywhere.
   */
  public INDArray erase(INDArray X) {
    requireFits(X);
    INDArray out = X.dup();
    out.get(NDArrayIndex.all(), NDArrayIndex.all(), span(), span()).assign(0.0);
    return out;
  }

  /**
   * The share of each map's total mass inside the cue: {@code sum(map[i] over the cue) /
   * sum(map[i])}, for maps {@code [n, c, h, w]} with values {@code >= 0} (e.g. saliency); {@code
   * [n]}. An example whose map is all 0 gets 0.
   */
  public double[] massShare(INDArray maps) {
    requireFits(maps);
    INDArray inside = maps.get(NDArrayIndex.all(), NDArrayIndex.all(), span(), span()).sum(1, 2, 3);
    INDArray total = maps.sum(1, 2, 3); // [n]
    double[] share = new double[(int) maps.size(0)];
    for (int i = 0; i < share.length; i++) {
      double t = total.getDouble(i);
      share[i] = t > 0 ? inside.getDouble(i) / t : 0;
    }
    return share;
  }

  /** The cue's share of an {@code h x w} image's area: {@code size² / (h w)}. */
  public double areaShare(long h, long w) {
    return (double) size * size / (h * w);
  }

  private INDArrayIndex[] region(int i) {
    return new INDArrayIndex[] {NDArrayIndex.point(i), NDArrayIndex.all(), span(), span()};
  }

  private INDArrayIndex span() {
    return NDArrayIndex.interval(margin, margin + size);
  }

  private void requireFits(INDArray X) {
    if (X == null || X.rank() != 4 || X.size(2) < margin + size || X.size(3) < margin + size) {
      throw new IllegalArgumentException(
          "expected images [n, c, h, w] with h, w >= "
              + (margin + size)
              + " but got "
              + (X == null ? "null" : Arrays.toString(X.shape()))
              + "; call dataset.asImages(1, 28, 28) first");
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CornerCue[%dx%d mark at rows and columns %d..%d]",
        size,
        size,
        margin,
        margin + size - 1);
  }
}
