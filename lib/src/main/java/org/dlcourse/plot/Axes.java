package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * The frame that line, scatter and bar charts share: the title on top, the plot area with its
 * border, ticks with grid lines and labels, and the axis labels. Data coordinates become pixels
 * through {@link Ticks#fraction(double)}: the first tick sits on one edge of the plot area, the
 * last on the other.
 */
final class Axes {

  static final Color GRID = new Color(225, 225, 225);
  static final int TICK_LENGTH = 4;
  static final int GAP = 6; // between the plot area, the tick labels and the axis label

  private Axes() {}

  /** The three fonts measured on one canvas. */
  record Metrics(FontMetrics title, FontMetrics label, FontMetrics tick) {
    static Metrics of(Graphics2D g) {
      return new Metrics(
          g.getFontMetrics(Text.TITLE), g.getFontMetrics(Text.LABEL), g.getFontMetrics(Text.TICK));
    }

    /** The title split into lines that fit a picture {@code width} pixels wide. */
    List<String> titleLines(String title, int width) {
      return Text.wrap(title, this.title, width - 20);
    }

    /** Where the plot area starts: below the title's lines. */
    int top(List<String> titleLines) {
      return 10 + titleLines.size() * title.getHeight() + 8;
    }

    /** Where the plot area starts on the left: room for the y label and the widest tick label. */
    int left(Ticks yTicks, String yLabel) {
      return 8 + (yLabel.isEmpty() ? 0 : label.getHeight() + GAP) + widest(yTicks) + GAP;
    }

    /** The widest of the tick labels, in pixels. */
    int widest(Ticks ticks) {
      int w = 0;
      for (String s : ticks.labels()) {
        w = Math.max(w, tick.stringWidth(s));
      }
      return w;
    }
  }

  /** The pixel column of {@code x} on an x axis with {@code ticks} across {@code area}. */
  static double px(Rectangle area, Ticks ticks, double x) {
    return area.x + ticks.fraction(x) * area.width;
  }

  /** The pixel row of {@code y} on a y axis with {@code ticks} up {@code area}. */
  static double py(Rectangle area, Ticks ticks, double y) {
    return area.y + area.height - ticks.fraction(y) * area.height;
  }

  /** The title's lines, centred at the top of a picture {@code width} pixels wide. */
  static void drawTitle(Graphics2D g, List<String> lines, int width) {
    FontMetrics fm = g.getFontMetrics(Text.TITLE);
    g.setFont(Text.TITLE);
    g.setColor(Color.BLACK);
    int y = 10 + fm.getAscent();
    for (String line : lines) {
      g.drawString(line, Math.max(4, (width - fm.stringWidth(line)) / 2), y);
      y += fm.getHeight();
    }
  }

  /** Horizontal grid lines, tick marks and labels left of {@code a}. */
  static void drawYTicks(Graphics2D g, Rectangle a, Ticks ticks) {
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    String[] labels = ticks.labels();
    for (int i = 0; i < labels.length; i++) {
      int py = (int) Math.round(py(a, ticks, ticks.values()[i]));
      g.setColor(GRID);
      g.drawLine(a.x, py, a.x + a.width, py);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(a.x - TICK_LENGTH, py, a.x, py);
      g.drawString(labels[i], a.x - GAP - fm.stringWidth(labels[i]), py + fm.getAscent() / 2 - 1);
    }
  }

  /** Vertical grid lines, tick marks and labels below {@code a}. */
  static void drawXTicks(Graphics2D g, Rectangle a, Ticks ticks) {
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    String[] labels = ticks.labels();
    int bottom = a.y + a.height;
    for (int i = 0; i < labels.length; i++) {
      int px = (int) Math.round(px(a, ticks, ticks.values()[i]));
      g.setColor(GRID);
      g.drawLine(px, a.y, px, bottom);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(px, bottom, px, bottom + TICK_LENGTH);
      g.drawString(labels[i], px - fm.stringWidth(labels[i]) / 2, bottom + GAP + fm.getAscent());
    }
  }

  /** The grey border of the plot area. */
  static void drawBorder(Graphics2D g, Rectangle a) {
    g.setColor(Color.GRAY);
    g.drawRect(a.x, a.y, a.width, a.height);
  }

  /**
   * The y label, rotated, centred on the plot area's height, just left of the widest of the {@code
   * yTicks} labels (so it stays beside the axis when the plot area starts further right).
   */
  static void drawYLabel(Graphics2D g, Rectangle a, String yLabel, Ticks yTicks) {
    if (yLabel.isEmpty()) {
      return;
    }
    g.setFont(Text.LABEL);
    g.setColor(Color.BLACK);
    FontMetrics lm = g.getFontMetrics();
    int widest = 0;
    for (String s : yTicks.labels()) {
      widest = Math.max(widest, g.getFontMetrics(Text.TICK).stringWidth(s));
    }
    // rotated by -90 degrees, the glyphs extend `descent` pixels right of the baseline
    int baseline = a.x - GAP - widest - GAP - lm.getDescent();
    String s = Text.fit(yLabel, lm, a.height + a.y - 4);
    AffineTransform saved = g.getTransform();
    g.translate(baseline, a.y + (a.height + lm.stringWidth(s)) / 2.0);
    g.rotate(-Math.PI / 2);
    g.drawString(s, 0, 0);
    g.setTransform(saved);
  }

  /** The x label, centred under the plot area and its tick labels. */
  static void drawXLabel(Graphics2D g, Rectangle a, String xLabel, int pictureWidth) {
    if (xLabel.isEmpty()) {
      return;
    }
    FontMetrics tick = g.getFontMetrics(Text.TICK);
    g.setFont(Text.LABEL);
    g.setColor(Color.BLACK);
    FontMetrics lm = g.getFontMetrics();
    String s = Text.fit(xLabel, lm, pictureWidth - 8);
    g.drawString(
        s,
        Math.max(4, a.x + (a.width - lm.stringWidth(s)) / 2),
        a.y + a.height + GAP + tick.getHeight() + 4 + lm.getAscent());
  }
}
