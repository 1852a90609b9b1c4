package org.dlcourse.shift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rotates images about their centre by bilinear interpolation, filling with 0 (the background of
 * Fashion-MNIST).
 *
 * <p>Output pixel {@code (r, c)} takes the input at the point rotated back by the angle {@code θ}:
 * with {@code (dr, dc) = (r - r0, c - c0)} around the centre {@code (r0, c0) = ((h-1)/2, (w-1)/2)},
 * the source is {@code (r0 + dr cos θ + dc sin θ, c0 - dr sin θ + dc cos θ)}, read bilinearly from
 * its four neighbours.
 */
public final class Rotation {

  private Rotation() {}

  /**
   * Images {@code [n, c, h, w]} rotated by {@code degrees} (positive: counter-clockwise as seen on
   * screen); a new array of the same shape.
   */
  public static INDArray of(INDArray X, double degrees) {
    float[][] planes = Planes.of(X);
    int h = (int) X.size(2);
    int w = (int) X.size(3);
    double theta = Math.toRadians(degrees);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double r0 = (h - 1) / 2.0;
    double c0 = (w - 1) / 2.0;
    float[][] out = new float[planes.length][h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double dr = r - r0;
        double dc = c - c0;
        double sr = r0 + dr * cos + dc * sin;
        double sc = c0 - dr * sin + dc * cos;
        for (int p = 0; p < planes.length; p++) {
          out[p][r * w + c] = bilinear(planes[p], h, w, sr, sc);
        }
      }
    }
    return Planes.toImages(out, X.shape());
  }

  /** The plane read at a real-valued point; 0 outside. */
  private static float bilinear(float[] plane, int h, int w, double r, double c) {
    int r1 = (int) Math.floor(r);
    int c1 = (int) Math.floor(c);
    double fr = r - r1;
    double fc = c - c1;
    return (float)
        ((1 - fr) * (1 - fc) * at(plane, h, w, r1, c1)
            + (1 - fr) * fc * at(plane, h, w, r1, c1 + 1)
            + fr * (1 - fc) * at(plane, h, w, r1 + 1, c1)
            + fr * fc * at(plane, h, w, r1 + 1, c1 + 1));
  }

  private static double at(float[] plane, int h, int w, int r, int c) {
    return r < 0 || r >= h || c < 0 || c >= w ? 0 : plane[r * w + c];
  }
}
