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

  /**
   * Ticks for an axis fixed to {@code range} by the caller: the most ticks that fit whose first and
   * last are exactly the range's ends (so every panel of a row spans the same range); when no step
   * divides the range, as {@link #fit} does.
   */
  static Ticks fitFixed(
      double[] range, boolean log, int pixels, FontMetrics fm, boolean vertical, boolean integers) {
    if (!log) {
      for (int t = Math.max(2, pixels / (vertical ? 16 : 20)); t >= 1; t--) {
        Ticks ticks = Ticks.linear(range[0], range[1], t, integers);
        boolean exact =
            Math.abs(ticks.lo() - range[0]) < 1e-9 * (range[1] - range[0])
                && Math.abs(ticks.hi() - range[1]) < 1e-9 * (range[1] - range[0]);
        if (exact && ticks.values().length >= 3 && fits(ticks, pixels, fm, vertical)) {
          return ticks;
        }
      }
    }
    return fit(range, log, pixels, fm, vertical, integers);
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
