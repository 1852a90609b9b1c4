package org.dlcourse.shift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gaussian blur, as a camera out of focus: each pixel becomes a weighted mean of its neighbours,
 * with weights {@code g(d) ∝ exp(-d² / (2σ²))} for offsets {@code |d| <= ⌈3σ⌉}, normalised to sum
 * to 1. The 2-D kernel is separable, {@code g(dr) g(dc)}, so rows then columns are filtered in 1-D.
 * Pixels outside the image count as 0 (background).
 */
public final class Blur {

  private Blur() {}

  /**
   * Images {@code [n, c, h, w]} blurred with a Gaussian of standard deviation {@code sigma} pixels
   * ({@code 0}: unchanged copy).
   */
  public static INDArray of(INDArray X, double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException(
          "the blur's sigma must be >= 0 pixels but was " + sigma + "; use 0 for no blur");
    }
    float[][] planes = Planes.of(X);
    int h = (int) X.size(2);
    int w = (int) X.size(3);
    double[] g = kernel(sigma);
    for (int p = 0; p < planes.length; p++) {
      planes[p] = filter(filter(planes[p], h, w, g, true), h, w, g, false);
    }
    return Planes.toImages(planes, X.shape());
  }

  /** The 1-D kernel {@code g[-R..R]} (stored from index 0), summing to 1; {@code {1}} for σ = 0. */
  static double[] kernel(double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    double[] g = new double[2 * radius + 1];
    double sum = 0;
    for (int d = -radius; d <= radius; d++) {
      g[d + radius] = sigma == 0 ? 1 : Math.exp(-d * d / (2 * sigma * sigma));
      sum += g[d + radius];
    }
    for (int i = 0; i < g.length; i++) {
      g[i] /= sum;
    }
    return g;
  }

  /** One pass along rows ({@code alongRows}: neighbours in the same row) or columns. */
  private static float[] filter(float[] plane, int h, int w, double[] g, boolean alongRows) {
    int radius = g.length / 2;
    float[] out = new float[plane.length];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double sum = 0;
        for (int d = -radius; d <= radius; d++) {
          int rr = alongRows ? r : r + d;
          int cc = alongRows ? c + d : c;
          if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
            sum += g[d + radius] * plane[rr * w + cc];
          }
        }
        out[r * w + c] = (float) sum;
      }
    }
    return out;
  }
}
