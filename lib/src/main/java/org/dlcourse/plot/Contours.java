package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * A contour plot of a function of two variables with optimiser paths drawn over it.
 *
 * <pre>{@code
 * Map<String, double[][]> paths = new LinkedHashMap<>();
 * paths.put("gradient descent", new double[][] {xs, ys});
 * Contours.plot("f(x, y)", (x, y) -> x * x + 10 * y * y, new double[] {-2, 2}, new double[] {-1, 1}, paths);
 * }</pre>
 *
 * <p>The background colours {@code log(f - min f)} in bands (dark = low, yellow = high) with a thin
 * line where one band meets the next (the iso-lines); each path is a polyline with a circle at its
 * start and a square at its end. Points outside the ranges are clipped, so a diverging path leaves
 * the picture. Introduced in the notebook on optimisers ({@code 04-optimizers}).
 */
public final class Contours {

  private static final int LEVELS = 14;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 44;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Contours() {}

  /**
   * {@code f} over {@code xRange × yRange} with {@code paths} drawn on top, at the default size.
   *
   * @param f the function, e.g. {@code (x, y) -> x * x + 10 * y * y} or {@code bowl::value}
   * @param xRange {@code {xMin, xMax}}
   * @param yRange {@code {yMin, yMax}}
   * @param paths name → {@code {xs, ys}} (e.g. {@code trajectory.xy()}), drawn in insertion order;
   *     may be empty
   */
  public static Plot plot(
      String title,
      DoubleBinaryOperator f,
      double[] xRange,
      double[] yRange,
      Map<String, double[][]> paths) {
    return plot(title, f, xRange, yRange, paths, PlotOptions.defaults());
  }

  /** Like {@link #plot(String, DoubleBinaryOperator, double[], double[], Map)} with a size. */
  public static Plot plot(
      String title,
      DoubleBinaryOperator f,
      double[] xRange,
      double[] yRange,
      Map<String, double[][]> paths,
      PlotOptions options) {
    Charts.checkNotNull(f, "f");
    checkRange(xRange, "xRange");
    checkRange(yRange, "yRange");
    Charts.checkNotNull(paths, "paths");
    PlotOptions o = options == null ? PlotOptions.defaults() : options;
    if (o.logX() || o.logY()) {
      throw new IllegalArgumentException(
          "a contour plot has linear axes; drop logX/logY from the options");
    }
    for (Map.Entry<String, double[][]> e : paths.entrySet()) {
      checkPath(e.getKey(), e.getValue());
    }
    int width = o.width();
    int height = o.height();
    int plotW = width - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    if (plotW < 20 || plotH < 20) {
      throw new IllegalArgumentException(
          "a contour plot needs at least "
              + (LEFT + RIGHT + 20)
              + "x"
              + (TOP + BOTTOM + 20)
              + " pixels but got "
              + width
              + "x"
              + height);
    }
    Frame frame = new Frame(xRange, yRange, plotW, plotH);
    // one colour per name, as in the line charts beside it (Palette)
    Map<String, Color> colours = Palette.of(new java.util.ArrayList<>(paths.keySet()));
    Legend legend =
        paths.isEmpty()
            ? null
            : new Legend(colours, Legend.Swatch.HALO_LINE, Canvas.metrics(Text.LABEL));
    java.awt.Rectangle legendBox = legend == null ? null : legendInside(frame, paths, legend);
    int below = 0; // no empty corner: the legend goes below the picture, which grows to hold it
    if (legend != null && legendBox == null) {
      below = legend.height() + 8;
      legendBox =
          new java.awt.Rectangle(
              Math.max(2, (width - legend.width()) / 2),
              height + 2,
              legend.width(),
              legend.height());
    }
    BufferedImage image = new BufferedImage(width, height + below, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.white(image);
    try {
      fill(image, f, frame);
      g.setColor(Color.GRAY);
      g.drawRect(LEFT, TOP, plotW, plotH);
      drawAxes(g, frame);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title == null ? "" : title, LEFT, TOP - 12);
      drawPaths(g, frame, paths, colours);
      if (legend != null) {
        legend.draw(g, legendBox);
      }
    } finally {
      g.dispose();
    }
    return Plot.wrap(
        title,
        image,
        (w, h) -> plot(title, f, xRange, yRange, paths, new PlotOptions(w, h, false, false)));
  }

  /** Maps function coordinates to pixels inside the plot area. */
  private record Frame(double[] xRange, double[] yRange, int plotW, int plotH) {
    double px(double x) {
      return LEFT + (x - xRange[0]) / (xRange[1] - xRange[0]) * plotW;
    }

    double py(double y) {
      return TOP + plotH - (y - yRange[0]) / (yRange[1] - yRange[0]) * plotH;
    }

