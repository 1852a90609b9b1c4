package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws line and scatter charts with Java2D: round ticks ({@link Ticks}), one colour per series
 * name ({@link Palette}), a legend that covers no data ({@link Legend}), text of at least 11 px.
 */
final class XyRenderer {

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color GRID = new Color(225, 225, 225);
  private static final int MARKER = 3; // radius in pixels

  /** One named series: points {@code (x[i], y[i])}, joined by a line or not. */
  record Series(String name, double[] x, double[] y) {}

  /** Where things were drawn, for tests: the plot area and the legend box (null if none). */
  record Layout(
      Rectangle plotArea, Rectangle legend, boolean legendOutside, Ticks xTicks, Ticks yTicks) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series;
  private final boolean lines;
  private final PlotOptions options;
  private Layout layout;

  XyRenderer(
      String title,
      String xLabel,
      String yLabel,
      List<Series> series,
      boolean lines,
      PlotOptions options) {
    this.title = Charts.nullToEmpty(title);
    this.xLabel = Charts.nullToEmpty(xLabel);
    this.yLabel = Charts.nullToEmpty(yLabel);
    this.series = series;
    this.lines = lines;
    this.options = options;
  }

  Layout layout() {
    return layout;
  }

  BufferedImage draw() {
    int width = options.width();
    int height = options.height();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.white(image);
    try {
      Map<String, Color> colours = Palette.of(series.stream().map(Series::name).toList());
      Legend legend =
          series.size() > 1
              ? new Legend(
                  colours,
                  lines
                      ? (markers() ? Legend.Swatch.LINE_AND_MARKER : Legend.Swatch.LINE)
                      : Legend.Swatch.MARKER,
                  g.getFontMetrics(TICK))
              : null;
      List<String> titleLines = wrap(title, g.getFontMetrics(TITLE), width - 20);
      Frame frame = frame(g, titleLines, 0, false, 0);
      Rectangle legendBox = null;
      boolean outside = false;
      if (legend != null) {
        legendBox = legend.placeInside(frame.area, occupied(frame, width, height));
        if (legendBox == null && !options.logY()) { // room above the data: one more tick on top
          Frame taller = frame(g, titleLines, 0, true, 0);
          legendBox = legend.placeInside(taller.area, occupied(taller, width, height));
          frame = legendBox == null ? frame : taller;
        }
        if (legendBox == null && legend.width() <= width * 0.3) { // outside, right of the plot
          outside = true;
          frame = frame(g, titleLines, legend.width() + 12, false, 0);
          legendBox =
              new Rectangle(
                  frame.area.x + frame.area.width + 12,
                  frame.area.y,
                  legend.width(),
                  legend.height());
        } else if (legendBox
            == null) { // a wide legend: below the plot, so the plot keeps its width
          outside = true;
          frame = frame(g, titleLines, 0, false, legend.height() + 6);
          legendBox =
              new Rectangle(
                  Math.max(2, (width - legend.width()) / 2),
                  height - legend.height() - 4,
                  legend.width(),
                  legend.height());
        }
      }
      drawFrame(g, frame, titleLines);
      drawData(g, frame, colours);
      if (legend != null) {
        legend.draw(g, legendBox);
      }
      layout = new Layout(frame.area, legendBox, outside, frame.xTicks, frame.yTicks);
    } finally {
      g.dispose();
    }
    return image;
  }

  private boolean markers() {
    return series.get(0).x().length <= 30;
  }

  // ---------------------------------------------------------------- layout

  /** The plot area and the ticks: data coordinates to pixels. */
  private record Frame(Rectangle area, Ticks xTicks, Ticks yTicks, boolean logX, boolean logY) {
    double px(double x) {
      return area.x + fraction(x, xTicks, logX) * area.width;
    }

    double py(double y) {
      return area.y + area.height - fraction(y, yTicks, logY) * area.height;
    }

    private static double fraction(double v, Ticks t, boolean log) {
      return log
          ? (Math.log10(v) - Math.log10(t.lo())) / (Math.log10(t.hi()) - Math.log10(t.lo()))
          : (v - t.lo()) / (t.hi() - t.lo());
    }
  }

