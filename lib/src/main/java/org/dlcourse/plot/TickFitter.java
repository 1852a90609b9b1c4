package org.dlcourse.plot;

import java.awt.FontMetrics;

/**
 * Chooses how many ticks an axis gets: the most (up to one per ~70 px across, ~40 px up) whose
 * labels do not touch. Labels need their width plus 10 px each on the x axis, their height plus 4
 * px on the y axis.
 */
final class TickFitter {

  private TickFitter() {}

  /** Ticks for {@code range} = {min, max} on an axis {@code pixels} long. */
  static Ticks fit(double[] range, boolean log, int pixels, FontMetrics fm, boolean vertical) {
    return fit(range, log, pixels, fm, vertical, false);
  }

  /**
   * Like the above; {@code integers}: the data are whole numbers (epochs), so steps of 1 or more.
   */
  static Ticks fit(
      double[] range, boolean log, int pixels, FontMetrics fm, boolean vertical, boolean integers) {
    int target = Math.max(2, pixels / (vertical ? 40 : 70));
    for (int t = target; ; t--) {
      Ticks ticks =
          log
              ? Ticks.log(range[0], range[1], Math.max(2, t))
              : Ticks.linear(range[0], range[1], Math.max(1, t), integers);
      if (t <= 1 || fits(ticks, pixels, fm, vertical)) {
        return ticks;
      }
    }
  }

  private static boolean fits(Ticks ticks, int pixels, FontMetrics fm, boolean vertical) {
    String[] labels = ticks.labels();
    if (labels.length < 2) {
      return true;
    }
    double previousEnd = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < labels.length; i++) {
      double centre = ticks.fraction(ticks.values()[i]) * pixels;
      double half = vertical ? (fm.getAscent() + 4) / 2.0 : (fm.stringWidth(labels[i]) + 10) / 2.0;
      if (centre - half < previousEnd) {
        return false;
      }
      previousEnd = centre + half;
    }
    return true;
  }
}
