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
 * point (right, left, above, below, then the diagonals) that overlaps no label placed before it, no
 * marker and no edge of the plot area; when every spot collides, the one with the least overlap.
 * Close points (two words with nearly the same vector) thus get labels on different sides.
 *
 * @param labels series name → one label per point of that series
 */
record PointLabels(Map<String, List<String>> labels) {

  static final PointLabels NONE = new PointLabels(Map.of());

  private static final int GAP = 5; // pixels between a marker's centre and its label
  private static final int MARKER = 4; // half the side of the square a marker is taken to cover

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
      g.setColor(colours.get(p.series()).darker());
      g.drawString(p.text(), p.box().x, p.box().y + fm.getAscent());
    }
  }

  /** One label at its place: {@code box} is the text's bounding box in pixels. */
  record Placed(String series, String text, Rectangle box) {}

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
        Rectangle box = best(f.area(), spots(px, py, fm.stringWidth(text), h), placed, markers);
        placed.add(new Placed(s.name(), text, box));
      }
    }
    return placed;
  }

  /**
   * The eight candidate boxes around a point at {@code (px, py)}, in order of preference, in three
   * rows (above, level with and below the point) that do not overlap one another; none covers the
   * point's own marker (a box spans [x, x + w) × [y, y + h)).
   */
  private static List<Rectangle> spots(double px, double py, int w, int h) {
    int x = (int) Math.round(px);
    int level = (int) Math.round(py) - h / 2;
    int above = level - h;
    int below = level + h;
    return List.of(
        new Rectangle(x + GAP, level, w, h),
        new Rectangle(x - GAP - w, level, w, h),
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
   * labels placed earlier, then pixels over markers.
   */
  private static long cost(
      Rectangle area, Rectangle box, List<Placed> placed, List<Rectangle> markers) {
    long outside = (long) box.width * box.height - overlap(area, box);
    long cost = 100 * outside;
    for (Placed p : placed) {
      cost += 10 * overlap(p.box(), box);
    }
    for (Rectangle m : markers) {
      cost += overlap(m, box);
    }
    return cost;
  }

  private static long overlap(Rectangle a, Rectangle b) {
    Rectangle i = a.intersection(b);
    return i.isEmpty() ? 0 : (long) i.width * i.height;
  }
}
