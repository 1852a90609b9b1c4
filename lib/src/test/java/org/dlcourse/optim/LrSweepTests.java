package org.dlcourse.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrSweepTests {

  private static final double[] START = {-4.5, 1.2};

  @Test
  void gradientDescentPicksTheLargestStableRateOfTheGrid() {
    // curvature 50: GD is stable only for lr < 2 / 50 = 0.04, so 0.1 diverges and 0.03 wins
    double[] grid = {0.001, 0.01, 0.03, 0.1};
    LrSweep sweep = LrSweep.run(Function2d.bowl(1, 50), Optimizer2d::gd, grid, START, 100);
    assertEquals(0.03, sweep.bestLr());
    assertEquals(Double.POSITIVE_INFINITY, sweep.scores()[3], "lr = 0.1 diverges");
    assertEquals(sweep.runs().get(2).lastValue(), sweep.bestScore(), 0);
    assertFalse(sweep.atGridEdge());
  }

  @Test
  void tiesKeepTheSmallerRateAndEdgesAreReported() {
    // on f = 0 everywhere every rate scores 0: the smallest must win
    Function2d flat = Function2d.of("flat", (x, y) -> 0, (x, y) -> new double[] {0, 0}, START);
    LrSweep sweep = LrSweep.run(flat, Optimizer2d::gd, new double[] {0.1, 0.2, 0.3}, START, 5);
    assertEquals(0, sweep.bestIndex());
    assertTrue(sweep.atGridEdge());
  }

  @Test
  void theWindowAveragesTheLastValues() {
    LrSweep sweep =
        LrSweep.runNoisy(
            Function2d.bowl(1, 1), Optimizer2d::gd, new double[] {0.5}, START, 10, 0, 0, 3);
    double[] v = sweep.runs().get(0).values();
    assertEquals((v[8] + v[9] + v[10]) / 3, sweep.bestScore(), 1e-15);
  }

  @Test
  void badGridsAndWindowsAreRejectedWithTheFix() {
    Function2d bowl = Function2d.bowl(1, 1);
    var unsorted =
        assertThrows(
            IllegalArgumentException.class,
            () -> LrSweep.run(bowl, Optimizer2d::gd, new double[] {0.1, 0.01}, START, 5));
    assertTrue(unsorted.getMessage().contains("sorted ascending"), unsorted.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> LrSweep.run(bowl, Optimizer2d::gd, new double[] {0}, START, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> LrSweep.runNoisy(bowl, Optimizer2d::gd, new double[] {0.1}, START, 5, 0, 0, 7));
  }

  @Test
  void gradientDescentIsBlindToRotationButRmsPropIsNot() {
    double[] grid = {0.01, 0.03, 0.1, 0.3};
    Function2d turned = Function2d.rotatedBowl(1, 50, 45);
    double[] turnedStart = Function2d.rotate(START, 45);
    LrSweep gd = LrSweep.run(Function2d.bowl(1, 50), Optimizer2d::gd, grid, START, 60);
    LrSweep gdTurned = LrSweep.run(turned, Optimizer2d::gd, grid, turnedStart, 60);
    assertEquals(gd.bestScore(), gdTurned.bestScore(), 1e-9 * gd.bestScore());
    LrSweep rms =
        LrSweep.run(Function2d.bowl(1, 50), lr -> Optimizer2d.rmsProp(lr, 0.9), grid, START, 60);
    LrSweep rmsTurned =
        LrSweep.run(turned, lr -> Optimizer2d.rmsProp(lr, 0.9), grid, turnedStart, 60);
    assertTrue(rmsTurned.bestScore() > 10 * rms.bestScore(), rms + " vs " + rmsTurned);
  }
}
