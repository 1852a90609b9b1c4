package org.dlcourse.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One-line plots for notebooks: training curves, scatter plots, bar charts, image grids, heatmaps
 * and confusion matrices, each returned as a {@link Plot} that the course kernel shows inline.
 *
 * <pre>{@code
 * Plots.lines("Loss", "epoch", "loss", epochs, Map.of("training", trainLoss));
 * Plots.imageGrid(data.take(16).features(), captions, 8);
 * Plots.confusionMatrix(counts, data.labelNames());
 * }</pre>
 *
 * <p>Charts are drawn off-screen ({@code java.awt.headless=true}), so they work on a server without
 * a display. Sizes and logarithmic axes are set with {@link PlotOptions}.
 */
public final class Plots {

  static {
    // Off-screen drawing only: never try to open a window (a server or CI has no display).
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {}

  /** One line per entry of {@code series}, drawn in insertion order (use a LinkedHashMap). */
  public static Plot lines(
      String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
    return lines(title, xLabel, yLabel, x, series, PlotOptions.defaults());
  }

  /** Like {@link #lines(String, String, String, double[], Map)} with a size and log axes. */
  public static Plot lines(
      String title,
      String xLabel,
      String yLabel,
      double[] x,
      Map<String, double[]> series,
      PlotOptions options) {
    return Charts.lines(title, xLabel, yLabel, x, series, orDefaults(options));
  }

  /** A single line through the points {@code (x[i], y[i])}. */
  public static Plot line(String title, String xLabel, String yLabel, double[] x, double[] y) {
    return line(title, xLabel, yLabel, x, y, PlotOptions.defaults());
  }

  /** Like {@link #line(String, String, String, double[], double[])} with a size and log axes. */
  public static Plot line(
      String title, String xLabel, String yLabel, double[] x, double[] y, PlotOptions options) {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put(yLabel == null || yLabel.isEmpty() ? "y" : yLabel, y);
    return lines(title, xLabel, yLabel, x, series, options);
  }

  /**
   * A scatter plot with one colour per group.
   *
   * @param groups group name → {@code {xs, ys}}, two arrays of equal length
   */
  public static Plot scatter(
      String title, String xLabel, String yLabel, Map<String, double[][]> groups) {
    return scatter(title, xLabel, yLabel, groups, PlotOptions.defaults());
  }

  /** Like {@link #scatter(String, String, String, Map)} with a size and log axes. */
  public static Plot scatter(
      String title,
      String xLabel,
      String yLabel,
      Map<String, double[][]> groups,
      PlotOptions options) {
    return Charts.scatter(title, xLabel, yLabel, groups, orDefaults(options));
  }

  /**
   * A scatter plot with one colour per group and a text label beside every point (e.g. the word a
   * point stands for).
   *
   * @param groups group name → {@code {xs, ys}}, two arrays of equal length
   * @param labels group name → one label per point of that group
   */
  public static Plot scatter(
      String title,
      String xLabel,
      String yLabel,
      Map<String, double[][]> groups,
      Map<String, List<String>> labels,
      PlotOptions options) {
    return Charts.labelledScatter(title, xLabel, yLabel, groups, labels, orDefaults(options));
  }

  /** A bar chart: one bar of height {@code values[i]} per category. */
  public static Plot bar(String title, String yLabel, List<String> categories, double[] values) {
    return bar(title, yLabel, categories, values, PlotOptions.defaults());
  }

  /** Like {@link #bar(String, String, List, double[])} with a size and a log y axis. */
  public static Plot bar(
      String title, String yLabel, List<String> categories, double[] values, PlotOptions options) {
    return Charts.bar(title, yLabel, categories, values, orDefaults(options));
  }

  /**
   * Small images in a grid, {@code columns} per row, with a caption under each.
   *
   * @param images {@code [n, h*w]} (square grey images, e.g. {@code [n, 784]}), {@code [n, h, w]}
   *     or {@code [n, channels, h, w]} with 1 or 3 channels; values in [0, 1] (clipped outside)
   * @param captions one per image, or an empty list for none
   */
  public static Plot imageGrid(INDArray images, List<String> captions, int columns) {
    return ImageGrid.draw(images, captions, columns);
  }

  /** A grid of coloured cells, one per value, with the value written in each cell. */
  public static Plot heatmap(
      String title, double[][] values, List<String> rowLabels, List<String> columnLabels) {
    return Heatmaps.heatmap(title, values, rowLabels, columnLabels);
  }

  /**
   * A confusion matrix: row = true label, column = predicted label, the count in each cell; the
   * title shows the accuracy (the diagonal's share of all counts).
   */
  public static Plot confusionMatrix(int[][] counts, List<String> labelNames) {
    return Heatmaps.confusionMatrix(counts, labelNames);
  }

  /**
   * The widest a row of plots is drawn, in pixels: the width of a notebook's output area, so that
   * the browser shows it at full size and text stays at its normal size (11-14 px).
   */
  public static final int ROW_WIDTH = 960;

  /**
   * Plots side by side, top-aligned, on a white background, fitting {@link #ROW_WIDTH} pixels:
   * charts wider than their share are drawn again at that width (their text keeps its size);
   * pictures that cannot be redrawn (image grids, heatmaps) keep their size.
   */
  public static Plot row(Plot... plots) {
    if (plots == null || plots.length == 0) {
      throw new IllegalArgumentException("row(...) needs at least one plot");
    }
    for (int i = 0; i < plots.length; i++) {
      if (plots[i] == null) {
        throw new IllegalArgumentException("row(...): plot " + i + " is null");
      }
    }
    return join(fit(plots, ROW_WIDTH));
  }

  /** The plots, the redrawable ones narrowed so that all fit {@code budget} pixels. */
  static Plot[] fit(Plot[] plots, int budget) {
    int fixed = GAP * (plots.length - 1);
    int redrawable = 0;
    int wanted = 0;
    for (Plot p : plots) {
      if (p.redrawable()) {
        redrawable++;
        wanted += p.width();
      } else {
        fixed += p.width();
      }
    }
    if (redrawable == 0 || fixed + wanted <= budget) {
      return plots;
    }
    double scale = Math.max(0.1, (double) (budget - fixed) / wanted);
    Plot[] fitted = new Plot[plots.length];
    for (int i = 0; i < plots.length; i++) {
      Plot p = plots[i];
      if (!p.redrawable()) {
        fitted[i] = p;
        continue;
      }
      int w = Math.max(200, (int) Math.floor(p.width() * scale));
      // keep the aspect ratio, but no flatter than 4:3 so the axes stay readable
      int h = Math.min(p.height(), Math.max((int) Math.round(p.height() * scale), w * 3 / 4));
      fitted[i] = p.redrawn(w, h);
    }
    return fitted;
  }

  private static final int GAP = 8;

  private static Plot join(Plot[] plots) {
    int width = -GAP;
    int height = 0;
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < plots.length; i++) {
      width += plots[i].width() + GAP;
      height = Math.max(height, plots[i].height());
      title.append(i == 0 ? "" : " | ").append(plots[i].title());
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int x = 0;
      for (Plot plot : plots) {
        g.drawRenderedImage(plot.image(), java.awt.geom.AffineTransform.getTranslateInstance(x, 0));
        x += plot.width() + GAP;
      }
    } finally {
      g.dispose();
    }
    return Plot.wrap(title.toString(), image);
  }

  private static PlotOptions orDefaults(PlotOptions options) {
    return options == null ? PlotOptions.defaults() : options;
  }
}
