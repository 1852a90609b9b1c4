package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classifier's decision regions in the plane: each point of the plane is shaded by the class the
 * classifier predicts there, the boundary between regions is outlined, and labelled examples are
 * drawn on top.
 *
 * <pre>{@code
 * Perceptron perceptron = Perceptron.of(1.0, 20).fit(X, y);
 * DecisionBoundary.plot("Perceptron on iris", "petal length", "sepal width",
 *     x -> perceptron.predict(x), Map.of("setosa", setosaXy, "versicolor", versicolorXy));
 * }</pre>
 *
 * <p>The classifier receives a point {@code {x1, x2}} and returns a class index: an {@code int}, or
 * a {@code double} that is rounded to the nearest integer (so a probability of class 1 is shaded as
 * class 1 where it exceeds 0.5). The i-th group of points is drawn in the colour of class i. The
 * plane is sampled on a {@value #RESOLUTION} x {@value #RESOLUTION} grid, so the classifier is
 * called {@code RESOLUTION * RESOLUTION} times; {@link #plotBatch} instead calls a classifier once
 * with all grid points as a {@code [m, 2]} array, which is much faster for a network. Introduced in
 * notebook 02 ({@code 02-perceptron}) and used again in notebook 03 ({@code 03-backpropagation}).
 */
public final class DecisionBoundary {

  /** The number of grid cells along each axis at which the classifier is evaluated. */
  public static final int RESOLUTION = 120;

  /** Class colours (tab10): blue, orange, green, red, purple, brown, pink, grey. */
  private static final Color[] COLOURS = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127)
  };

  /** Share of the points' range added on each side, so points do not sit on the frame. */
  private static final double MARGIN = 0.2;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private DecisionBoundary() {}

  /**
   * The decision regions of {@code classifier} with {@code points} on top, axes "x1" and "x2".
   *
   * @param points group name → {@code {xs, ys}} (two arrays of equal length); group i has class i
   */
  public static Plot plot(
      String title,
      Function<double[], ? extends Number> classifier,
      Map<String, double[][]> points) {
    return plot(title, "x1", "x2", classifier, points, PlotOptions.defaults());
  }

  /** Like {@link #plot(String, Function, Map)} with axis labels. */
  public static Plot plot(
      String title,
      String xLabel,
      String yLabel,
      Function<double[], ? extends Number> classifier,
      Map<String, double[][]> points) {
    return plot(title, xLabel, yLabel, classifier, points, PlotOptions.defaults());
  }

  /**
   * Like {@link #plot(String, String, String, Function, Map)} with a size (log axes are not
   * supported).
   */
  public static Plot plot(
      String title,
      String xLabel,
      String yLabel,
      Function<double[], ? extends Number> classifier,
      Map<String, double[][]> points,
      PlotOptions options) {
    Charts.checkNotNull(classifier, "classifier");
    PlotOptions opts = checkOptions(options);
    double[] box = bounds(points); // {xMin, xMax, yMin, yMax}
    return render(title, xLabel, yLabel, classify(classifier, box), points, box, opts);
  }

  /**
   * Like {@link #plot(String, String, String, Function, Map)} for a classifier that takes all grid
   * points at once: it receives a {@code [m, 2]} double array (one point per row) and returns
   * {@code m} class indices or probabilities of class 1 ({@code [m]} or {@code [m, 1]}), which are
   * rounded. One call instead of {@code m}: use it for networks, e.g. {@code X -> forward(params,
   * X)}.
   */
  public static Plot plotBatch(
      String title,
      String xLabel,
      String yLabel,
      Function<INDArray, INDArray> classifier,
      Map<String, double[][]> points) {
    return plotBatch(title, xLabel, yLabel, classifier, points, PlotOptions.defaults());
  }

  /** Like {@link #plotBatch(String, String, String, Function, Map)} with a size. */
  public static Plot plotBatch(
      String title,
      String xLabel,
      String yLabel,
      Function<INDArray, INDArray> classifier,
      Map<String, double[][]> points,
      PlotOptions options) {
    Charts.checkNotNull(classifier, "classifier");
    PlotOptions opts = checkOptions(options);
    double[] box = bounds(points);
    double[][] grid = new double[RESOLUTION * RESOLUTION][];
    for (int c = 0; c < RESOLUTION; c++) {
      for (int r = 0; r < RESOLUTION; r++) {
        grid[c * RESOLUTION + r] = centre(box, c, r);
      }
    }
    INDArray predicted = classifier.apply(Nd4j.create(grid)); // [m, 2] -> [m] or [m, 1]
    if (predicted == null || predicted.length() != grid.length) {
      throw new IllegalArgumentException(
          "the classifier got "
              + grid.length
              + " points as a ["
              + grid.length
              + ", 2] array and must return "
              + grid.length
              + " values ([m] or [m, 1]) but returned "
              + (predicted == null ? "null" : java.util.Arrays.toString(predicted.shape())));
    }
    double[] values = predicted.castTo(DataType.DOUBLE).reshape(grid.length).toDoubleVector();
    int[][] classes = new int[RESOLUTION][RESOLUTION];
    for (int c = 0; c < RESOLUTION; c++) {
      for (int r = 0; r < RESOLUTION; r++) {
        double[] x = grid[c * RESOLUTION + r];
        classes[c][r] = toClass(values[c * RESOLUTION + r], x[0], x[1]);
      }
    }
    return render(title, xLabel, yLabel, classes, points, box, opts);
  }

  private static PlotOptions checkOptions(PlotOptions options) {
    PlotOptions opts = options == null ? PlotOptions.defaults() : options;
    if (opts.logX() || opts.logY()) {
      throw new IllegalArgumentException(
          "a decision boundary is drawn on linear axes; drop logX/logY from the PlotOptions");
    }
    return opts;
  }

  private static double[] centre(double[] box, int c, int r) {
    return new double[] {
      box[0] + (c + 0.5) / RESOLUTION * (box[1] - box[0]),
      box[2] + (r + 0.5) / RESOLUTION * (box[3] - box[2])
    };
  }

  private static Plot render(
      String title,
      String xLabel,
      String yLabel,
      int[][] classes,
      Map<String, double[][]> points,
      double[] box,
      PlotOptions opts) {
    BoundsChart chart = new BoundsChart(title, xLabel, yLabel, opts, box);
    int i = 0;
    for (Map.Entry<String, double[][]> entry : points.entrySet()) {
      XYSeries series =
          chart.addSeries(entry.getKey(), entry.getValue()[0].clone(), entry.getValue()[1].clone());
      series.setMarkerColor(colour(i++));
    }
    chart.getStyler().setLegendVisible(points.size() > 1);

    BufferedImage image =
        new BufferedImage(opts.width(), opts.height(), BufferedImage.TYPE_INT_RGB);
    // First pass: lay the chart out to learn where its plot area is.
    Graphics2D scratch = image.createGraphics();
    try {
      chart.paint(scratch, opts.width(), opts.height());
    } finally {
      scratch.dispose();
    }
    Rectangle2D area = chart.plotArea();
    if (points.size() > 1 && chart.placeLegend(points)) {
      scratch = image.createGraphics(); // the legend moved outside: lay out again
      try {
        chart.paint(scratch, opts.width(), opts.height());
      } finally {
        scratch.dispose();
      }
      area = chart.plotArea();
    }
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, opts.width(), opts.height());
      shade(g, area, classes);
      // Second pass: axes, grid, points and legend over the shading (chart backgrounds are clear).
      chart.paint(g, opts.width(), opts.height());
    } finally {
      g.dispose();
    }
    return Plot.wrap(title, image);
  }

  /** The predicted class at the centre of every grid cell: {@code [column][row]}, row 0 bottom. */
  private static int[][] classify(Function<double[], ? extends Number> classifier, double[] box) {
    int[][] classes = new int[RESOLUTION][RESOLUTION];
    for (int c = 0; c < RESOLUTION; c++) {
      for (int r = 0; r < RESOLUTION; r++) {
        double[] x = centre(box, c, r);
        Number predicted = classifier.apply(x);
        if (predicted == null) {
          throw new IllegalArgumentException(
              "the classifier returned null at "
                  + java.util.Arrays.toString(x)
                  + "; it must return a class index 0, 1, …");
        }
        classes[c][r] = toClass(predicted.doubleValue(), x[0], x[1]);
      }
    }
    return classes;
  }

  private static int toClass(double value, double x1, double x2) {
    String at = String.format(java.util.Locale.ROOT, " at (%.4g, %.4g)", x1, x2);
    if (!Double.isFinite(value) || Math.round(value) < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the classifier returned "
              + value
              + at
              + " but a class index 0, 1, … is expected; return e.g. yHat > 0.5 ? 1 : 0");
    }
    return (int) Math.round(value);
  }

  /** Fills each grid cell with its class's light colour and outlines where the class changes. */
  private static void shade(Graphics2D g, Rectangle2D area, int[][] classes) {
    double cellW = area.getWidth() / RESOLUTION;
    double cellH = area.getHeight() / RESOLUTION;
    for (int c = 0; c < RESOLUTION; c++) {
      int left = (int) Math.floor(area.getX() + c * cellW);
      int right = (int) Math.ceil(area.getX() + (c + 1) * cellW);
      for (int r = 0; r < RESOLUTION; r++) {
        // screen y grows downwards: row 0 (smallest x2) is at the bottom
        int bottom = (int) Math.ceil(area.getMaxY() - r * cellH);
        int top = (int) Math.floor(area.getMaxY() - (r + 1) * cellH);
        g.setColor(light(colour(classes[c][r])));
        g.fillRect(left, top, right - left, bottom - top);
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(60, 60, 60));
    g.setStroke(new BasicStroke(1.5f));
    for (int c = 0; c < RESOLUTION; c++) {
      for (int r = 0; r < RESOLUTION; r++) {
        double x = area.getX() + (c + 1) * cellW;
        double yTop = area.getMaxY() - (r + 1) * cellH;
        if (c + 1 < RESOLUTION && classes[c][r] != classes[c + 1][r]) {
          g.draw(new java.awt.geom.Line2D.Double(x, yTop, x, yTop + cellH));
        }
        if (r + 1 < RESOLUTION && classes[c][r] != classes[c][r + 1]) {
          g.draw(new java.awt.geom.Line2D.Double(x - cellW, yTop, x, yTop));
        }
      }
    }
  }

  /** {xMin, xMax, yMin, yMax} of all points, widened by {@link #MARGIN} on each side. */
  private static double[] bounds(Map<String, double[][]> points) {
    Charts.checkNotNull(points, "points");
    if (points.isEmpty()) {
      throw new IllegalArgumentException(
          "plot(...) needs at least one group of points but the map was empty; pass e.g."
              + " Map.of(\"class 0\", new double[][] {xs, ys})");
    }
    double[] box = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (Map.Entry<String, double[][]> entry : points.entrySet()) {
      String name = "group \"" + entry.getKey() + "\"";
      double[][] xy = entry.getValue();
      Charts.checkNotNull(xy, name);
      if (xy.length != 2 || xy[0] == null || xy[1] == null) {
        throw new IllegalArgumentException(
            name + " must be {xs, ys} (two arrays) but had " + xy.length + " arrays");
      }
      if (xy[0].length != xy[1].length || xy[0].length == 0) {
        throw new IllegalArgumentException(
            name
                + " has "
                + xy[0].length
                + " xs and "
                + xy[1].length
                + " ys; pass at least one point and as many ys as xs");
      }
      for (int i = 0; i < xy[0].length; i++) {
        if (!Double.isFinite(xy[0][i]) || !Double.isFinite(xy[1][i])) {
          throw new IllegalArgumentException(
              name + " point " + i + " is (" + xy[0][i] + ", " + xy[1][i] + "); remove it");
        }
        box[0] = Math.min(box[0], xy[0][i]);
        box[1] = Math.max(box[1], xy[0][i]);
        box[2] = Math.min(box[2], xy[1][i]);
        box[3] = Math.max(box[3], xy[1][i]);
      }
    }
    for (int k = 0; k < 4; k += 2) {
      double pad = MARGIN * (box[k + 1] - box[k]);
      if (pad == 0) {
        pad = Math.max(1, Math.abs(box[k])) * 0.5; // all points share one coordinate
      }
      box[k] -= pad;
      box[k + 1] += pad;
    }
    return box;
  }

  private static Color colour(int k) {
    return COLOURS[k % COLOURS.length];
  }

  private static Color light(Color c) {
    double w = 0.72; // share of white
    return new Color(
        (int) Math.round(c.getRed() * (1 - w) + 255 * w),
        (int) Math.round(c.getGreen() * (1 - w) + 255 * w),
        (int) Math.round(c.getBlue() * (1 - w) + 255 * w));
  }

  /** An XY scatter chart over fixed axis ranges that tells where its plot area was painted. */
  private static final class BoundsChart extends XYChart {

    BoundsChart(String title, String xLabel, String yLabel, PlotOptions options, double[] box) {
      super(
          new XYChartBuilder()
              .width(options.width())
              .height(options.height())
              .title(Charts.nullToEmpty(title))
              .xAxisTitle(Charts.nullToEmpty(xLabel))
              .yAxisTitle(Charts.nullToEmpty(yLabel)));
      var styler = getStyler();
      Color clear = new Color(0, 0, 0, 0);
      styler.setChartBackgroundColor(clear); // the shading is painted first, underneath
      styler.setPlotBackgroundColor(clear);
      styler.setLegendBackgroundColor(Color.WHITE);
      styler.setPlotBorderVisible(true);
      styler.setLegendPosition(Styler.LegendPosition.InsideNE);
      styler.setAntiAlias(true);
      styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      styler.setMarkerSize(8);
      styler.setPlotContentSize(1.0); // the axis range fills the plot area exactly
      styler.setXAxisMin(box[0]);
      styler.setXAxisMax(box[1]);
      styler.setYAxisMin(box[2]);
      styler.setYAxisMax(box[3]);
      styler.setPlotGridLinesColor(new Color(255, 255, 255, 140));
      styler.setPlotGridLinesStroke(new java.awt.BasicStroke(1f)); // solid, as in the other charts
      // the same fonts as the course's other charts (Text), not XChart's bold defaults
      styler.setChartTitleFont(Text.TITLE);
      styler.setAxisTitleFont(Text.LABEL);
      styler.setAxisTickLabelsFont(Text.TICK);
      styler.setLegendFont(Text.LABEL);
    }

    Rectangle2D plotArea() {
      return plot.getBounds();
    }

    /**
     * Moves the legend (laid out once at the top right) to the first inside corner that covers no
     * point, else outside to the right; returns whether it went outside (the plot area shrinks).
     */
    boolean placeLegend(Map<String, double[][]> points) {
      Rectangle2D area = plot.getBounds();
      Rectangle2D box = legend.getBounds();
      if (area == null || box == null) {
        return false;
      }
      var styler = getStyler();
      double xMin = styler.getXAxisMin();
      double xMax = styler.getXAxisMax();
      double yMin = styler.getYAxisMin();
      double yMax = styler.getYAxisMax();
      int w = (int) Math.ceil(area.getMaxX()) + 2;
      int h = (int) Math.ceil(area.getMaxY()) + 2;
      Legend.Occupied occupied = new Legend.Occupied(w, h);
      for (double[][] xy : points.values()) {
        for (int i = 0; i < xy[0].length; i++) {
          double px = area.getX() + (xy[0][i] - xMin) / (xMax - xMin) * area.getWidth();
          double py = area.getMaxY() - (xy[1][i] - yMin) / (yMax - yMin) * area.getHeight();
          occupied.point(px, py, 5); // marker size 8
        }
      }
      int pad = 12; // XChart's padding between plot frame and an inside legend, with a margin
      int bw = (int) Math.ceil(box.getWidth());
      int bh = (int) Math.ceil(box.getHeight());
      int left = (int) area.getX() + pad - 4;
      int right = (int) area.getMaxX() - bw - pad - 4;
      int top = (int) area.getY() + pad - 4;
      int bottom = (int) area.getMaxY() - bh - pad - 4;
      Object[][] candidates = {
        {Styler.LegendPosition.InsideNE, right, top},
        {Styler.LegendPosition.InsideNW, left, top},
        {Styler.LegendPosition.InsideSE, right, bottom},
        {Styler.LegendPosition.InsideSW, left, bottom}
      };
      for (Object[] c : candidates) {
        java.awt.Rectangle r = new java.awt.Rectangle((int) c[1], (int) c[2], bw + 8, bh + 8);
        if (!occupied.any(r)) {
          styler.setLegendPosition((Styler.LegendPosition) c[0]);
          return false;
        }
      }
      styler.setLegendPosition(Styler.LegendPosition.OutsideE);
      return true;
    }
  }
}
