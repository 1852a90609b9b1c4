package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scatter charts with a text label beside every point (lesson 13's word pictures). */
class PointLabelsTests {

  static Map<String, double[][]> groups() {
    Map<String, double[][]> groups = new LinkedHashMap<>();
    groups.put("metals", new double[][] {{0, 1, 2}, {0, 1, 0}});
    groups.put("numbers", new double[][] {{3, 4}, {3, 4}});
    return groups;
  }

  /** Pixels that are not white. */
  static int ink(Plot plot) {
    BufferedImage image = plot.toBufferedImage();
    int ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          ink++;
        }
      }
    }
    return ink;
  }

  @Test
  void labelsAddTextToTheSameChart() {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    labels.put("metals", List.of("gold", "silver", "brass"));
    labels.put("numbers", List.of("three", "seven"));
    PlotOptions options = PlotOptions.defaults();
    Plot plain = Plots.scatter("Words", "pc1", "pc2", groups(), options);
    Plot labelled = Plots.scatter("Words", "pc1", "pc2", groups(), labels, options);
    int extra = ink(labelled) - ink(plain);
    assertTrue(extra > 100, "the labels added only " + extra + " non-white pixels");
    Plot row = Plots.row(labelled, plain);
    assertTrue(row.width() > 0, "a labelled plot can be redrawn in a row");
  }

  @Test
  void oneLabelPerPointIsRequired() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.scatter(
                    "Words",
                    "pc1",
                    "pc2",
                    groups(),
                    Map.of("metals", List.of("gold"), "numbers", List.of("a", "b")),
                    PlotOptions.defaults()));
    assertTrue(e.getMessage().contains("\"metals\" has 3 points but 1 labels"), e.getMessage());
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.scatter(
                    "Words",
                    "pc1",
                    "pc2",
                    groups(),
                    Map.of("metals", List.of("a", "b", "c")),
                    PlotOptions.defaults()));
    assertTrue(missing.getMessage().contains("no labels"), missing.getMessage());
  }

  @Test
  void labelsOfNearlyCoincidentPointsDoNotOverlap() {
    // Lesson 13's picture had "gold" over "lambs" and "eyes" over "face": points a pixel apart.
    var points =
        List.of(
            new XyRenderer.Series(
                "metals", new double[] {0.50, 0.502, 0.9}, new double[] {0.5, 0.5, 0.1}),
            new XyRenderer.Series(
                "livestock", new double[] {0.501, 0.499}, new double[] {0.501, 0.499}));
    Map<String, List<String>> words = new LinkedHashMap<>();
    words.put("metals", List.of("gold", "brass", "iron"));
    words.put("livestock", List.of("lambs", "bullocks"));
    XyFrame frame =
        new XyFrame(
            new Rectangle(40, 20, 400, 300),
            Ticks.linear(0, 1, 5, false),
            Ticks.linear(0, 1, 5, false));
    BufferedImage image = new BufferedImage(500, 400, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    List<PointLabels.Placed> placed = new PointLabels(words).place(frame, points, fm);
    assertEquals(5, placed.size());
    for (int a = 0; a < placed.size(); a++) {
      Rectangle box = placed.get(a).box();
      assertTrue(frame.area().contains(box), placed.get(a) + " leaves the plot area");
      for (int b = a + 1; b < placed.size(); b++) {
        assertFalse(
            box.intersects(placed.get(b).box()), placed.get(a) + " overlaps " + placed.get(b));
      }
    }
    // A lone point keeps the usual place: right of its marker, vertically centred.
    Rectangle iron = placed.get(2).box();
    assertEquals(Math.round(frame.px(0.9)) + 5, iron.x, "iron's label is not right of its point");
  }

  @Test
  void aTightClusterAtTheEdgeOfThePlotGetsLabelsThatCoverNoMarkerAndNoOtherLabel() {
    // Lesson 13's picture: wife, sister, daughter and mother within 35 pixels, one at the bottom
    // edge; "sister" sat over wife's marker, touching "wife" ("wifeister"). Pixel positions from
    // that picture, in a 600 x 500 plot area whose bottom edge is y = 517.
    Rectangle area = new Rectangle(40, 17, 600, 500);
    int[][] pixels = {{204, 484}, {216, 497}, {237, 486}, {206, 513}, {120, 300}};
    double[] x = new double[pixels.length];
    double[] y = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      x[i] = (pixels[i][0] - area.x) / 600.0;
      y[i] = (area.y + area.height - pixels[i][1]) / 500.0;
    }
    var family = List.of(new XyRenderer.Series("family", x, y));
    Map<String, List<String>> words =
        Map.of("family", List.of("wife", "sister", "daughter", "mother", "brother"));
    XyFrame frame = new XyFrame(area, Ticks.linear(0, 1, 5, false), Ticks.linear(0, 1, 5, false));
    BufferedImage image = new BufferedImage(700, 560, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setFont(Text.TICK);
    FontMetrics fm = g.getFontMetrics();
    List<PointLabels.Placed> placed = new PointLabels(words).place(frame, family, fm);
    for (int a = 0; a < placed.size(); a++) {
      Rectangle box = placed.get(a).box();
      assertTrue(area.contains(box), placed.get(a) + " leaves the plot area");
      Rectangle padded = new Rectangle(box.x - 1, box.y - 1, box.width + 2, box.height + 2);
      for (int b = a + 1; b < placed.size(); b++) {
        assertFalse(
            padded.intersects(placed.get(b).box()),
            placed.get(a) + " overlaps or touches " + placed.get(b));
      }
      for (int[] p : pixels) { // a marker is a disc of radius 4 at most
        Rectangle marker = new Rectangle(p[0] - 4, p[1] - 4, 8, 8);
        assertFalse(box.intersects(marker), placed.get(a) + " covers the marker at " + p[0]);
      }
    }
  }
}
