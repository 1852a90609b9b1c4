package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class DecisionBoundaryTests {

  /** Class 0 on the left of x1 = 0, class 1 on the right. */
  private static Map<String, double[][]> points() {
    Map<String, double[][]> points = new LinkedHashMap<>();
    points.put("left", new double[][] {{-2, -1.5, -1}, {-1, 0, 1}});
    points.put("right", new double[][] {{1, 1.5, 2}, {1, 0, -1}});
    return points;
  }

  @Test
  void drawsAtTheDefaultAndAtAGivenSize() {
    Plot plot = DecisionBoundary.plot("Sign of x1", x -> x[0] > 0 ? 1 : 0, points());
    assertEquals(640, plot.width());
    assertEquals(400, plot.height());
    assertEquals("Plot[\"Sign of x1\", 640x400]", plot.toString());
    Plot small =
        DecisionBoundary.plot(
            "t", "x1", "x2", x -> 0, points(), PlotOptions.builder().size(300, 250).build());
    assertEquals(300, small.width());
    assertEquals(250, small.height());
  }

  @Test
  void shadesEachSideInTheColourOfItsClass() {
    Plot plot = DecisionBoundary.plot("Sign of x1", x -> x[0] > 0 ? 1.0 : 0.0, points());
    BufferedImage image = plot.toBufferedImage();
    // Sample a little left and right of the image centre, between the points (the plot area is
    // roughly centred): the two regions have different background colours, and neither is white.
    int y = image.getHeight() / 2 + 40;
    int left = image.getRGB(image.getWidth() / 2 - 100, y) & 0xFFFFFF;
    int right = image.getRGB(image.getWidth() / 2 + 100, y) & 0xFFFFFF;
    assertNotEquals(left, right);
    assertNotEquals(0xFFFFFF, left);
    assertNotEquals(0xFFFFFF, right);
    // a constant classifier shades both sides alike
    BufferedImage constant = DecisionBoundary.plot("t", x -> 1, points()).toBufferedImage();
    assertEquals(
        constant.getRGB(image.getWidth() / 2 - 100, y),
        constant.getRGB(image.getWidth() / 2 + 100, y));
    assertEquals(right, constant.getRGB(image.getWidth() / 2 + 100, y) & 0xFFFFFF);
  }

  @Test
  void rejectsBadPointsNamingTheGroup() {
    var empty =
        assertThrows(
            IllegalArgumentException.class, () -> DecisionBoundary.plot("t", x -> 0, Map.of()));
    assertTrue(empty.getMessage().contains("at least one group"), empty.getMessage());
    Map<String, double[][]> ragged = Map.of("a", new double[][] {{1, 2, 3}, {1, 2}});
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> DecisionBoundary.plot("t", x -> 0, ragged));
    assertTrue(e.getMessage().contains("\"a\" has 3 xs and 2 ys"), e.getMessage());
    Map<String, double[][]> nan = Map.of("a", new double[][] {{1, Double.NaN}, {1, 2}});
    assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.plot("t", x -> 0, nan));
    assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.plot("t", null, points()));
  }

  @Test
  void rejectsAClassifierThatReturnsNoClassIndex() {
    var negative =
        assertThrows(
            IllegalArgumentException.class, () -> DecisionBoundary.plot("t", x -> -1, points()));
    assertTrue(negative.getMessage().contains("returned -1"), negative.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> DecisionBoundary.plot("t", x -> Double.NaN, points()));
    assertThrows(
        IllegalArgumentException.class, () -> DecisionBoundary.plot("t", x -> null, points()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DecisionBoundary.plot(
                "t", "x", "y", x -> 0, points(), PlotOptions.builder().logY(true).build()));
  }

  @Test
  void batchClassifierDrawsTheSamePictureAsThePointwiseOne() {
    Plot pointwise = DecisionBoundary.plot("t", "x1", "x2", x -> x[0] + x[1] > 0 ? 1 : 0, points());
    Plot batch =
        DecisionBoundary.plotBatch(
            "t",
            "x1",
            "x2",
            X -> X.getColumn(0).add(X.getColumn(1)).gt(0).castTo(DataType.DOUBLE),
            points());
    BufferedImage a = pointwise.toBufferedImage();
    BufferedImage b = batch.toBufferedImage();
    for (int y = 0; y < a.getHeight(); y += 3) {
      for (int x = 0; x < a.getWidth(); x += 3) {
        assertEquals(a.getRGB(x, y), b.getRGB(x, y), "pixel (" + x + ", " + y + ")");
      }
    }
  }

  @Test
  void batchClassifierMustReturnOneValuePerPoint() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DecisionBoundary.plotBatch("t", "x1", "x2", X -> Nd4j.zeros(3), points()));
    assertTrue(e.getMessage().contains("but returned [3]"), e.getMessage());
  }
}
