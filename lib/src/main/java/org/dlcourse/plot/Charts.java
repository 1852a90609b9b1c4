package org.dlcourse.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Line, scatter and bar charts (drawn by {@link XyRenderer} and {@link BarRenderer}); the input
 * checks live here too.
 */
final class Charts {

  private Charts() {}

  static Plot lines(
      String title,
      String xLabel,
      String yLabel,
      double[] x,
      Map<String, double[]> series,
      PlotOptions options) {
    checkNotNull(x, "x");
    checkNotNull(series, "series");
    if (series.isEmpty()) {
      throw new IllegalArgumentException(
          "lines(...) needs at least one series but the map was empty; pass e.g."
              + " Map.of(\"loss\", losses)");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("x is empty: a line needs at least one point");
    }
    checkPositive(options.logX(), x, "x");
    List<XyRenderer.Series> drawn = new ArrayList<>();
    for (Map.Entry<String, double[]> entry : series.entrySet()) {
      double[] y = entry.getValue();
      checkNotNull(y, "series \"" + entry.getKey() + "\"");
      if (y.length != x.length) {
        throw new IllegalArgumentException(
            "series \""
                + entry.getKey()
                + "\" has "
                + y.length
                + " values but x has "
                + x.length
                + "; every series needs one y per x");
      }
      checkPositive(options.logY(), y, "series \"" + entry.getKey() + "\"");
      drawn.add(new XyRenderer.Series(entry.getKey(), x.clone(), y.clone()));
    }
    return xy(title, xLabel, yLabel, List.copyOf(drawn), true, options);
  }

  static Plot scatter(
      String title,
      String xLabel,
      String yLabel,
      Map<String, double[][]> groups,
      PlotOptions options) {
    return xy(title, xLabel, yLabel, scatterSeries(groups, options), false, options);
  }

  /** The groups of a scatter chart as series, after checking them. */
  private static List<XyRenderer.Series> scatterSeries(
      Map<String, double[][]> groups, PlotOptions options) {
    checkNotNull(groups, "groups");
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(
          "scatter(...) needs at least one group but the map was empty; pass e.g."
              + " Map.of(\"class 0\", new double[][] {xs, ys})");
    }
    List<XyRenderer.Series> drawn = new ArrayList<>();
    for (Map.Entry<String, double[][]> entry : groups.entrySet()) {
      String name = "group \"" + entry.getKey() + "\"";
      double[][] xy = entry.getValue();
      checkNotNull(xy, name);
      if (xy.length != 2 || xy[0] == null || xy[1] == null) {
        throw new IllegalArgumentException(
            name
                + " must be {xs, ys} (two arrays) but had "
                + xy.length
                + " arrays; pass new double[][] {xs, ys}");
      }
      if (xy[0].length != xy[1].length) {
        throw new IllegalArgumentException(
            name + " has " + xy[0].length + " xs but " + xy[1].length + " ys; they must match");
      }
      if (xy[0].length == 0) {
        throw new IllegalArgumentException(name + " is empty: a group needs at least one point");
      }
      checkPositive(options.logX(), xy[0], name + " xs");
      checkPositive(options.logY(), xy[1], name + " ys");
      drawn.add(new XyRenderer.Series(entry.getKey(), xy[0].clone(), xy[1].clone()));
    }
    return List.copyOf(drawn);
  }

  /** A scatter chart with a text label beside every point. */
  static Plot labelledScatter(
      String title,
      String xLabel,
      String yLabel,
      Map<String, double[][]> groups,
      Map<String, List<String>> labels,
      PlotOptions options) {
    checkNotNull(labels, "labels");
    List<XyRenderer.Series> series = scatterSeries(groups, options);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (XyRenderer.Series s : series) {
      List<String> l = labels.get(s.name());
      if (l == null || l.size() != s.x().length) {
        throw new IllegalArgumentException(
            "group \""
                + s.name()
                + "\" has "
                + s.x().length
                + " points but "
                + (l == null ? "no labels" : l.size() + " labels")
                + "; pass one label per point");
      }
      copy.put(s.name(), List.copyOf(l));
    }
    return labelled(title, xLabel, yLabel, series, new PointLabels(copy), options);
  }

  private static Plot labelled(
      String title,
      String xLabel,
      String yLabel,
      List<XyRenderer.Series> series,
      PointLabels labels,
      PlotOptions options) {
    BufferedImage image =
        new XyRenderer(title, xLabel, yLabel, series, false, options).labels(labels).draw();
    return Plot.wrap(
        title,
        image,
        (w, h) -> labelled(title, xLabel, yLabel, series, labels, options.withSize(w, h)));
  }

  /** Draws a line or scatter chart; the plot can be redrawn at another size (for rows). */
  static Plot xy(
      String title,
      String xLabel,
      String yLabel,
      List<XyRenderer.Series> series,
      boolean lines,
      PlotOptions options) {
    BufferedImage image = new XyRenderer(title, xLabel, yLabel, series, lines, options).draw();
    return Plot.wrap(
        title, image, (w, h) -> xy(title, xLabel, yLabel, series, lines, options.withSize(w, h)));
  }

  static Plot bar(
      String title, String yLabel, List<String> categories, double[] values, PlotOptions options) {
    checkNotNull(categories, "categories");
    checkNotNull(values, "values");
    if (categories.size() != values.length) {
      throw new IllegalArgumentException(
          "bar(...) got "
              + categories.size()
              + " categories but "
              + values.length
              + " values; pass one value per category");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("bar(...) needs at least one category");
    }
    if (options.logX()) {
      throw new IllegalArgumentException(
          "a bar chart has categories on the x axis, which cannot be logarithmic; use logY");
    }
    checkPositive(options.logY(), values, "values");
    return bars(title, yLabel, List.copyOf(categories), values.clone(), options);
  }

  private static Plot bars(
      String title, String yLabel, List<String> categories, double[] values, PlotOptions options) {
    BufferedImage image = new BarRenderer(title, yLabel, categories, values, options).draw();
    return Plot.wrap(
        title,
        image,
        (w, h) ->
            bars(title, yLabel, categories, values, new PlotOptions(w, h, false, options.logY())));
  }

  private static void checkPositive(boolean log, double[] values, String what) {
    if (!log) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0)) {
        throw new IllegalArgumentException(
            what
                + "["
                + i
                + "] = "
                + values[i]
                + " but a logarithmic axis needs values > 0; drop logX/logY or remove that point");
      }
    }
  }

  static void checkNotNull(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
