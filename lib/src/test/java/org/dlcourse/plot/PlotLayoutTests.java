package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The properties the lessons' figures rely on: round ticks, uncovered data, stable colours. */
class PlotLayoutTests {

  // ---------------------------------------------------------------- drawing order

  @Test
  void aLaterSeriesLineNeverCoversAnEarlierSeriesPoints() {
    // 06: the power-law fit is drawn after the measured points it runs through
    XyRenderer.Series peak =
        new XyRenderer.Series("measured", new double[] {0, 1, 2}, new double[] {0, 1, 0});
    XyRenderer.Series flat =
        new XyRenderer.Series("fit", new double[] {0, 2}, new double[] {1, 1}); // through the peak
    int measuredFirst = pixelsOf("measured", drawn(List.of(peak, flat)));
    int measuredLast = pixelsOf("measured", drawn(List.of(flat, peak)));
    assertTrue(measuredLast > 50, "the measured series is drawn: " + measuredLast + " pixels");
    assertTrue(
        measuredLast - measuredFirst <= 2,
        "the fit's line covers the measured point: "
            + measuredFirst
            + " pixels when drawn first, "
            + measuredLast
            + " when drawn last");
  }

  @Test
  void countsOnTheYAxisGetWholeNumberTicks() {
    // 02: mistakes per epoch (of 4) read 2, 2.5, 3, 3.5, 4 before
    double[] epochs = {1, 2, 3, 4, 5, 6};
    double[] mistakes = {2, 3, 4, 4, 4, 4};
    Ticks y = laidOut("mistakes", epochs, mistakes, true, PlotOptions.defaults()).yTicks();
    assertTrue(y.step() >= 1, "y ticks " + Arrays.toString(y.values()));
    double[] halves = {2, 2.5, 3, 4, 4, 4};
    assertTrue(
        laidOut("loss", epochs, halves, true, PlotOptions.defaults()).yTicks().step() < 1,
        "fractional data keep finer ticks");
  }

