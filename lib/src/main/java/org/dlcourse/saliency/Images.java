package org.dlcourse.saliency;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small image operations for notebook 10: maps as colour pictures, blur and shifts (the
 * regularisers of activation maximisation) on square grey images.
 */
public final class Images {

  private Images() {}

  /**
   * Maps as "hot" colour images for {@code Plots.imageGrid}: each map scaled by its own largest
   * value, then 0 → black, ½ → red, ¾ → yellow, 1 → white; negative values count as 0.
   *
   * @param maps {@code [n, h*w]}, {@code [n, h, w]} or {@code [n, 1, h, w]}, square
   * @return {@code [n, 3, h, w]} with values in [0, 1]
   */
  public static INDArray heat(INDArray maps) {
    long n = maps.size(0);
    int plane = (int) (maps.length() / n);
    int side = (int) Math.round(Math.sqrt(plane));
    if (side * side != plane) {
      throw new IllegalArgumentException(
          "expected square maps but got shape " + Arrays.toString(maps.shape()));
    }
    float[] v = maps.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] rgb = new float[(int) n * 3 * plane];
    for (int i = 0; i < n; i++) {
      float max = 1e-12f;
      for (int j = 0; j < plane; j++) {
        max = Math.max(max, v[i * plane + j]);
      }
      for (int j = 0; j < plane; j++) {
        float t = Math.max(0, v[i * plane + j]) / max; // [0, 1]
        rgb[(i * 3) * plane + j] = Math.min(1, 2 * t); // red rises first
        rgb[(i * 3 + 1) * plane + j] = Math.min(1, Math.max(0, 4 * t - 2)); // then green
        rgb[(i * 3 + 2) * plane + j] = Math.max(0, 4 * t - 3); // then blue: white
      }
    }
    return Nd4j.create(rgb, new long[] {n, 3, side, side}, 'c');
  }

  /**
   * A 3 x 3 Gaussian blur (weights 1 2 1 / 2 4 2 / 1 2 1, over 16) of one square image, the edges
   * repeated: removes the pixel-level noise that gradient ascent produces.
   */
  public static INDArray blur(INDArray image) {
    int side = side(image);
    float[] x = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] out = new float[x.length];
    int[] w = {1, 2, 1};
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        float sum = 0;
        for (int dr = -1; dr <= 1; dr++) {
          for (int dc = -1; dc <= 1; dc++) {
            int rr = Math.min(side - 1, Math.max(0, r + dr));
            int cc = Math.min(side - 1, Math.max(0, c + dc));
            sum += w[dr + 1] * w[dc + 1] * x[rr * side + cc];
          }
        }
        out[r * side + c] = sum / 16;
      }
    }
    return Nd4j.create(out, image.shape(), 'c');
  }

  /**
   * One square image shifted by {@code dr} rows and {@code dc} columns, wrapping around (a "roll");
   * {@code shift(shift(x, a, b), -a, -b)} is {@code x}.
   */
  public static INDArray shift(INDArray image, int dr, int dc) {
    int side = side(image);
    float[] x = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] out = new float[x.length];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int rr = Math.floorMod(r + dr, side);
        int cc = Math.floorMod(c + dc, side);
        out[rr * side + cc] = x[r * side + c];
      }
    }
    return Nd4j.create(out, image.shape(), 'c');
  }

  /**
   * The side of one square grey image {@code [1, h*w]} or {@code [1, 1, h, w]}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static int side(INDArray image) {
    long[] s = image.shape();
    if (s.length == 2 && s[0] == 1) {
      int side = (int) Math.round(Math.sqrt(s[1]));
      if ((long) side * side == s[1]) {
        return side;
      }
    } else if (s.length == 4 && s[0] == 1 && s[1] == 1 && s[2] == s[3]) {
      return (int) s[2];
    }
    throw new IllegalArgumentException(
        "expected one square grey image, [1, h*w] or [1, 1, h, w], but got "
            + Arrays.toString(s)
            + "; pick one example with X.get(NDArrayIndex.interval(i, i + 1))");
  }
}
