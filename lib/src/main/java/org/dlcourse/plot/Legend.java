package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.List;
import java.util.Map;

/**
 * A legend box placed where it covers no data: the first empty corner of the plot area (top right,
 * top left, bottom right, bottom left, then top and bottom centre), else the empty spot nearest to
 * the top right, judged from the pixels the data occupies; when there is none, the caller puts it
 * outside the plot area.
 */
final class Legend {

  static final int PAD = 6;
  static final int SWATCH = 22;
  static final Color HALO = new Color(30, 30, 30, 170);

  /** What a legend entry shows next to its name. */
  enum Swatch {
    LINE,
    /** A line with a dark edge, as contour plots draw their paths. */
    HALO_LINE,
    MARKER,
    LINE_AND_MARKER
  }

  private final Map<String, Color> entries;
  private final Swatch swatch;
  private final FontMetrics fm;

  Legend(Map<String, Color> entries, Swatch swatch, FontMetrics fm) {
    this.entries = entries;
    this.swatch = swatch;
    this.fm = fm;
  }

  int width() {
    int text = 0;
    for (String name : entries.keySet()) {
      text = Math.max(text, fm.stringWidth(name));
    }
    return PAD + SWATCH + 6 + text + PAD;
  }

  int height() {
    return entries.size() * fm.getHeight() + PAD;
  }

  /**
   * The first candidate box inside {@code area} that no data pixel falls in (with a margin), or
   * null when every candidate covers data.
   *
   * @param occupied the data as pixels: each point and samples along each line segment
   */
  Rectangle placeInside(Rectangle area, Occupied occupied) {
    int w = width();
    int h = height();
    int m = 6; // gap between legend and the plot frame
    int[][] corners = {
      {area.x + area.width - w - m, area.y + m}, // top right
      {area.x + m, area.y + m}, // top left
      {area.x + area.width - w - m, area.y + area.height - h - m}, // bottom right
      {area.x + m, area.y + area.height - h - m}, // bottom left
      {area.x + (area.width - w) / 2, area.y + m}, // top centre
      {area.x + (area.width - w) / 2, area.y + area.height - h - m} // bottom centre
    };
    if (w + 2 * m > area.width || h + 2 * m > area.height) {
      return null;
    }
    for (int[] c : corners) {
      Rectangle box = new Rectangle(c[0], c[1], w, h);
      if (free(box, occupied)) {
        return box;
      }
    }
    // no free corner: the free spot nearest to the top right corner, on a 8-pixel grid
    Rectangle best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int y = area.y + m; y + h + m <= area.y + area.height; y += 8) {
      for (int x = area.x + m; x + w + m <= area.x + area.width; x += 8) {
        double distance = Math.hypot(area.x + area.width - (x + w), y - area.y);
        Rectangle box = new Rectangle(x, y, w, h);
        if (distance < bestDistance && free(box, occupied)) {
          best = box;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** Whether {@code box}, with 4 pixels around it, covers no data. */
  private static boolean free(Rectangle box, Occupied occupied) {
    return !occupied.any(new Rectangle(box.x - 4, box.y - 4, box.width + 8, box.height + 8));
  }

  /** Draws the box at {@code box}: white, grey frame, one swatch and name per entry. */
  void draw(Graphics2D g, Rectangle box) {
    g.setColor(new Color(255, 255, 255, 235));
    g.fillRect(box.x, box.y, box.width, box.height);
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(box.x, box.y, box.width, box.height);
    g.setFont(fm.getFont());
    int i = 0;
    for (Map.Entry<String, Color> e : entries.entrySet()) {
      int cy = box.y + PAD / 2 + i * fm.getHeight() + fm.getHeight() / 2;
      int x0 = box.x + PAD;
      g.setColor(e.getValue());
      if (swatch == Swatch.HALO_LINE) { // exactly as the path: dark edge, then the colour
        g.setColor(HALO);
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x0, cy, x0 + SWATCH, cy);
        g.setColor(e.getValue());
      }
      if (swatch != Swatch.MARKER) {
        float width = swatch == Swatch.HALO_LINE ? 2.5f : 2f;
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x0, cy, x0 + SWATCH, cy);
      }
      if (swatch == Swatch.MARKER || swatch == Swatch.LINE_AND_MARKER) {
        g.fillOval(x0 + SWATCH / 2 - 4, cy - 4, 8, 8);
      }
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), x0 + SWATCH + 6, cy + fm.getAscent() / 2 - 2);
      i++;
    }
  }

  /** The pixels covered by data, as a coarse boolean grid (cells of {@value #CELL} pixels). */
  static final class Occupied {
    static final int CELL = 3;
    private final boolean[][] cells;
    private final int width;
    private final int height;

    Occupied(int width, int height) {
      this.width = width;
      this.height = height;
      this.cells = new boolean[height / CELL + 1][width / CELL + 1];
    }

    /** Marks the point {@code (px, py)} and its marker radius {@code r}. */
    void point(double px, double py, int r) {
      if (!Double.isFinite(px) || !Double.isFinite(py)) {
        return;
      }
      for (int dy = -r; dy <= r; dy += CELL) {
        for (int dx = -r; dx <= r; dx += CELL) {
          mark((int) Math.round(px) + dx, (int) Math.round(py) + dy);
        }
      }
      mark((int) Math.round(px), (int) Math.round(py));
    }

    /** Marks the segment from {@code (x0, y0)} to {@code (x1, y1)}. */
    void segment(double x0, double y0, double x1, double y1) {
      if (!Double.isFinite(x0)
          || !Double.isFinite(y0)
          || !Double.isFinite(x1)
          || !Double.isFinite(y1)) {
        return;
      }
      double length = Math.hypot(x1 - x0, y1 - y0);
      int steps = (int) Math.min(100_000, Math.ceil(length / CELL)) + 1;
      for (int s = 0; s <= steps; s++) {
        double t = (double) s / steps;
        point(x0 + t * (x1 - x0), y0 + t * (y1 - y0), 1);
      }
    }

    /** Marks a path given as pixel coordinates. */
    void path(List<double[]> pixels) {
      for (int i = 1; i < pixels.size(); i++) {
        double[] a = pixels.get(i - 1);
        double[] b = pixels.get(i);
        segment(a[0], a[1], b[0], b[1]);
      }
    }

    private void mark(int x, int y) {
      if (x >= 0 && y >= 0 && x < width && y < height) {
        cells[y / CELL][x / CELL] = true;
      }
    }

    /** Whether any marked pixel lies in {@code r}. */
    boolean any(Rectangle r) {
      for (int y = Math.max(0, r.y); y < Math.min(height, r.y + r.height); y += 1) {
        for (int x = Math.max(0, r.x); x < Math.min(width, r.x + r.width); x += 1) {
          if (cells[y / CELL][x / CELL]) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