  @Test
  void fixedAxisRangesMakeThePanelsOfARowComparable() {
    // 15: generated samples at three stages of training, each panel on its own scale before
    for (int lim : new int[] {4, 8}) { // at 320 px a fitted x axis of [-8, 8] ran to [-10, 10]
      PlotOptions same =
          PlotOptions.builder().size(320, 320).xRange(-lim, lim).yRange(-lim, lim).build();
      double[] near = {-1, 0, 1};
      double[] far = {-3.5, 0, 3.9};
      for (double[] xs : List.of(near, far)) {
        XyRenderer.Layout layout = laidOut("generated", xs, xs, false, same);
        String where = "range ±" + lim + ", data " + Arrays.toString(xs);
        assertEquals(-lim, layout.xTicks().lo(), 1e-9, where);
        assertEquals(lim, layout.xTicks().hi(), 1e-9, where);
        assertEquals(-lim, layout.yTicks().lo(), 1e-9, where);
        assertEquals(lim, layout.yTicks().hi(), 1e-9, where);
      }
    }
    PlotOptions same = PlotOptions.builder().size(320, 320).xRange(-4, 4).yRange(-4, 4).build();
    PlotOptions resized = same.withSize(200, 200);
    assertArrayEquals(new double[] {-4, 4}, resized.xRange(), "a row's resize keeps the range");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> PlotOptions.builder().xRange(4, -4).build());
    assertTrue(e.getMessage().contains("min < max") && e.getMessage().contains("[4.0, -4.0]"));
  }

  @Test
  void aReferenceLineLiesUnderASeriesAtItsLevelAndWidensTheAxis() {
    // 11: "chance" was a series drawn over a plain-RNN seed that sat at chance, hiding its markers
    double[] epochs = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] atChance = {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25};
    double[] solved = {0.4, 0.6, 0.8, 0.9, 0.95, 1, 1, 1};
    List<XyRenderer.Series> series =
        List.of(
            new XyRenderer.Series("measured", epochs, atChance),
            new XyRenderer.Series("fit", epochs, solved));
    PlotOptions withChance =
        PlotOptions.builder().reference("chance", 0.25).reference("target", 0.1).build();
    XyRenderer r = new XyRenderer("t", "epoch", "accuracy", series, true, withChance);
    BufferedImage image = r.draw();
    XyRenderer.Layout layout = r.layout();
    assertTrue(layout.yTicks().lo() <= 0.1, "the y axis reaches the lower reference line");
    int rgb = Palette.of(List.of("measured", "fit")).get("measured").getRGB() & 0xFFFFFF;
    for (int i = 0; i < epochs.length; i++) { // the series on the line keeps its markers' colour
      double[] p = pixel(layout, epochs[i], 0.25, withChance);
      int at = image.getRGB((int) Math.round(p[0]), (int) Math.round(p[1])) & 0xFFFFFF;
      assertEquals(rgb, at, "epoch " + epochs[i] + ": the point at chance is covered");
    }
    int row = (int) Math.round(pixel(layout, 1, 0.1, withChance)[1]); // "target": no series there
    int grey = References.COLOUR.getRGB() & 0xFFFFFF;
    int dashes = 0;
    Rectangle a = layout.plotArea();
    for (int x = a.x + 1; x < a.x + a.width; x++) {
      dashes += (image.getRGB(x, row) & 0xFFFFFF) == grey ? 1 : 0;
    }
    assertTrue(
        dashes > a.width / 3 && dashes < a.width * 0.9,
        "a dashed grey line across the plot: " + dashes + " of " + a.width + " pixels");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> PlotOptions.builder().reference("chance", Double.NaN).build());
    assertTrue(e.getMessage().contains("chance = NaN"), e.getMessage());
    assertEquals(withChance.references(), withChance.withSize(300, 200).references());
  }

  /** The layout of one series drawn as a line chart ({@code lines}) or a scatter chart. */
  private static XyRenderer.Layout laidOut(
      String name, double[] x, double[] y, boolean lines, PlotOptions options) {
    XyRenderer r =
        new XyRenderer("t", "x", "y", List.of(new XyRenderer.Series(name, x, y)), lines, options);
    r.draw();
    return r.layout();
  }

  private static BufferedImage drawn(List<XyRenderer.Series> series) {
    return new XyRenderer("t", "x", "y", series, true, PlotOptions.defaults()).draw();
  }

  private static int pixelsOf(String name, BufferedImage image) {
    int rgb = Palette.of(List.of("measured", "fit")).get(name).getRGB() & 0xFFFFFF;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- ticks

  /** Whether {@code step} is 1, 2 or 5 times a power of ten. */
  private static boolean roundStep(double step) {
    double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    return Math.abs(mantissa - 1) < 1e-6
        || Math.abs(mantissa - 2) < 1e-6
        || Math.abs(mantissa - 5) < 1e-6;
  }

  @Test
  void linearTicksAreRoundMultiplesOfTheStepCoverTheDataAndIncludeZero() {
    Random random = new Random(1);
    for (int trial = 0; trial < 2000; trial++) {
      double scale = Math.pow(10, random.nextInt(12) - 6);
      double a = (random.nextDouble() * 2 - 1) * scale;
      double b = a + random.nextDouble() * scale * 3;
      Ticks t = Ticks.linear(a, b, 2 + random.nextInt(8));
      String where = "ticks for [" + a + ", " + b + "]: " + Arrays.toString(t.values());
      assertTrue(roundStep(t.step()), where + " step " + t.step());
      assertTrue(t.lo() <= a && t.hi() >= b, where);
      for (double v : t.values()) {
        double k = v / t.step();
        assertEquals(Math.rint(k), k, 1e-6, where);
      }
      if (a < 0 && b > 0) {
        assertTrue(Arrays.stream(t.values()).anyMatch(v -> v == 0), where + " has no 0");
      }
    }
  }

  @Test
  void theRangeFromMinus5Point3To0Point5GetsRoundTicksThroughZero() {
    Ticks t = Ticks.linear(-5.3, 0.5, 6);
    assertEquals("[-6, -5, -4, -3, -2, -1, 0, 1]", Arrays.toString(t.labels()));
  }

  @Test
  void yearsHaveNoThousandsSeparatorButAnAxisReaching10000GroupsEveryLabel() {
    assertEquals(
        "[1965, 1970, 1975, 1980, 1985, 1990, 1995, 2000, 2005, 2010]",
        Arrays.toString(Ticks.linear(1969, 2008, 6, true).labels()));
    assertEquals(
        "[0, 5,000, 10,000, 15,000]", Arrays.toString(Ticks.linear(0, 15000, 4, true).labels()));
  }

  @Test
  void epochsGetWholeNumberTicksEvenForASingleEpoch() {
    assertEquals("[0, 1, 2]", Arrays.toString(Ticks.linear(1, 1, 5, true).labels()));
    assertEquals("[1, 2, 3, 4]", Arrays.toString(Ticks.linear(1, 4, 8, true).labels()));
  }

  @Test
  void logTicksLabelEnoughValuesAndEveryDecadeInRange() {
    // one decade or less: 1-2-5 style values, at least three labels
    Ticks narrow = Ticks.log(0.17, 0.31, 6);
    assertTrue(narrow.values().length >= 3, Arrays.toString(narrow.labels()));
    // several decades: every power of ten between the ends is a tick
    Ticks wide = Ticks.log(3e-4, 2, 8);
    for (double decade : new double[] {1e-3, 1e-2, 1e-1, 1}) {
      assertTrue(
          Arrays.stream(wide.values()).anyMatch(v -> Math.abs(v / decade - 1) < 1e-9),
          decade + " missing from " + Arrays.toString(wide.labels()));
    }
  }

  @Test
  void aLogAxisNeverMixesPlainNumbersWithPowersOfTen() {
    // 04's loss per step ran from 0.01 to 1e5 and read "0.01 … 1000, 10000, 1e5"
    assertEquals(
        "[10⁻², 10⁻¹, 10⁰, 10¹, 10², 10³, 10⁴, 10⁵]",
        Arrays.toString(Ticks.log(0.014, 9e4, 8).labels()));
    assertEquals("[1, 10, 100, 1,000, 10,000]", Arrays.toString(Ticks.log(1, 1e4, 5).labels()));
    assertEquals("[0.001, 0.002, 0.005, 0.01]", Arrays.toString(Ticks.log(1e-3, 1e-2, 3).labels()));
    assertEquals(
        "[10⁻⁵, 2×10⁻⁵, 5×10⁻⁵, 10⁻⁴]", Arrays.toString(Ticks.log(1e-5, 1e-4, 3).labels()));
    Random random = new Random(5);
    for (int trial = 0; trial < 2000; trial++) {
      double lo = Math.pow(10, random.nextDouble() * 16 - 8);
      double hi = lo * Math.pow(10, random.nextDouble() * 8);
      String[] labels = Ticks.log(lo, hi, 2 + random.nextInt(8)).labels();
      assertOneStyle(labels);
    }
  }

  @Test
  void aLinearAxisNeverMixesPlainNumbersWithPowersOfTen() {
    // up to 2,000,000 in steps of 500,000 read "0, 500,000, 1e6, 1.5e6, 2e6"
    assertEquals(
        "[0, 5×10⁵, 10⁶, 1.5×10⁶, 2×10⁶]", Arrays.toString(Ticks.linear(0, 2e6, 4).labels()));
    assertEquals("[0, 10⁻⁵, 2×10⁻⁵, 3×10⁻⁵]", Arrays.toString(Ticks.linear(0, 3e-5, 3).labels()));
    assertEquals("[0, 20,000, 40,000, 60,000]", Arrays.toString(Ticks.linear(0, 6e4, 3).labels()));
    Random random = new Random(6);
    for (int trial = 0; trial < 2000; trial++) {
      double scale = Math.pow(10, random.nextInt(16) - 8);
      double a = (random.nextDouble() * 2 - 1) * scale;
      assertOneStyle(Ticks.linear(a, a + random.nextDouble() * scale * 30, 6).labels());
    }
  }

  /** Every label of an axis is plain, or every nonzero one is a power of ten (times a number). */
  private static void assertOneStyle(String[] labels) {
    long powers =
        Arrays.stream(labels)
            .filter(l -> l.contains("10⁰") || l.matches(".*10[⁻¹²³⁴⁵⁶⁷⁸⁹].*"))
            .count();
    long zeros = Arrays.stream(labels).filter(l -> l.equals("0")).count();
    assertTrue(
        powers == 0 || powers + zeros == labels.length, "mixed styles: " + Arrays.toString(labels));
    for (String l : labels) {
      assertFalse(l.contains("e"), "computer notation in " + Arrays.toString(labels));
    }
  }

  @Test
  void tickLabelsNeverTouchOnTheXAxis() {
    FontMetrics fm = fontMetrics();
    for (int width : new int[] {200, 300, 480, 640}) {
      for (double[] range : new double[][] {{117, 233}, {0, 60000}, {-5.3, 0.5}, {1e-6, 3e-5}}) {
        Ticks t = TickFitter.fit(range, false, width, fm, false);
        String[] labels = t.labels();
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.length; i++) {
          double centre = (t.values()[i] - t.lo()) / (t.hi() - t.lo()) * width;
          double half = fm.stringWidth(labels[i]) / 2.0;
          assertTrue(
              centre - half >= previousEnd + 4,
              Arrays.toString(labels) + " collide at " + width + " px");
          previousEnd = centre + half;
        }
      }
    }
  }

  // ---------------------------------------------------------------- legend

  @Test
  void theLegendCoversNoDataPointOrLine() {
    Random random = new Random(7);
    for (int trial = 0; trial < 30; trial++) {
      double[] x = {500, 1000, 2000, 5000, 10000};
      List<XyRenderer.Series> series = new java.util.ArrayList<>();
      for (int s = 0; s < 3; s++) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          y[i] = 0.6 + 0.05 * i + 0.1 * random.nextDouble(); // rising: the top right is busy
        }
        series.add(new XyRenderer.Series("series " + s, x, y));
      }
      PlotOptions options = PlotOptions.builder().logX(trial % 2 == 0).build();
      XyRenderer renderer = new XyRenderer("t", "x", "y", series, true, options);
      renderer.draw();
      XyRenderer.Layout layout = renderer.layout();
      assertNotNull(layout.legend());
      for (XyRenderer.Series s : series) {
        double[] previous = null;
        for (int i = 0; i < x.length; i++) {
          double[] p = pixel(layout, s.x()[i], s.y()[i], options);
          assertFalse(layout.legend().contains(p[0], p[1]), "legend covers a point of " + s.name());
          if (previous != null) {
            for (double f = 0; f <= 1; f += 0.02) { // and the line between points
              double px = previous[0] + f * (p[0] - previous[0]);
              double py = previous[1] + f * (p[1] - previous[1]);
              assertFalse(layout.legend().contains(px, py), "legend covers a line of " + s.name());
            }
          }
          previous = p;
        }
      }
    }
  }

  @Test
  void whenDataFillsEveryCornerTheLegendGoesOutsideThePlotArea() {
    double[] x = new double[3000];
    double[] y1 = new double[3000];
    double[] y2 = new double[3000];
    Random random = new Random(3);
    for (int i = 0; i < 3000; i++) {
      x[i] = random.nextDouble();
      y1[i] = random.nextDouble();
      y2[i] = random.nextDouble();
    }
    List<XyRenderer.Series> groups =
        List.of(new XyRenderer.Series("a", x, y1), new XyRenderer.Series("b", y2, x));
    XyRenderer renderer = new XyRenderer("cloud", "x", "y", groups, false, PlotOptions.defaults());
    renderer.draw();
    XyRenderer.Layout layout = renderer.layout();
    assertTrue(layout.legendOutside());
    assertFalse(layout.legend().intersects(layout.plotArea()));
  }

  private static double[] pixel(XyRenderer.Layout layout, double x, double y, PlotOptions o) {
    Rectangle a = layout.plotArea();
    double fx = fraction(x, layout.xTicks(), o.logX());
    double fy = fraction(y, layout.yTicks(), o.logY());
    return new double[] {a.x + fx * a.width, a.y + a.height - fy * a.height};
  }

  private static double fraction(double v, Ticks t, boolean log) {
    return log
        ? (Math.log10(v) - Math.log10(t.lo())) / (Math.log10(t.hi()) - Math.log10(t.lo()))
        : (v - t.lo()) / (t.hi() - t.lo());
  }

  // ---------------------------------------------------------------- colours and rows

  @Test
  void aSeriesNameKeepsItsColourAcrossPlotsAndColoursDifferWithinAPlot() {
    Map<String, Color> first = Palette.of(List.of("training", "validation"));
    Map<String, Color> second = Palette.of(List.of("validation", "training", "test"));
    assertEquals(first.get("training"), second.get("training"));
    assertEquals(first.get("validation"), second.get("validation"));
    assertEquals(3, second.values().stream().distinct().count());
    assertNotEquals(second.get("test"), second.get("training"));
  }

  @Test
  void observedDataIsDarkGreyAndTakesNoColourFromTheCycle() {
    Palette.reset();
    Map<String, Color> forecast = Palette.of(List.of("truth", "LSTM", "naive"));
    assertEquals(Palette.REFERENCE, forecast.get("truth"));
    assertEquals(Palette.COLOURS[0], forecast.get("LSTM"), "truth took the first colour");
    assertEquals(Palette.COLOURS[1], forecast.get("naive"));
    assertEquals(Palette.REFERENCE, Palette.of(List.of("data", "generated")).get("data"));
  }

  @Test
  void theSameSeriesIsDrawnInTheSameColourInBothPanelsOfARow() {
    double[] x = {1, 2, 3, 4};
    Map<String, double[]> loss = new java.util.LinkedHashMap<>();
    loss.put("row training", new double[] {1, 0.5, 0.3, 0.2});
    loss.put("row validation", new double[] {1.1, 0.7, 0.6, 0.6});
    Map<String, double[]> accuracy = new java.util.LinkedHashMap<>();
    accuracy.put("row validation", new double[] {0.5, 0.6, 0.65, 0.66}); // other order
    accuracy.put("row training", new double[] {0.5, 0.7, 0.8, 0.9});
    Plot left = Plots.lines("loss", "epoch", "loss", x, loss);
    Plot right = Plots.lines("accuracy", "epoch", "accuracy", x, accuracy);
    Color training = Palette.of(List.of("row training")).get("row training");
    Color validation = Palette.of(List.of("row validation")).get("row validation");
    for (Plot p : new Plot[] {left, right}) {
      assertTrue(count(p.toBufferedImage(), training) > 50, "training colour in " + p);
      assertTrue(count(p.toBufferedImage(), validation) > 50, "validation colour in " + p);
    }
  }

  @Test
  void aRowOfThreeChartsFitsTheNotebookWidthByRedrawingNotShrinking() {
    double[] x = {1, 2, 3};
    PlotOptions wide = PlotOptions.builder().size(640, 400).build();
    Plot one = Plots.line("a", "x", "y", x, new double[] {1, 2, 3}, wide);
    Plot row = Plots.row(one, one, one);
    assertTrue(row.width() <= Plots.ROW_WIDTH, row.toString());
    // redrawn, not scaled: each panel is exactly the chart drawn directly at its new size, so its
    // text keeps the 11-14 px fonts (scaling 1936 px down to 960 would halve them)
    Plot panel = Plots.fit(new Plot[] {one, one, one}, Plots.ROW_WIDTH)[0];
    assertTrue(panel.width() < one.width(), panel.toString());
    Plot direct =
        Plots.line(
            "a",
            "x",
            "y",
            x,
            new double[] {1, 2, 3},
            PlotOptions.builder().size(panel.width(), panel.height()).build());
    BufferedImage r = row.toBufferedImage();
    BufferedImage d = direct.toBufferedImage();
    for (int y = 0; y < d.getHeight(); y++) {
      for (int px = 0; px < d.getWidth(); px++) {
        assertEquals(d.getRGB(px, y), r.getRGB(px, y), "pixel " + px + ", " + y);
      }
    }
  }

  @Test
  void heatmapCellsGrowToShowTheWholeValue() {
    assertEquals("8.7e-5", Heatmaps.format(8.7e-05));
    FontMetrics fm = fontMetrics(); // the cells' font: 11 px sans
    String[][] tiny = {{Heatmaps.format(8.7e-05), Heatmaps.format(-1.234e-07)}};
    int cell = Heatmaps.cellSize(tiny, fm);
    for (String t : tiny[0]) {
      assertTrue(fm.stringWidth(t) + 8 <= cell, t + " does not fit a cell of " + cell + " px");
    }
    assertTrue(cell > 44, "a value wider than the smallest cell widens every cell: " + cell);
    // and the picture grows with the cells: two columns, each wider than the 44 px minimum
    Plot small = Plots.heatmap("h", new double[][] {{1, 2}}, List.of("r"), List.of("a", "b"));
    Plot wide =
        Plots.heatmap("h", new double[][] {{8.7e-05, -1.234e-07}}, List.of("r"), List.of("a", "b"));
    assertTrue(wide.width() - small.width() >= 2 * (cell - 44), wide + " vs " + small);
  }

  @Test
  void theYLabelOfABarChartStaysBesideItsAxisWhenRotatedLabelsPushThePlotRight() {
    List<String> names =
        List.of(
            "hand-crafted 7×7", "hand-crafted 4×4", "raw-pixel linear", "MLP on edge histograms");
    BarRenderer bars =
        new BarRenderer(
            "t", "accuracy", names, new double[] {0.81, 0.84, 0.84, 0.85}, PlotOptions.defaults());
    BufferedImage image = bars.draw();
    Rectangle a = bars.plotArea();
    assertTrue(bars.rotated());
    int leftmostInk = a.x;
    for (int y = a.y + a.height / 3; y < a.y + 2 * a.height / 3; y++) {
      for (int x = 0; x < a.x; x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300) {
          leftmostInk = Math.min(leftmostInk, x);
        }
      }
    }
    // tick labels ("0.8", 3 characters) + two 6 px gaps + the label's height: about 50 px
    assertTrue(
        a.x - leftmostInk <= 55, "the y label is " + (a.x - leftmostInk) + " px left of the axis");
  }

  private static int count(BufferedImage image, Color colour) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF) ? 1 : 0;
      }
    }
    return n;
  }

  private static FontMetrics fontMetrics() {
    var g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return g.getFontMetrics(Text.TICK);
    } finally {
      g.dispose();
    }
  }
}