  private Frame frame(
      Graphics2D g, List<String> titleLines, int extraRight, boolean headroom, int extraBottom) {
    FontMetrics tick = g.getFontMetrics(TICK);
    FontMetrics label = g.getFontMetrics(LABEL);
    FontMetrics titleFm = g.getFontMetrics(TITLE);
    double[] xr = range(true);
    double[] yr = range(false);
    int top = 10 + titleLines.size() * titleFm.getHeight() + 8;
    int bottom =
        6 + tick.getHeight() + (xLabel.isEmpty() ? 4 : label.getHeight() + 8) + extraBottom;
    int plotH = options.height() - top - bottom;
    Ticks yTicks = fitTicks(yr, options.logY(), plotH, tick, true);
    if (headroom) { // one more step above the highest tick, for the legend
      yTicks =
          fitTicks(
              new double[] {yr[0], yTicks.hi() + yTicks.step() * 0.999}, false, plotH, tick, true);
    }
    int yLabelW = 0;
    for (String s : yTicks.labels()) {
      yLabelW = Math.max(yLabelW, tick.stringWidth(s));
    }
    int left = 8 + (yLabel.isEmpty() ? 0 : label.getHeight() + 6) + yLabelW + 6;
    int right = 14 + extraRight;
    int plotW = options.width() - left - right;
    boolean wholeX = wholeNumbers();
    Ticks xTicks = fitTicks(xr, options.logX(), plotW, tick, false, wholeX);
    // half of the last x label hangs past the plot area: keep it on the picture
    String[] xl = xTicks.labels();
    int overhang = tick.stringWidth(xl[xl.length - 1]) / 2 - right + extraRight + 4;
    if (overhang > 0) {
      plotW -= overhang;
      xTicks = fitTicks(xr, options.logX(), plotW, tick, false, wholeX);
    }
    Rectangle area = new Rectangle(left, top, Math.max(20, plotW), Math.max(20, plotH));
    return new Frame(area, xTicks, yTicks, options.logX(), options.logY());
  }

  /**
   * The most ticks (up to one per ~70 px across, ~40 px up) whose labels do not touch: labels need
   * their width plus 10 px each on the x axis, their height plus 4 px on the y axis.
   */
  static Ticks fitTicks(double[] range, boolean log, int pixels, FontMetrics fm, boolean vertical) {
    return fitTicks(range, log, pixels, fm, vertical, false);
  }

  /**
   * Like the above; {@code integers}: the data are whole numbers (epochs), so steps of 1 or more.
   */
  static Ticks fitTicks(
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

  private static boolean fits(Ticks ticks, int pixels, FontMetrics fm, boolean vertical) {
    String[] labels = ticks.labels();
    if (labels.length < 2) {
      return true;
    }
    double lo = ticks.log() ? Math.log10(ticks.lo()) : ticks.lo();
    double hi = ticks.log() ? Math.log10(ticks.hi()) : ticks.hi();
    double previousEnd = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < labels.length; i++) {
      double v = ticks.log() ? Math.log10(ticks.values()[i]) : ticks.values()[i];
      double centre = (v - lo) / (hi - lo) * pixels;
      double half = vertical ? (fm.getAscent() + 4) / 2.0 : (fm.stringWidth(labels[i]) + 10) / 2.0;
      if (centre - half < previousEnd) {
        return false;
      }
      previousEnd = centre + half;
    }
    return true;
  }

