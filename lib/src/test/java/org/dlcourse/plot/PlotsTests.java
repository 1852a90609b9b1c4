package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class PlotsTests {

  private static final double[] EPOCHS = {1, 2, 3, 4, 5};

  /** Number of distinct colours in the picture: 1 means blank. */
  private static int distinctColours(Plot plot) {
    BufferedImage image = plot.toBufferedImage();
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  private static void assertDrawn(Plot plot) {
    assertTrue(distinctColours(plot) > 3, plot + " looks blank");
  }

  @Test
  void linesDrawsOneCurvePerSeriesAtTheDefaultSize() {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("training", new double[] {0.9, 0.6, 0.5, 0.45, 0.4});
    series.put("validation", new double[] {1.0, 0.7, 0.6, 0.58, 0.57});
    Plot plot = Plots.lines("Training curves", "epoch", "loss", EPOCHS, series);
    assertEquals(640, plot.width());
    assertEquals(400, plot.height());
    assertEquals("Plot[\"Training curves\", 640x400]", plot.toString());
    assertDrawn(plot);
  }

  @Test
  void optionsSetSizeAndLogAxes() {
    PlotOptions options = PlotOptions.builder().size(300, 200).logY(true).build();
    Plot plot =
        Plots.line(
            "Loss", "epoch", "loss", EPOCHS, new double[] {1, 0.1, 0.01, 0.001, 1e-4}, options);
    assertEquals(300, plot.width());
    assertEquals(200, plot.height());
    assertDrawn(plot);
  }

  @Test
  void logAxisRejectsNonPositiveValuesNamingTheSeries() {
    PlotOptions options = PlotOptions.builder().logY(true).build();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.line("t", "x", "loss", EPOCHS, new double[] {1, 0, 1, 1, 1}, options));
    assertTrue(e.getMessage().contains("[1] = 0.0"), e.getMessage());
  }

  @Test
  void mismatchedLengthsNameBothLengths() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.line("t", "x", "y", EPOCHS, new double[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("3 values but x has 5"), e.getMessage());
  }

  @Test
  void scatterDrawsGroupsAndChecksThem() {
    Map<String, double[][]> groups = new LinkedHashMap<>();
    groups.put("class 0", new double[][] {{0, 1, 2}, {0, 1, 0}});
    groups.put("class 1", new double[][] {{3, 4}, {3, 4}});
    assertDrawn(Plots.scatter("Points", "x1", "x2", groups));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.scatter(
                    "Points", "x1", "x2", Map.of("bad", new double[][] {{1, 2}, {1, 2, 3}})));
    assertTrue(e.getMessage().contains("2 xs but 3 ys"), e.getMessage());
  }

  @Test
  void barNeedsOneValuePerCategory() {
    assertDrawn(Plots.bar("Accuracy", "accuracy", List.of("mlp", "cnn"), new double[] {0.85, 0.9}));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.bar("A", "a", List.of("mlp", "cnn"), new double[] {0.85}));
    assertTrue(e.getMessage().contains("2 categories but 1 values"), e.getMessage());
  }

  @Test
  void imageGridAcceptsFlatAndImageShapes() {
    var flat = Nd4j.rand(DataType.FLOAT, 5, 784);
    Plot plot = Plots.imageGrid(flat, List.of("a", "b", "c", "d", "e"), 3);
    // 28x28 images enlarged twice to 56 px, 3 columns x 2 rows, 6 px gaps, 16 px captions.
    assertEquals(3 * (56 + 6) + 6, plot.width());
    assertEquals(2 * (56 + 16 + 6) + 6, plot.height());
    assertDrawn(plot);
    Plot nchw = Plots.imageGrid(flat.reshape(5, 1, 28, 28), List.of(), 5);
    assertEquals(5 * (56 + 6) + 6, nchw.width());
    assertEquals(56 + 2 * 6, nchw.height());
    assertDrawn(Plots.imageGrid(flat.reshape(5, 28, 28), List.of(), 2));
  }

  @Test
  void aLongImageCaptionBreaksOntoASecondLineInsteadOfLosingItsEnd() {
    // 07's most-confused pairs read "Pullover …" and "Shirt → …": the predicted class was cut off
    java.awt.FontMetrics fm = ImageGrid.captionMetrics();
    assertEquals(
        List.of("Pullover →", "Coat"), ImageGrid.captionLines("Pullover → Coat", fm, 56 + 6 - 2));
    assertEquals(List.of("Bag"), ImageGrid.captionLines("Bag", fm, 60));
    var flat = Nd4j.rand(DataType.FLOAT, 2, 784);
    Plot twoLines = Plots.imageGrid(flat, List.of("Pullover → Coat", "Bag"), 2);
    Plot oneLine = Plots.imageGrid(flat, List.of("Coat", "Bag"), 2);
    assertEquals(oneLine.height() + fm.getHeight(), twoLines.height(), "room for the second line");
  }

  @Test
  void imageGridDrawsPixelValuesAsGreyLevels() {
    var images = Nd4j.zeros(DataType.FLOAT, 1, 4);
    images.putScalar(0, 3, 1.0); // bottom-right pixel of a 2x2 image is white
    BufferedImage image = Plots.imageGrid(images, List.of(), 1).toBufferedImage();
    // 2x2 enlarged 28 times, after a 6 px border.
    assertEquals(0xFF000000, image.getRGB(6 + 5, 6 + 5));
    assertEquals(0xFFFFFFFF, image.getRGB(6 + 28 + 5, 6 + 28 + 5));
  }

  @Test
  void imageGridRejectsWrongCaptionCountAndNonSquareImages() {
    var flat = Nd4j.rand(DataType.FLOAT, 5, 784);
    var e1 =
        assertThrows(
            IllegalArgumentException.class, () -> Plots.imageGrid(flat, List.of("a", "b"), 3));
    assertTrue(e1.getMessage().contains("5 images but 2 captions"), e1.getMessage());
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.imageGrid(Nd4j.rand(DataType.FLOAT, 5, 780), List.of(), 3));
    assertTrue(e2.getMessage().contains("780 is not a square"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Plots.imageGrid(flat, List.of(), 0));
  }

  @Test
  void heatmapAndConfusionMatrixDrawEveryCell() {
    Plot heat =
        Plots.heatmap(
            "Weights",
            new double[][] {{0.1, -0.5, 2}, {1, 0, 0.25}},
            List.of("r0", "r1"),
            List.of("c0", "c1", "c2"));
    assertDrawn(heat);
    Plot cm = Plots.confusionMatrix(new int[][] {{8, 2}, {1, 9}}, List.of("cat", "dog"));
    assertTrue(cm.title().contains("accuracy 85.0%"), cm.title());
    assertDrawn(cm);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.confusionMatrix(new int[][] {{1, 2}, {3}}, List.of("a", "b")));
    assertTrue(e.getMessage().contains("row 1 has 1 columns"), e.getMessage());
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.heatmap("h", new double[][] {{1, 2}}, List.of("r"), List.of("c")));
    assertTrue(
        e2.getMessage().contains("1 x 2 but got 1 row labels and 1 column"), e2.getMessage());
  }

  @Test
  void rowPlacesPlotsSideBySideAndSaveWritesAPng(@TempDir Path dir) throws Exception {
    PlotOptions small = PlotOptions.builder().size(200, 150).build();
    Plot a = Plots.line("a", "x", "y", EPOCHS, EPOCHS, small);
    Plot b =
        Plots.line("b", "x", "y", EPOCHS, EPOCHS, PlotOptions.builder().size(300, 120).build());
    Plot both = Plots.row(a, b);
    assertEquals(200 + 8 + 300, both.width());
    assertEquals(150, both.height());
    Path file = both.save(dir.resolve("sub/both.png"));
    BufferedImage read = ImageIO.read(Files.newInputStream(file));
    assertEquals(both.width(), read.getWidth());
    assertEquals(both.height(), read.getHeight());
  }

  @Test
  void optionsRejectTinySizes() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> PlotOptions.builder().size(10, 400).build());
    assertTrue(e.getMessage().contains("10x400"), e.getMessage());
  }

  @Test
  void tickLabelsOfEvenlySpacedDataAreRounded() {
    // ticks at round values, not at the data points -1.4924623...
    Ticks ticks = Ticks.linear(-3, 3, 6);
    assertEquals("[-3, -2, -1, 0, 1, 2, 3]", java.util.Arrays.toString(ticks.labels()));
  }
}
