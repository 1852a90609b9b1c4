package org.dlcourse.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line, scatter and bar charts drawn by XChart; the input checks live here too. */
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
    XYChart chart = xyChart(title, xLabel, yLabel, options);
    checkPositive(options.logX(), x, "x");
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(x));
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
      XYSeries s = chart.addSeries(entry.getKey(), x.clone(), y.clone());
      s.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    chart.getStyler().setLegendVisible(series.size() > 1);
    return render(title, chart);
  }

  static Plot scatter(
      String title,
      String xLabel,
      String yLabel,
      Map<String, double[][]> groups,
      PlotOptions options) {
    checkNotNull(groups, "groups");
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(
          "scatter(...) needs at least one group but the map was empty; pass e.g."
              + " Map.of(\"class 0\", new double[][] {xs, ys})");
    }
    XYChart chart = xyChart(title, xLabel, yLabel, options);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(6);
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
      chart.addSeries(entry.getKey(), xy[0].clone(), xy[1].clone());
    }
    chart.getStyler().setLegendVisible(groups.size() > 1);
    return render(title, chart);
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
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(options.width())
            .height(options.height())
            .title(nullToEmpty(title))
            .yAxisTitle(nullToEmpty(yLabel))
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisLogarithmic(options.logY());
    chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
    List<Number> ys = new ArrayList<>();
    for (double v : values) {
      ys.add(v);
    }
    chart.addSeries(nullToEmpty(yLabel).isEmpty() ? "value" : yLabel, categories, ys);
    return render(title, chart);
  }

  private static XYChart xyChart(String title, String xLabel, String yLabel, PlotOptions options) {
    XYChart chart =
        new XYChartBuilder()
            .width(options.width())
            .height(options.height())
            .title(nullToEmpty(title))
            .xAxisTitle(nullToEmpty(xLabel))
            .yAxisTitle(nullToEmpty(yLabel))
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(options.logX());
    chart.getStyler().setYAxisLogarithmic(options.logY());
    return chart;
  }

  /**
   * A tick-label pattern for values like {@code x}. XChart puts the ticks of evenly spaced data on
   * the data points themselves and would print them with every digit ("-1.492462311557789").
   */
  static String decimalPattern(double[] x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean integers = true;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      integers &= v == Math.rint(v);
    }
    if (integers) {
      return "#,##0";
    }
    double range = max - min;
    // Two significant digits of the range: a range of 6 gets "0.##", a range of 0.05 "0.####".
    int decimals = range > 0 ? Math.max(0, 2 - (int) Math.floor(Math.log10(range))) : 2;
    return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(Math.min(decimals, 8));
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(true);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setAntiAlias(true);
  }

  private static Plot render(String title, Chart<?, ?> chart) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    return Plot.wrap(title, image);
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
