package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data marks of a line or scatter chart: each series' line (broken at non-finite values) and
 * its markers, and the pixels they occupy (so a legend can avoid them).
 */
final class XyMarks {

  static final int MARKER = 3; // radius in pixels

  private final List<XyRenderer.Series> series;
  private final boolean lines;
  private final boolean markers;

  /**
   * @param lines join each series' points by a line
   * @param markers draw a dot at each point (always for a scatter chart)
   */
  XyMarks(List<XyRenderer.Series> series, boolean lines, boolean markers) {
    this.series = series;
    this.lines = lines;
    this.markers = !lines || markers;
  }

  /** The pixels the data covers in {@code frame}: every point and every line segment. */
  Legend.Occupied occupied(XyFrame frame, int width, int height) {
    Legend.Occupied occupied = new Legend.Occupied(width, height);
    for (XyRenderer.Series s : series) {
      List<double[]> run = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        double px = frame.px(s.x()[i]);
        double py = frame.py(s.y()[i]);
        if (!Double.isFinite(px) || !Double.isFinite(py)) {
          if (lines) {
            occupied.path(run);
          }
          run.clear();
          continue;
        }
        occupied.point(px, py, MARKER + 1);
        run.add(new double[] {px, py});
      }
      if (lines) {
        occupied.path(run);
      }
    }
    return occupied;
  }

  /**
   * Draws every series in its colour, clipped to the plot area (plus a marker's radius): all lines,
   * then all markers.
   */
  void draw(Graphics2D g, XyFrame f, Map<String, Color> colours) {
    Shape clip = g.getClip();
    Rectangle a = f.area();
    g.setClip(
        a.x - MARKER - 1, a.y - MARKER - 1, a.width + 2 * MARKER + 3, a.height + 2 * MARKER + 3);
    // every line first, then every marker: a later series' line never hides an earlier one's points
    if (lines) {
      for (XyRenderer.Series s : series) {
        drawLine(g, f, s, colours.get(s.name()));
      }
    }
    if (markers) {
      for (XyRenderer.Series s : series) {
        drawMarkers(g, f, s, colours.get(s.name()));
      }
    }
    g.setClip(clip);
  }

  private static void drawLine(Graphics2D g, XyFrame f, XyRenderer.Series s, Color colour) {
    g.setColor(colour);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D path = Canvas.polyline(s.x().length, i -> f.px(s.x()[i]), i -> f.py(s.y()[i]));
    g.draw(path);
  }

  private void drawMarkers(Graphics2D g, XyFrame f, XyRenderer.Series s, Color colour) {
    // a scatter chart's dots are slightly larger and translucent, so overlapping groups show
    g.setColor(
        lines ? colour : new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 200));
    int r = lines ? MARKER : MARKER + 1;
    for (int i = 0; i < s.x().length; i++) {
      double px = f.px(s.x()[i]);
      double py = f.py(s.y()[i]);
      if (Double.isFinite(px) && Double.isFinite(py)) {
        g.fillOval((int) Math.round(px) - r, (int) Math.round(py) - r, 2 * r, 2 * r);
      }
    }
  }
}
