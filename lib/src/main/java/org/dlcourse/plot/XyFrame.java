package org.dlcourse.plot;

import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.util.List;

/**
 * Where a line or scatter chart draws its data: the plot area and the ticks of both axes, which
 * turn data coordinates into pixels.
 */
record XyFrame(Rectangle area, Ticks xTicks, Ticks yTicks) {

  double px(double x) {
    return Axes.px(area, xTicks, x);
  }

  double py(double y) {
    return Axes.py(area, yTicks, y);
  }

  /**
   * Lays out a chart of {@code series} on a picture of {@code options}' size.
   *
   * @param room what else needs room: title lines, axis labels, and pixels kept free right of and
   *     below the plot area (for a legend outside); {@code headroom}: one more y step above the
   *     highest tick (for a legend inside)
   */
  static XyFrame layout(
      List<XyRenderer.Series> series, PlotOptions options, Axes.Metrics fm, Room room) {
    FontMetrics tick = fm.tick();
    FontMetrics label = fm.label();
    double[] xr = options.xRange() != null ? options.xRange() : range(series, true);
    double[] yr =
        options.yRange() != null
            ? options.yRange()
            : References.widen(range(series, false), options.references());
    int top = fm.top(room.titleLines());
    int bottom =
        6
            + tick.getHeight()
            + (room.xLabel().isEmpty() ? 4 : label.getHeight() + 8)
            + room.extraBottom();
    int plotH = options.height() - top - bottom;
    // counts (mistakes per epoch): no 2.5 ticks
    boolean wholeY = wholeNumbers(series, false) && References.whole(options.references());
    Ticks yTicks =
        options.yRange() != null
            ? TickFitter.fitFixed(yr, options.logY(), plotH, tick, true, wholeY)
            : TickFitter.fit(yr, options.logY(), plotH, tick, true, wholeY);
    if (room.headroom()) { // one more step above the highest tick, for the legend
      double[] higher = {yr[0], yTicks.hi() + yTicks.step() * 0.999};
      yTicks = TickFitter.fit(higher, false, plotH, tick, true, wholeY);
    }
    int left = fm.left(yTicks, room.yLabel());
    int right = 14 + room.extraRight();
    int plotW = options.width() - left - right;
    boolean wholeX = wholeNumbers(series, true);
    Ticks xTicks = xTicks(xr, options, plotW, tick, wholeX);
    // half of the last x label hangs past the plot area: keep it on the picture
    String[] xl = xTicks.labels();
    int overhang = tick.stringWidth(xl[xl.length - 1]) / 2 - right + room.extraRight() + 4;
    if (overhang > 0) {
      plotW -= overhang;
      xTicks = xTicks(xr, options, plotW, tick, wholeX);
    }
    Rectangle area = new Rectangle(left, top, Math.max(20, plotW), Math.max(20, plotH));
    return new XyFrame(area, xTicks, yTicks);
  }

  /** What a frame leaves room for besides the plot area. */
  record Room(
      List<String> titleLines,
      String xLabel,
      String yLabel,
      int extraRight,
      boolean headroom,
      int extraBottom) {

    Room withHeadroom() {
      return new Room(titleLines, xLabel, yLabel, extraRight, true, extraBottom);
    }

    Room withRight(int pixels) {
      return new Room(titleLines, xLabel, yLabel, pixels, false, 0);
    }

    Room withBottom(int pixels) {
      return new Room(titleLines, xLabel, yLabel, 0, false, pixels);
    }
  }

  /** Whether every x is a whole number (epochs, layers, sizes). */
  private static Ticks xTicks(
      double[] xr, PlotOptions options, int plotW, FontMetrics tick, boolean wholeX) {
    return options.xRange() != null
        ? TickFitter.fitFixed(xr, options.logX(), plotW, tick, false, wholeX)
        : TickFitter.fit(xr, options.logX(), plotW, tick, false, wholeX);
  }

  private static boolean wholeNumbers(List<XyRenderer.Series> series, boolean x) {
    for (XyRenderer.Series s : series) {
      for (double v : x ? s.x() : s.y()) {
        if (Double.isFinite(v) && v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {min, max} of the finite x (or y) values of every series. */
  private static double[] range(List<XyRenderer.Series> series, boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (XyRenderer.Series s : series) {
      for (double v : x ? s.x() : s.y()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    return new double[] {min, max};
  }
}
