package org.dlcourse.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws a bar chart with Java2D: one bar per category from 0 (or the lowest tick of a log axis),
 * round y ticks, the value above each bar when it fits, and category labels that never overlap:
 * horizontal when each fits under its bar, else rotated by 45 degrees, shortened with "…" if
 * needed.
 */
final class BarRenderer {

  private static final Color BAR = Palette.COLOURS[0];

  private final String title;
  private final String yLabel;
  private final List<String> categories;
  private final double[] values;
  private final PlotOptions options;
  private Rectangle plotArea;
  private boolean rotated;

  BarRenderer(
      String title, String yLabel, List<String> categories, double[] values, PlotOptions options) {
    this.title = Charts.nullToEmpty(title);
    this.yLabel = Charts.nullToEmpty(yLabel);
    this.categories = categories;
    this.values = values;
    this.options = options;
  }

  Rectangle plotArea() {
    return plotArea;
  }

  boolean rotated() {
    return rotated;
  }

  BufferedImage draw() {
    int width = options.width();
    int height = options.height();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.white(image);
    try {
      Axes.Metrics fm = Axes.Metrics.of(g);
      FontMetrics tick = fm.tick();
      List<String> titleLines = fm.titleLines(title, width);
      int top = fm.top(titleLines) + tick.getHeight(); // room for the value above the highest bar
      // category labels: horizontal if each fits its slot, else rotated by 45 degrees
      int slotGuess = (width - 80) / values.length;
      int widest = 0;
      for (String c : categories) {
        widest = Math.max(widest, tick.stringWidth(c));
      }
      rotated = widest + 6 > slotGuess;
      int maxLabel = Math.min(widest, height / 3);
      int labelsH =
          rotated
              ? (int) Math.ceil((maxLabel + tick.getAscent()) * Math.sqrt(0.5)) + 6
              : tick.getHeight() + 6;
      int plotH = height - top - labelsH - 8;
      Ticks yTicks = yTicks(plotH, tick);
      int left = fm.left(yTicks, yLabel);
      if (rotated) {
        left = Math.max(left, (int) (maxLabel * Math.sqrt(0.5)) - 10);
      }
      plotArea = new Rectangle(left, top, width - left - 14, plotH);
      Axes.drawTitle(g, titleLines, width);
      Axes.drawYTicks(g, plotArea, yTicks);
      Axes.drawBorder(g, plotArea);
      Axes.drawYLabel(g, plotArea, yLabel, yTicks);
      drawBars(g, yTicks, tick, maxLabel);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Round y ticks from 0 (or, on a log axis, from the smallest positive value) to the largest. */
  private Ticks yTicks(int plotH, FontMetrics tick) {
    double min = 0;
    double max = 0;
    double positiveMin = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v > 0) {
        positiveMin = Math.min(positiveMin, v);
      }
    }
    return options.logY()
        ? TickFitter.fit(new double[] {positiveMin, max}, true, plotH, tick, true)
        : TickFitter.fit(new double[] {min, max}, false, plotH, tick, true);
  }

  private void drawBars(Graphics2D g, Ticks yTicks, FontMetrics tick, int maxLabel) {
    Rectangle a = plotArea;
    double slot = (double) a.width / values.length;
    int barW = (int) Math.max(2, slot * 0.7);
    double base = yTicks.log() ? yTicks.lo() : 0;
    int y0 = (int) Math.round(Axes.py(a, yTicks, base));
    g.setFont(Text.TICK);
    for (int i = 0; i < values.length; i++) {
      int cx = (int) Math.round(a.x + (i + 0.5) * slot);
      int yv = (int) Math.round(Axes.py(a, yTicks, values[i]));
      g.setColor(BAR);
      g.fillRect(cx - barW / 2, Math.min(y0, yv), barW, Math.abs(y0 - yv));
      String value = format(values[i]);
      g.setColor(Color.BLACK);
      if (tick.stringWidth(value) + 4 <= slot) { // the value above its bar, if it fits
        g.drawString(value, cx - tick.stringWidth(value) / 2, Math.min(y0, yv) - 3);
      }
      String name = categories.get(i);
      if (rotated) {
        String s = Text.fit(name, tick, maxLabel);
        AffineTransform saved = g.getTransform();
        // rotated by -45 degrees, ending at the bar: the text runs down and to the left
        g.translate(cx + 2, a.y + a.height + 6);
        g.rotate(-Math.PI / 4);
        g.drawString(s, -tick.stringWidth(s), tick.getAscent() / 2);
        g.setTransform(saved);
      } else {
        g.drawString(name, cx - tick.stringWidth(name) / 2, a.y + a.height + 6 + tick.getAscent());
      }
    }
  }

  /** Three significant digits, e.g. 0.876, 12.3, 1.2e-05. */
  static String format(double v) {
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e6) {
      return Long.toString((long) v);
    }
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.2g", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