    double x(int column) {
      return xRange[0] + (column + 0.5) / plotW * (xRange[1] - xRange[0]);
    }

    double y(int row) {
      return yRange[1] - (row + 0.5) / plotH * (yRange[1] - yRange[0]);
    }
  }

  /** Colours each pixel of the plot area by the band of {@code log(f - min f)} it falls in. */
  private static void fill(BufferedImage image, DoubleBinaryOperator f, Frame frame) {
    int w = frame.plotW();
    int h = frame.plotH();
    double[][] values = new double[h][w];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double v = f.applyAsDouble(frame.x(c), frame.y(r));
        values[r][c] = v;
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!Double.isFinite(min)) {
      throw new IllegalArgumentException(
          "f is NaN or infinite everywhere in the ranges; check f or choose other ranges");
    }
    // log(f - min + delta): equal steps in log space show both the valley floor and the walls
    double delta = Math.max((max - min) * 1e-4, 1e-12);
    double lo = Math.log(delta);
    double hi = Math.log(max - min + delta);
    int[][] level = new int[h][w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double v = values[r][c];
        if (!Double.isFinite(v)) {
          level[r][c] = -1;
          continue;
        }
        double t = hi > lo ? (Math.log(v - min + delta) - lo) / (hi - lo) : 0;
        level[r][c] = Math.min(LEVELS - 1, (int) Math.floor(t * LEVELS));
      }
    }
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int l = level[r][c];
        Color colour = l < 0 ? Color.LIGHT_GRAY : ColorMap.viridis((l + 0.5) / LEVELS * 0.85 + 0.1);
        boolean edge =
            l >= 0 && ((c + 1 < w && level[r][c + 1] != l) || (r + 1 < h && level[r + 1][c] != l));
        if (edge) {
          colour = colour.darker(); // an iso-line: one band ends, the next begins
        }
        image.setRGB(LEFT + c, TOP + r, colour.getRGB());
      }
    }
  }

  private static void drawAxes(Graphics2D g, Frame frame) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    for (double x : ticks(frame.xRange())) {
      int px = (int) Math.round(frame.px(x));
      int py = TOP + frame.plotH();
      g.drawLine(px, py, px, py + 4);
      String s = tickLabel(x);
      g.drawString(s, px - fm.stringWidth(s) / 2, py + 6 + fm.getAscent());
    }
    for (double y : ticks(frame.yRange())) {
      int py = (int) Math.round(frame.py(y));
      g.drawLine(LEFT - 4, py, LEFT, py);
      String s = tickLabel(y);
      g.drawString(s, LEFT - 6 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
    }
    String xName = "x";
    g.drawString(
        xName,
        LEFT + (frame.plotW() - fm.stringWidth(xName)) / 2,
        TOP + frame.plotH() + 8 + 2 * fm.getHeight());
    g.drawString("y", 8, TOP + frame.plotH() / 2);
  }

  /**
   * Draws every path, longest on screen first, so that a short path (a method that barely moved) is
   * never buried under a long one (a diverging or noisy method); then every path's markers on top
   * of all lines, so each start circle and end square stays visible. The legend keeps the caller's
   * order.
   */
  private static void drawPaths(
      Graphics2D g, Frame frame, Map<String, double[][]> paths, Map<String, Color> colours) {
    java.awt.Shape clip = g.getClip();
    g.setClip(LEFT, TOP, frame.plotW() + 1, frame.plotH() + 1);
    java.util.List<String> order = new java.util.ArrayList<>(paths.keySet());
    Map<String, Double> lengths = new java.util.HashMap<>();
    for (String name : order) {
      lengths.put(name, screenLength(frame, paths.get(name)));
    }
    order.sort(java.util.Comparator.comparing(lengths::get).reversed());
    for (String name : order) {
      Path2D.Double line = line(frame, paths.get(name));
      // a dark edge under every path keeps it visible on any fill colour
      g.setColor(Legend.HALO);
      g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(line);
      g.setColor(colours.get(name));
      g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(line);
    }
    for (String name : order) {
      g.setColor(colours.get(name));
      drawMarkers(g, frame, paths.get(name));
    }
    g.setClip(clip);
  }

  /** The path as pixels (clamped, so a diverging path still draws); a NaN breaks the line. */
  private static Path2D.Double line(Frame frame, double[][] xy) {
    return Canvas.polyline(
        xy[0].length, k -> clamp(frame.px(xy[0][k])), k -> clamp(frame.py(xy[1][k])));
  }

  /** The sum of the path's segment lengths in pixels (clamped, so a diverging path is finite). */
  private static double screenLength(Frame frame, double[][] xy) {
    double length = 0;
    double lastX = Double.NaN;
    double lastY = Double.NaN;
    for (int k = 0; k < xy[0].length; k++) {
      double px = clamp(frame.px(xy[0][k]));
      double py = clamp(frame.py(xy[1][k]));
      if (Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(lastX)) {
        length += Math.hypot(px - lastX, py - lastY);
      }
      lastX = px;
      lastY = py;
    }
    return length;
  }

  /** Dots at the points (short paths only), an open circle at the start, a square at the end. */
  private static void drawMarkers(Graphics2D g, Frame frame, double[][] xy) {
    double[] xs = xy[0];
    double[] ys = xy[1];
    if (xs.length <= 80) {
      for (int k = 0; k < xs.length; k++) {
        dot(g, frame.px(xs[k]), frame.py(ys[k]), 2);
      }
    }
    g.setStroke(new BasicStroke(2f));
    double sx = frame.px(xs[0]);
    double sy = frame.py(ys[0]);
    if (Double.isFinite(sx) && Double.isFinite(sy)) {
      g.drawOval((int) Math.round(sx) - 5, (int) Math.round(sy) - 5, 10, 10);
    }
    double ex = frame.px(xs[xs.length - 1]);
    double ey = frame.py(ys[ys.length - 1]);
    if (Double.isFinite(ex) && Double.isFinite(ey) && Math.abs(ex) < 1e6 && Math.abs(ey) < 1e6) {
      g.fillRect((int) Math.round(ex) - 4, (int) Math.round(ey) - 4, 8, 8);
    }
  }

  /** The first corner of the plot area that no path crosses, or null when every one is crossed. */
  private static java.awt.Rectangle legendInside(
      Frame frame, Map<String, double[][]> paths, Legend legend) {
    java.awt.Rectangle area = new java.awt.Rectangle(LEFT, TOP, frame.plotW(), frame.plotH());
    Legend.Occupied occupied =
        new Legend.Occupied(LEFT + frame.plotW() + RIGHT, TOP + frame.plotH() + BOTTOM);
    for (double[][] xy : paths.values()) {
      java.util.List<double[]> pixels = new java.util.ArrayList<>();
      for (int k = 0; k < xy[0].length; k++) {
        double px = clamp(frame.px(xy[0][k]));
        double py = clamp(frame.py(xy[1][k]));
        if (Double.isFinite(px) && Double.isFinite(py)) {
          occupied.point(px, py, 6); // start circle and end square
          pixels.add(new double[] {px, py});
        }
      }
      occupied.path(pixels);
    }
    return legend.placeInside(area, occupied);
  }

  private static void dot(Graphics2D g, double px, double py, int r) {
    if (Double.isFinite(px) && Double.isFinite(py) && Math.abs(px) < 1e6 && Math.abs(py) < 1e6) {
      g.fillOval((int) Math.round(px) - r, (int) Math.round(py) - r, 2 * r, 2 * r);
    }
  }

  /** Keeps far-away points (a diverging path) at a distance Java2D can still draw. */
  private static double clamp(double pixel) {
    return Double.isFinite(pixel) ? Math.max(-1e5, Math.min(1e5, pixel)) : pixel;
  }

  /** About five round tick values inside {@code range}. */
  static double[] ticks(double[] range) {
    double span = range[1] - range[0];
    double raw = span / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    double first = Math.ceil(range[0] / step - 1e-9) * step;
    int n = (int) Math.floor((range[1] - first) / step + 1e-9) + 1;
    double[] ticks = new double[Math.max(n, 0)];
    for (int k = 0; k < ticks.length; k++) {
      ticks[k] = first + k * step;
    }
    return ticks;
  }

  private static String tickLabel(double v) {
    if (Math.abs(v) < 1e-12) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  private static void checkRange(double[] range, String what) {
    if (range == null
        || range.length != 2
        || !Double.isFinite(range[0])
        || !Double.isFinite(range[1])
        || !(range[0] < range[1])) {
      throw new IllegalArgumentException(
          what
              + " must be {min, max} with finite min < max but was "
              + java.util.Arrays.toString(range)
              + "; e.g. new double[] {-2, 2}");
    }
  }

  private static void checkPath(String name, double[][] xy) {
    String what = "path \"" + name + "\"";
    if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null) {
      throw new IllegalArgumentException(
          what
              + " must be {xs, ys} (two arrays) but had "
              + (xy == null ? "null" : xy.length + " arrays")
              + "; pass new double[][] {xs, ys} or trajectory.xy()");
    }
    if (xy[0].length != xy[1].length) {
      throw new IllegalArgumentException(
          what + " has " + xy[0].length + " xs but " + xy[1].length + " ys; they must match");
    }
    if (xy[0].length == 0) {
      throw new IllegalArgumentException(what + " is empty: a path needs at least one point");
    }
  }
}
