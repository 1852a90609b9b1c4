package org.dlcourse.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MixtureTests {

  @Test
  @DisplayName("the 5 x 5 grid has its 25 centres at {-4, -2, 0, 2, 4}^2")
  void gridCentres() {
    Mixture grid = Mixture.grid(5, 2.0, 0.05);
    assertEquals(25, grid.k());
    assertArrayEquals(new double[] {-4, -4}, grid.centre(0), 1e-12);
    assertArrayEquals(new double[] {0, 0}, grid.centre(12), 1e-12);
    assertArrayEquals(new double[] {4, 4}, grid.centre(24), 1e-12);
  }

  @Test
  @DisplayName("real samples cover every mode, nearly all within 3 std")
  void realSamplesCoverAll() {
    Mixture grid = Mixture.grid(5, 2.0, 0.05);
    INDArray x = grid.sample(5_000, 3);
    assertEquals(25, grid.modesCovered(x));
    assertTrue(grid.shareNearModes(x) > 0.98, "share " + grid.shareNearModes(x)); // 3 std: 98.9%
    assertTrue(grid.coverage(x).effectiveNumber() > 24.5);
  }

  @Test
  @DisplayName("constructed samples: counted per mode within 3 std, covered by the share rule")
  void constructedSamples() {
    Mixture grid = Mixture.grid(5, 2.0, 0.05);
    // 60 samples on mode 0 (-4, -4), 30 at 0.1 from mode 12 (0, 0), 10 at 0.2 (> 3 std) from it
    float[][] x = new float[100][];
    for (int i = 0; i < 100; i++) {
      x[i] = i < 60 ? new float[] {-4, -4} : i < 90 ? new float[] {0.1f, 0} : new float[] {0, 0.2f};
    }
    INDArray samples = Nd4j.create(x);
    int[] counts = grid.modeCounts(samples);
    assertEquals(60, counts[0]);
    assertEquals(30, counts[12]);
    assertEquals(90, java.util.Arrays.stream(counts).sum());
    assertEquals(0.9, grid.shareNearModes(samples), 1e-12);
    assertEquals(2, grid.modesCovered(samples)); // need 100 / (4 * 25) = 1 sample
    assertEquals(1, grid.modesCovered(samples, 0.5)); // only mode 0 holds half of all
    assertEquals(2, grid.modesCovered(samples, 0.3)); // 30 of 100 on mode 12: exactly 0.3
    assertEquals(40, grid.coverage(samples).counts()[12]); // nearest mode, any distance
  }

  @Test
  @DisplayName("on a ring the nearest centre is the nearest by angle (why Ring can delegate)")
  void ringNearestIsBySector() {
    Ring ring = Ring.of(8, 2, 0.05);
    INDArray x =
        Nd4j.rand(2_000, 2).subi(0.5).muli(6); // anywhere in [-3, 3]^2, not only near modes
    int[] nearest = ring.nearestModes(x);
    for (int i = 0; i < nearest.length; i++) {
      double angle = Math.atan2(x.getDouble(i, 1), x.getDouble(i, 0));
      int sector = Math.floorMod(Math.round(angle / (2 * Math.PI) * 8), 8);
      assertEquals(sector, nearest[i], "sample " + i);
    }
    // In 2-D a Gaussian sample lies within 3 std of its centre with probability 1 - exp(-9/2) =
    // 0.989.
    double share = ring.shareNearModes(ring.sample(4_000, 5));
    assertEquals(0.989, share, 0.01, "share of ring samples within 3 std of a centre");
  }

  @Test
  @DisplayName("bad input is refused with the expected values")
  void badInput() {
    assertThrows(IllegalArgumentException.class, () -> Mixture.grid(0, 2, 0.05));
    assertThrows(IllegalArgumentException.class, () -> Mixture.of(new double[][] {{1}}, 0.1));
    Mixture grid = Mixture.grid(2, 1, 0.1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> grid.modesCovered(grid.sample(10, 1), 0));
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
  }
}
