package org.dlcourse.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text beside the points of a scatter chart (e.g. the word each point stands for), drawn in the
 * point's colour, and the pixels it covers (so the legend avoids it).
 *
 * <p>Labels are placed greedily, in series order: each takes the first of eight spots around its
 * point (right, left, above, below, then the diagonals) that comes within {@value #PAD} pixels of
 * no label placed before it, covers no marker and stays inside the plot area. In a tight cluster,
 * where every spot next to the point collides, the same eight spots one and two rings further out
 * are tried, joined to their point by a thin leader line; when every spot collides, the one with
 * the least overlap is taken. Close points (two words with nearly the same vector) thus get labels
 * on different sides.
 *
 * @param labels series name → one label per point of that series
 */
record PointLabels(Map<String, List<String>> labels) {

  static final PointLabels NONE = new PointLabels(Map.of());

  private static final int GAP = 5; // pixels between a marker's centre and its label
  private static final int MARKER = 4; // half the side of the square a marker is taken to cover
  private static final int PAD = 2; // pixels kept free between two labels
  private static final int RINGS = 3; // the spots next to a point, then two rings further out

  /** Marks every label's box as occupied. */
  void occupy(Legend.Occupied occupied, XyFrame f, List<XyRenderer.Series> series, FontMetrics fm) {
    for (Placed p : place(f, series, fm)) {
      Rectangle b = p.box();
      int step = Math.max(1, b.height / 2);
      for (int dx = 0; dx <= b.width; dx += step) {
        occupied.point(b.x + dx, b.getCenterY(), b.height / 2);
      }
    }
  }

  /** Draws each label at its place, in its point's colour. */
  void draw(Graphics2D g, XyFrame f, List<XyRenderer.Series> series, Map<String, Color> colours) {
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    for (Placed p : place(f, series, fm)) {
      Color colour = colours.get(p.series()).darker();
      if (p.leader()) { // from the marker's edge to the nearest point of the label
        g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
        g.setStroke(new java.awt.BasicStroke(1f));
        Rectangle b = p.box();
        double tx = Math.max(b.x, Math.min(p.px(), b.x + b.width));
        double ty = Math.max(b.y, Math.min(p.py(), b.y + b.height));
        double length = Math.hypot(tx - p.px(), ty - p.py());
        if (length > MARKER + 1) {
          double sx = p.px() + (tx - p.px()) * (MARKER + 1) / length;
          double sy = p.py() + (ty - p.py()) * (MARKER + 1) / length;
          g.draw(new java.awt.geom.Line2D.Double(sx, sy, tx, ty));
        }
      }
      g.setColor(colour);
      g.drawString(p.text(), p.box().x, p.box().y + fm.getAscent());
    }
  }

  /**
   * One label at its place: {@code box} is the text's bounding box in pixels, {@code (px, py)} its
   * point; {@code leader}: placed away from the point, joined to it by a line.
   */
  record Placed(String series, String text, Rectangle box, double px, double py, boolean leader) {}

  /** Where every label goes (see the class comment), in series order. */
  List<Placed> place(XyFrame f, List<XyRenderer.Series> series, FontMetrics fm) {
    List<Rectangle> markers = new ArrayList<>();
    for (XyRenderer.Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        double px = f.px(s.x()[i]);
        double py = f.py(s.y()[i]);
        if (Double.isFinite(px) && Double.isFinite(py)) {
          markers.add(
              new Rectangle(
                  (int) Math.round(px) - MARKER,
                  (int) Math.round(py) - MARKER,
                  2 * MARKER,
                  2 * MARKER));
        }
      }
    }
    List<Placed> placed = new ArrayList<>();
    int h = fm.getAscent() + fm.getDescent();
    for (XyRenderer.Series s : series) {
      List<String> texts = labels.get(s.name());
      if (texts == null) {
        continue;
      }
      for (int i = 0; i < s.x().length; i++) {
        double px = f.px(s.x()[i]);
        double py = f.py(s.y()[i]);
        if (!Double.isFinite(px) || !Double.isFinite(py)) {
          continue;
        }
        String text = texts.get(i);
        List<Rectangle> spots = new ArrayList<>();
        for (int ring = 0; ring < RINGS; ring++) {
          spots.addAll(spots(px, py, fm.stringWidth(text), h, ring));
        }
        Rectangle box = best(f.area(), spots, placed, markers);
        boolean leader = spots.indexOf(box) >= 8;
        placed.add(new Placed(s.name(), text, box, px, py, leader));
      }
    }
    return placed;
  }

  /**
   * The eight candidate boxes around a point at {@code (px, py)}, in order of preference, in three
   * rows (above, level with and below the point) that do not overlap one another; none covers the
   * point's own marker (a box spans [x, x + w) × [y, y + h)). Ring 0 touches the point; ring r
   * moves every box r rows up or down (level boxes: r × 12 pixels sideways).
   */
  private static List<Rectangle> spots(double px, double py, int w, int h, int ring) {
    int x = (int) Math.round(px);
    int level = (int) Math.round(py) - h / 2;
    int above = level - h - ring * (h + PAD);
    int below = level + h + ring * (h + PAD);
    int side = ring * 12;
    return List.of(
        new Rectangle(x + GAP + side, level, w, h),
        new Rectangle(x - GAP - w - side, level, w, h),
        new Rectangle(x - w / 2, above, w, h),
        new Rectangle(x - w / 2, below, w, h),
        new Rectangle(x + MARKER, above, w, h),
        new Rectangle(x + MARKER, below, w, h),
        new Rectangle(x - MARKER - w, above, w, h),
        new Rectangle(x - MARKER - w, below, w, h));
  }

  /** The first spot that collides with nothing, else the one with the least collision. */
  private static Rectangle best(
      Rectangle area, List<Rectangle> spots, List<Placed> placed, List<Rectangle> markers) {
    Rectangle best = spots.get(0);
    long bestCost = Long.MAX_VALUE;
    for (Rectangle spot : spots) {
      long cost = cost(area, spot, placed, markers);
      if (cost == 0) {
        return spot;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = spot;
      }
    }
    return best;
  }

  /**
   * How badly a box collides: pixels outside the plot area weigh most, then pixels shared with
   * labels placed earlier (each grown by {@value #PAD} pixels, so that two labels never touch) or
   * with markers (a label over a marker hides the point and is hard to read).
   */
  private static long cost(
      Rectangle area, Rectangle box, List<Placed> placed, List<Rectangle> markers) {
    long outside = (long) box.width * box.height - overlap(area, box);
    long cost = 100 * outside;
    for (Placed p : placed) {
      Rectangle b = p.box();
      cost +=
          10
              * overlap(
                  new Rectangle(b.x - PAD, b.y - PAD, b.width + 2 * PAD, b.height + 2 * PAD), box);
    }
    for (Rectangle m : markers) {
      cost += 10 * overlap(m, box);
    }
    return cost;
  }

  private static long overlap(Rectangle a, Rectangle b) {
    Rectangle i = a.intersection(b);
    return i.isEmpty() ? 0 : (long) i.width * i.height;
  }
}
