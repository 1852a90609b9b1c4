package org.dlcourse.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Map;

/**
 * Text beside the points of a scatter chart (e.g. the word each point stands for), drawn in the
 * point's colour, and the pixels it covers (so the legend avoids it).
 *
 * @param labels series name → one label per point of that series
 */
record PointLabels(Map<String, List<String>> labels) {

  static final PointLabels NONE = new PointLabels(Map.of());

  private static final int GAP = 5; // pixels between a marker's centre and its label

  /** Marks every label's box as occupied. */
  void occupy(Legend.Occupied occupied, XyFrame f, List<XyRenderer.Series> series, FontMetrics fm) {
    each(
        f,
        series,
        (s, i, px, py) -> {
          int w = fm.stringWidth(labels.get(s.name()).get(i));
          int h = fm.getAscent();
          int left = left(f, px, w);
          for (int dx = 0; dx <= w; dx += Math.max(1, h / 2)) {
            occupied.point(left + dx, py - h / 2.0, h / 2);
          }
        });
  }

  /** Draws each label right of its point (left near the right edge), vertically centred on it. */
  void draw(Graphics2D g, XyFrame f, List<XyRenderer.Series> series, Map<String, Color> colours) {
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    each(
        f,
        series,
        (s, i, px, py) -> {
          g.setColor(colours.get(s.name()).darker());
          String text = labels.get(s.name()).get(i);
          g.drawString(
              text,
              left(f, px, fm.stringWidth(text)),
              (int) Math.round(py) + fm.getAscent() / 2 - 1);
        });
  }

  /**
   * The label's left edge: right of the point, or left of it where it would leave the plot area.
   */
  private static int left(XyFrame f, double px, int width) {
    int right = (int) Math.round(px) + GAP;
    if (right + width <= f.area().x + f.area().width) {
      return right;
    }
    return (int) Math.round(px) - GAP - width;
  }

  private interface PointAction {
    void at(XyRenderer.Series s, int i, double px, double py);
  }

  private void each(XyFrame f, List<XyRenderer.Series> series, PointAction action) {
    for (XyRenderer.Series s : series) {
      if (!labels.containsKey(s.name())) {
        continue;
      }
      for (int i = 0; i < s.x().length; i++) {
        double px = f.px(s.x()[i]);
        double py = f.py(s.y()[i]);
        if (Double.isFinite(px) && Double.isFinite(py)) {
          action.at(s, i, px, py);
        }
      }
    }
  }
}
