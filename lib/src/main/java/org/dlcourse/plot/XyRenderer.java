package org.dlcourse.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Draws line and scatter charts with Java2D: round ticks ({@link Ticks}, {@link TickFitter}) in the
 * shared frame ({@link Axes}, {@link XyFrame}), one colour per series name ({@link Palette}), the
 * data ({@link XyMarks}) and a legend that covers no data ({@link Legend}).
 */
final class XyRenderer {

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
  private PointLabels labels = PointLabels.NONE;
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

  /** Text beside each point (scatter charts); see {@link PointLabels}. */
  XyRenderer labels(PointLabels labels) {
    this.labels = labels;
    return this;
  }

  Layout layout() {
    return layout;
  }

  BufferedImage draw() {
    int width = options.width();
    BufferedImage image = new BufferedImage(width, options.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.white(image);
    try {
      Axes.Metrics fm = Axes.Metrics.of(g);
      Map<String, Color> colours = Palette.of(series.stream().map(Series::name).toList());
      XyMarks marks = new XyMarks(series, lines, markers());
      XyFrame.Room room =
          new XyFrame.Room(fm.titleLines(title, width), xLabel, yLabel, 0, false, 0);
      XyFrame frame = XyFrame.layout(series, options, fm, room);
      Rectangle legendBox = null;
      boolean outside = false;
      if (series.size() > 1) {
        Legend legend = new Legend(colours, swatch(), fm.tick());
        Placed placed = placeLegend(legend, marks, fm, room, frame);
        frame = placed.frame;
        legendBox = placed.box;
        outside = placed.outside;
      }
      Axes.drawTitle(g, room.titleLines(), width);
      Axes.drawXTicks(g, frame.area(), frame.xTicks());
      Axes.drawYTicks(g, frame.area(), frame.yTicks());
      Axes.drawBorder(g, frame.area());
      Axes.drawXLabel(g, frame.area(), xLabel, width);
      Axes.drawYLabel(g, frame.area(), yLabel, frame.yTicks());
      References references = new References(options.references());
      references.drawLines(g, frame); // under the data: a series lying on a line stays visible
      marks.draw(g, frame, colours);
      references.drawLabels(g, frame, fm.tick());
      labels.draw(g, frame, series, colours);
      if (legendBox != null) {
        new Legend(colours, swatch(), fm.tick()).draw(g, legendBox);
      }
      layout = new Layout(frame.area(), legendBox, outside, frame.xTicks(), frame.yTicks());
    } finally {
      g.dispose();
    }
    return image;
  }

  private record Placed(XyFrame frame, Rectangle box, boolean outside) {}

  /**
   * The legend's place: an empty corner of the plot area; else an empty corner once the y axis has
   * one more step on top; else right of the plot area (a narrow legend) or below it (a wide one).
   */
  private Placed placeLegend(
      Legend legend, XyMarks marks, Axes.Metrics fm, XyFrame.Room room, XyFrame frame) {
    int width = options.width();
    int height = options.height();
    Rectangle box = legend.placeInside(frame.area(), occupied(marks, frame, fm));
    if (box != null) {
      return new Placed(frame, box, false);
    }
    if (!options.logY() && options.yRange() == null) { // room above the data: one more tick
      XyFrame taller = XyFrame.layout(series, options, fm, room.withHeadroom());
      box = legend.placeInside(taller.area(), occupied(marks, taller, fm));
      if (box != null) {
        return new Placed(taller, box, false);
      }
    }
    if (legend.width() <= width * 0.3) { // outside, right of the plot
      XyFrame narrower = XyFrame.layout(series, options, fm, room.withRight(legend.width() + 12));
      Rectangle a = narrower.area();
      return new Placed(
          narrower, new Rectangle(a.x + a.width + 12, a.y, legend.width(), legend.height()), true);
    }
    // a wide legend: below the plot, so the plot keeps its width
    XyFrame shorter = XyFrame.layout(series, options, fm, room.withBottom(legend.height() + 6));
    return new Placed(
        shorter,
        new Rectangle(
            Math.max(2, (width - legend.width()) / 2),
            height - legend.height() - 4,
            legend.width(),
            legend.height()),
        true);
  }

  /** The pixels covered by the data marks and any point labels. */
  private Legend.Occupied occupied(XyMarks marks, XyFrame frame, Axes.Metrics fm) {
    Legend.Occupied occupied = marks.occupied(frame, options.width(), options.height());
    labels.occupy(occupied, frame, series, fm.tick());
    new References(options.references()).occupy(occupied, frame, fm.tick());
    return occupied;
  }

  private Legend.Swatch swatch() {
    if (!lines) {
      return Legend.Swatch.MARKER;
    }
    return markers() ? Legend.Swatch.LINE_AND_MARKER : Legend.Swatch.LINE;
  }

  /** Line charts mark their points when there are few of them. */
  private boolean markers() {
    return series.get(0).x().length <= 30;
  }
}
