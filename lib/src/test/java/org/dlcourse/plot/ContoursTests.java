package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class ContoursTests {

  private static final DoubleBinaryOperator BOWL = (x, y) -> x * x + 10 * y * y;
  private static final double[] X_RANGE = {-2, 2};
  private static final double[] Y_RANGE = {-1, 1};

  private static Map<String, double[][]> onePath() {
    Map<String, double[][]> paths = new LinkedHashMap<>();
    paths.put("descent", new double[][] {{-1.5, -1, -0.5, 0}, {0.8, -0.4, 0.2, 0}});
    return paths;
  }

  @Test
  void drawsAtTheDefaultAndAtAGivenSize() {
    Plot plot = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, onePath());
    assertEquals(640, plot.width());
    assertEquals(400, plot.height());
    assertEquals("Plot[\"bowl\", 640x400]", plot.toString());
    Plot small =
        Contours.plot(
            "bowl", BOWL, X_RANGE, Y_RANGE, Map.of(), PlotOptions.builder().size(300, 200).build());
    assertEquals(300, small.width());
    assertEquals(200, small.height());
  }

  @Test
  void theValleyFloorIsDarkerThanTheWallsAndThePathIsDrawn() {
    Plot empty = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, Map.of());
    BufferedImage image = empty.toBufferedImage();
    // pixel of the minimum (0, 0) vs a corner (2, 1): viridis goes from dark to bright
    int plotW = 640 - 56 - 16;
    int plotH = 400 - 34 - 44;
    int centre = image.getRGB(56 + plotW / 2 + 3, 34 + plotH / 2 + 3);
    int corner = image.getRGB(56 + plotW - 3, 34 + 3);
    assertTrue(brightness(centre) < brightness(corner), "minimum should be dark, walls bright");
    BufferedImage withPath =
        Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, onePath()).toBufferedImage();
    int changed = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        changed += image.getRGB(x, y) != withPath.getRGB(x, y) ? 1 : 0;
      }
    }
    assertTrue(changed > 300, "the path changed only " + changed + " pixels");
  }

  @Test
  void aDivergingPathWithHugeAndNonFiniteValuesStillDraws() {
    Map<String, double[][]> paths = new LinkedHashMap<>();
    paths.put("diverged", new double[][] {{1, -3, 9, 1e30, Double.NaN}, {0.5, -1, 4, 1e30, 1}});
    Plot plot = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, paths);
    assertEquals(640, plot.width());
  }

  @Test
  void ticksAreRoundValuesInsideTheRange() {
    assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, Contours.ticks(X_RANGE), 1e-12);
    assertArrayEquals(new double[] {0, 1, 2, 3}, Contours.ticks(new double[] {-0.5, 3}), 1e-12);
    assertArrayEquals(
        new double[] {-0.2, 0, 0.2}, Contours.ticks(new double[] {-0.25, 0.3}), 1e-12);
  }

  @Test
  void badInputSaysWhatIsWrong() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Contours.plot("t", BOWL, new double[] {2, -2}, Y_RANGE, Map.of()));
    assertTrue(e.getMessage().contains("xRange") && e.getMessage().contains("[2.0, -2.0]"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Contours.plot("t", null, X_RANGE, Y_RANGE, Map.of()));
    assertTrue(e.getMessage().contains("f must not be null"), e.getMessage());
    Map<String, double[][]> uneven = Map.of("p", new double[][] {{1, 2}, {1}});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Contours.plot("t", BOWL, X_RANGE, Y_RANGE, uneven));
    assertTrue(e.getMessage().contains("2 xs but 1 ys"), e.getMessage());
    Map<String, double[][]> three = Map.of("p", new double[][] {{1}, {1}, {1}});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Contours.plot("t", BOWL, X_RANGE, Y_RANGE, three));
    assertTrue(e.getMessage().contains("{xs, ys}"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Contours.plot("t", (x, y) -> Double.NaN, X_RANGE, Y_RANGE, Map.of()));
    assertTrue(e.getMessage().contains("NaN or infinite everywhere"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Contours.plot(
                    "t",
                    BOWL,
                    X_RANGE,
                    Y_RANGE,
                    Map.of(),
                    PlotOptions.builder().logY(true).build()));
    assertTrue(e.getMessage().contains("linear axes"), e.getMessage());
  }

  @Test
  void aPathKeepsTheColourItsNameHasInTheLineChartBesideIt() {
    // 04 draws "GD lr=0.03" on the contours and its distance per step in a line chart next to it
    Map<String, double[][]> paths = new java.util.LinkedHashMap<>();
    paths.put("contour GD", new double[][] {{-1.5, -1, -0.5}, {0.5, 0.3, 0.1}});
    paths.put("contour Adam", new double[][] {{1.5, 1, 0.5}, {-0.5, -0.3, -0.1}});
    Map<String, double[]> distances = new java.util.LinkedHashMap<>();
    distances.put("contour Adam", new double[] {3, 2, 1}); // other order
    distances.put("contour GD", new double[] {3, 2.5, 2});
    java.awt.image.BufferedImage lines =
        Plots.lines("d", "step", "distance", new double[] {0, 1, 2}, distances).toBufferedImage();
    java.awt.image.BufferedImage contours =
        Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, paths).toBufferedImage();
    for (String name : paths.keySet()) {
      int rgb = Palette.of(java.util.List.of(name)).get(name).getRGB() & 0xFFFFFF;
      assertTrue(count(lines, rgb) > 30, name + " missing from the line chart");
      assertTrue(count(contours, rgb) > 30, name + " drawn in another colour on the contours");
    }
  }

  @Test
  void whenPathsCrossEveryCornerTheLegendGoesBelowThePlotInsteadOfOverThem() {
    // 04's diverging path fills the plot from side to side: no corner is free
    double[] xs = new double[41];
    double[] ys = new double[41];
    for (int k = 0; k <= 40; k++) {
      xs[k] = -2 + k * 0.1;
      ys[k] = k % 2 == 0 ? 2 : -2;
    }
    Map<String, double[][]> everywhere = Map.of("zig-zag", new double[][] {xs, ys});
    Plot crowded = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, everywhere);
    Plot roomy = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, onePath());
    assertEquals(PlotOptions.defaults().height(), roomy.height(), "a free corner holds the legend");
    assertTrue(crowded.height() > roomy.height(), "the legend needs room below: " + crowded);
  }

  @Test
  void aShortPathStaysVisibleUnderALongPathDrawnAfterIt() {
    // 04: the diverging learning rate comes last and its path runs over the others
    Map<String, double[][]> paths = new LinkedHashMap<>();
    paths.put("barely moved", new double[][] {{-0.5, 0.5}, {0, 0}});
    paths.put("diverged", new double[][] {{-1.8, 1.8, 1.8, -1.8}, {0, 0, 0.5, 0.5}});
    BufferedImage image = Contours.plot("bowl", BOWL, X_RANGE, Y_RANGE, paths).toBufferedImage();
    int shortColour = Palette.of(List.copyOf(paths.keySet())).get("barely moved").getRGB();
    int longColour = Palette.of(List.copyOf(paths.keySet())).get("diverged").getRGB();
    assertTrue(
        count(image, shortColour & 0xFFFFFF)
            > 150, // measured: 251 drawn longest first, 65 in the caller's order
        "the short path is hidden: " + count(image, shortColour & 0xFFFFFF) + " pixels");
    assertTrue(count(image, longColour & 0xFFFFFF) > 300, "the long path is drawn too");
  }

  private static int count(java.awt.image.BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  private static int brightness(int rgb) {
    return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
  }
}
