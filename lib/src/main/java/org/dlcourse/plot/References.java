package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.util.Map;

/**
 * The horizontal reference lines of a line or scatter chart ({@link PlotOptions#references()}):
 * levels to compare the data with, such as chance or a baseline. Each is dashed and grey, drawn
 * under the data so that a series lying on it stays visible, and labelled at its right end, where
 * the label is drawn over the data on a white box.
 */
final class References {

  static final Color COLOUR = new Color(100, 100, 100);
  private static final BasicStroke DASHED =
      new BasicStroke(
          2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private final Map<String, Double> lines;

  References(Map<String, Double> lines) {
    this.lines = lines;
  }

  /** {@code range} ({min, max}) widened to include every reference line's y. */
  static double[] widen(double[] range, Map<String, Double> lines) {
    double[] r = range.clone();
    for (double y : lines.values()) {
      r[0] = Math.min(r[0], y);
      r[1] = Math.max(r[1], y);
    }
    return r;
  }

  /** Whether every reference y is a whole number (so whole-number ticks stay right). */
  static boolean whole(Map<String, Double> lines) {
    return lines.values().stream().allMatch(y -> y == Math.rint(y));
  }

  /** Marks the lines and their labels as taken, so that the legend avoids them. */
  void occupy(Legend.Occupied occupied, XyFrame f, FontMetrics fm) {
    Rectangle a = f.area();
    lines.forEach(
        (label, y) -> {
          double py = f.py(y);
          if (inside(a, py)) {
            occupied.segment(a.x, py, a.x + a.width, py);
            Rectangle box = labelBox(label, py, a, fm);
            for (int x = box.x; x <= box.x + box.width; x += Legend.Occupied.CELL) {
              occupied.segment(x, box.y, x, box.y + box.height);
            }
          }
        });
  }

  /** The dashed lines across the plot area; call before drawing the data. */
  void drawLines(Graphics2D g, XyFrame f) {
    Rectangle a = f.area();
    Object antialias = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setColor(COLOUR); // crisp: a horizontal line needs no smoothing
    g.setStroke(DASHED);
    for (double y : lines.values()) {
      double py = f.py(y);
      if (inside(a, py)) {
        int iy = (int) Math.round(py);
        g.drawLine(a.x + 1, iy, a.x + a.width - 1, iy);
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialias);
  }

  /** Each line's label at its right end, on a white box; call after drawing the data. */
  void drawLabels(Graphics2D g, XyFrame f, FontMetrics fm) {
    Rectangle a = f.area();
    g.setFont(fm.getFont());
    lines.forEach(
        (label, y) -> {
          double py = f.py(y);
          if (inside(a, py)) {
            Rectangle box = labelBox(label, py, a, fm);
            g.setColor(new Color(255, 255, 255, 220));
            g.fill(box);
            g.setColor(COLOUR);
            g.drawString(label, box.x + 2, box.y + fm.getAscent());
          }
        });
  }

  /** Right-aligned just above the line, or just below it where there is no room above. */
  private static Rectangle labelBox(String label, double py, Rectangle a, FontMetrics fm) {
    int w = fm.stringWidth(label) + 4;
    int h = fm.getHeight();
    int x = a.x + a.width - 4 - w;
    int y = (int) Math.round(py) - 2 - h;
    if (y < a.y + 1) {
      y = (int) Math.round(py) + 3;
    }
    return new Rectangle(x, y, w, h);
  }

  private static boolean inside(Rectangle a, double py) {
    return Double.isFinite(py) && py >= a.y && py <= a.y + a.height;
  }
}