  /** Whether every x is a whole number (epochs, layers, sizes). */
  private boolean wholeNumbers() {
    for (Series s : series) {
      for (double v : s.x()) {
        if (Double.isFinite(v) && v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {min, max} of the finite x (or y) values of every series. */
  private double[] range(boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
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

  private Legend.Occupied occupied(Frame frame, int width, int height) {
    Legend.Occupied occupied = new Legend.Occupied(width, height);
    for (Series s : series) {
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

  // ---------------------------------------------------------------- drawing

  private void drawFrame(Graphics2D g, Frame f, List<String> titleLines) {
    Rectangle a = f.area;
    FontMetrics titleFm = g.getFontMetrics(TITLE);
    g.setFont(TITLE);
    g.setColor(Color.BLACK);
    int y = 10 + titleFm.getAscent();
    for (String line : titleLines) {
      g.drawString(line, Math.max(4, (options.width() - titleFm.stringWidth(line)) / 2), y);
      y += titleFm.getHeight();
    }
    g.setFont(TICK);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    String[] xl = f.xTicks.labels();
    for (int i = 0; i < xl.length; i++) {
      int px = (int) Math.round(f.px(f.xTicks.values()[i]));
      g.setColor(GRID);
      g.drawLine(px, a.y, px, a.y + a.height);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(px, a.y + a.height, px, a.y + a.height + 4);
      g.drawString(xl[i], px - fm.stringWidth(xl[i]) / 2, a.y + a.height + 6 + fm.getAscent());
    }
    String[] yl = f.yTicks.labels();
    for (int i = 0; i < yl.length; i++) {
      int py = (int) Math.round(f.py(f.yTicks.values()[i]));
      g.setColor(GRID);
      g.drawLine(a.x, py, a.x + a.width, py);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(a.x - 4, py, a.x, py);
      g.drawString(yl[i], a.x - 6 - fm.stringWidth(yl[i]), py + fm.getAscent() / 2 - 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(a.x, a.y, a.width, a.height);
    g.setFont(LABEL);
    FontMetrics lm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    if (!xLabel.isEmpty()) {
      String s = fit(xLabel, lm, options.width() - 8);
      g.drawString(
          s,
          Math.max(4, a.x + (a.width - lm.stringWidth(s)) / 2),
          a.y + a.height + 6 + fm.getHeight() + 4 + lm.getAscent());
    }
    if (!yLabel.isEmpty()) {
      String s = fit(yLabel, lm, a.height + a.y - 4);
      AffineTransform saved = g.getTransform();
      g.translate(8 + lm.getAscent(), a.y + (a.height + lm.stringWidth(s)) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(s, 0, 0);
      g.setTransform(saved);
    }
  }

  private void drawData(Graphics2D g, Frame f, Map<String, Color> colours) {
    java.awt.Shape clip = g.getClip();
    Rectangle a = f.area;
    g.setClip(
        a.x - MARKER - 1, a.y - MARKER - 1, a.width + 2 * MARKER + 3, a.height + 2 * MARKER + 3);
    boolean withMarkers = !lines || markers();
    for (Series s : series) {
      Color colour = colours.get(s.name());
      if (lines) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.x().length; i++) {
          double px = f.px(s.x()[i]);
          double py = f.py(s.y()[i]);
          if (!Double.isFinite(px) || !Double.isFinite(py)) {
            pen = false;
            continue;
          }
          if (pen) {
            path.lineTo(px, py);
          } else {
            path.moveTo(px, py);
            pen = true;
          }
        }
        g.draw(path);
      }
      if (withMarkers) {
        g.setColor(
            lines ? colour : new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 200));
        for (int i = 0; i < s.x().length; i++) {
          double px = f.px(s.x()[i]);
          double py = f.py(s.y()[i]);
          if (Double.isFinite(px) && Double.isFinite(py)) {
            int r = lines ? MARKER : MARKER + 1;
            g.fillOval((int) Math.round(px) - r, (int) Math.round(py) - r, 2 * r, 2 * r);
          }
        }
      }
    }
    g.setClip(clip);
  }

  // ---------------------------------------------------------------- text

  /** Splits {@code text} into lines no wider than {@code width} pixels, breaking at spaces. */
  static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new ArrayList<>();
    if (text.isEmpty()) {
      return lines;
    }
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (fm.stringWidth(candidate) <= width || line.length() == 0) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /** {@code text}, shortened with "…" to fit {@code width} pixels. */
  static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String s = text;
    while (s.length() > 1 && fm.stringWidth(s + "…") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "…";
  }
}
