package org.dlcourse.plot;

import java.awt.Color;

/**
 * The viridis colour map (dark blue → green → yellow), readable in grey and by colour-blind eyes.
 */
final class ColorMap {

  /** Viridis sampled at 0, 1/8, …, 1 (from matplotlib's table); values between are interpolated. */
  private static final int[][] VIRIDIS = {
    {68, 1, 84},
    {71, 44, 122},
    {59, 81, 139},
    {44, 113, 142},
    {33, 144, 141},
    {39, 173, 129},
    {92, 200, 99},
    {170, 220, 50},
    {253, 231, 37}
  };

  private ColorMap() {}

  /** The colour for {@code t} in [0, 1] (clipped outside). */
  static Color viridis(double t) {
    double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) Math.floor(u), VIRIDIS.length - 2);
    double f = u - i;
    int[] a = VIRIDIS[i];
    int[] b = VIRIDIS[i + 1];
    return new Color(
        (int) Math.round(a[0] + f * (b[0] - a[0])),
        (int) Math.round(a[1] + f * (b[1] - a[1])),
        (int) Math.round(a[2] + f * (b[2] - a[2])));
  }

  /** Black or white, whichever reads better on {@code background}. */
  static Color textOn(Color background) {
    // Relative luminance with the sRGB weights.
    double y =
        0.2126 * background.getRed()
            + 0.7152 * background.getGreen()
            + 0.0722 * background.getBlue();
    return y > 140 ? Color.BLACK : Color.WHITE;
  }
}
