package org.dlcourse.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;

class Optimizer2dTests {

  private static final double[] START = {-2, 1.5};

  @Test
  void adamAndMomentumReachTheMinimumOfAQuadratic() {
    Function2d bowl = Function2d.bowl(1, 10);
    Trajectory adam = Descent.run(bowl, Optimizer2d.adam(0.1), START, 500);
    Trajectory momentum = Descent.run(bowl, Optimizer2d.momentum(0.05, 0.9), START, 500);
    assertTrue(adam.distanceTo(bowl.minimum()) < 1e-2, adam.toString());
    assertTrue(momentum.distanceTo(bowl.minimum()) < 1e-3, momentum.toString());
  }

  @Test
  void momentumBeatsGradientDescentOnAnIllConditionedBowlInTheSameNumberOfSteps() {
    Function2d bowl = Function2d.bowl(1, 50); // condition number 50
    double lr = 0.035; // just below 2 / 50, the largest stable step for GD
    Trajectory gd = Descent.run(bowl, Optimizer2d.gd(lr), START, 100);
    Trajectory momentum = Descent.run(bowl, Optimizer2d.momentum(lr, 0.8), START, 100);
    assertTrue(
        momentum.distanceTo(bowl.minimum()) < gd.distanceTo(bowl.minimum()) / 10,
        gd + " vs " + momentum);
  }

  @Test
  void tooLargeLearningRateDivergesWhereASmallerOneConverges() {
    Function2d bowl = Function2d.bowl(1, 10); // GD is stable for lr < 2 / 10
    Trajectory fine = Descent.run(bowl, Optimizer2d.gd(0.15), START, 200);
    Trajectory tooLarge = Descent.run(bowl, Optimizer2d.gd(0.21), START, 2000);
    assertFalse(fine.diverged(), fine.toString());
    assertTrue(fine.lastValue() < 1e-6, fine.toString());
    assertTrue(tooLarge.diverged(), tooLarge.toString());
    assertTrue(tooLarge.numSteps() < 2000, "a diverged run stops early: " + tooLarge);
  }

  @Test
  void noisyGradientsWanderAroundTheMinimumInsteadOfReachingIt() {
    Function2d bowl = Function2d.bowl(1, 10);
    Trajectory exact = Descent.run(bowl, Optimizer2d.gd(0.05), START, 300);
    Trajectory noisy = Descent.runNoisy(bowl, Optimizer2d.gd(0.05), START, 300, 2.0, 7);
    assertTrue(exact.distanceTo(bowl.minimum()) < 1e-3, exact.toString());
    assertTrue(noisy.distanceTo(bowl.minimum()) > 1e-2, noisy.toString());
    assertTrue(noisy.lastValue() < noisy.values()[0] / 5, "still went downhill: " + noisy);
  }

  @Test
  void rosenbrockGradientMatchesFiniteDifferences() {
    Function2d f = Function2d.rosenbrock();
    double h = 1e-6;
    for (double[] p : new double[][] {{-1.2, 1}, {0.5, 0.3}, {1, 1}}) {
      double[] grad = f.gradient(p[0], p[1]);
      double dx = (f.value(p[0] + h, p[1]) - f.value(p[0] - h, p[1])) / (2 * h);
      double dy = (f.value(p[0], p[1] + h) - f.value(p[0], p[1] - h)) / (2 * h);
      assertEquals(dx, grad[0], 1e-4 * Math.max(1, Math.abs(dx)));
      assertEquals(dy, grad[1], 1e-4 * Math.max(1, Math.abs(dy)));
    }
    assertEquals(0, f.value(1, 1), 0);
  }

  // ------------------------------------------------ against DL4J's updaters, within a stated
  // tolerance

  /** Runs our optimiser and DL4J's updater side by side on the same gradients of a bowl. */
  private static void assertSameSteps(Optimizer2d ours, IUpdater dl4j, double tolerance) {
    Function2d f = Function2d.bowl(1, 20);
    INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, Math.max(1, dl4j.stateSize(2)));
    GradientUpdater<?> updater = dl4j.instantiate(state, true);
    double[] w = START.clone();
    double[] p = START.clone();
    for (int t = 0; t < 25; t++) {
      double[] grad = f.gradient(p[0], p[1]);
      INDArray g = Nd4j.create(new double[][] {grad}); // [1, 2]
      updater.applyUpdater(g, t, 0); // g becomes the update DL4J subtracts: p <- p - g
      p = new double[] {p[0] - g.getDouble(0, 0), p[1] - g.getDouble(0, 1)};
      w = ours.step(w, f.gradient(w[0], w[1]));
      assertEquals(p[0], w[0], tolerance, ours.name() + " x after step " + (t + 1));
      assertEquals(p[1], w[1], tolerance, ours.name() + " y after step " + (t + 1));
    }
  }

  @Test
  void adamTakesTheSameStepsAsDl4jsAdam() {
    assertSameSteps(Optimizer2d.adam(0.1), new Adam(0.1), 1e-9);
  }

  @Test
  void nesterovTakesTheSameStepsAsDl4jsNesterovs() {
    assertSameSteps(Optimizer2d.nesterov(0.01, 0.9), new Nesterovs(0.01, 0.9), 1e-9);
  }

  @Test
  void rmsPropTakesTheSameStepsAsDl4jsRmsProp() {
    assertSameSteps(Optimizer2d.rmsProp(0.05, 0.95), new RmsProp(0.05, 0.95, 1e-8), 1e-7);
    // (DL4J starts the running mean of grad^2 at eps rather than 0: differences ~1e-8)
  }

  @Test
  void momentumWithZeroBetaIsGradientDescent() {
    Function2d f = Function2d.rosenbrock();
    Trajectory gd = Descent.run(f, Optimizer2d.gd(1e-3), new double[] {-1, 1}, 50);
    Trajectory m = Descent.run(f, Optimizer2d.momentum(1e-3, 0), new double[] {-1, 1}, 50);
    assertEquals(gd.last()[0], m.last()[0], 1e-12);
    assertEquals(gd.last()[1], m.last()[1], 1e-12);
  }

  @Test
  void badArgumentsNameTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Optimizer2d.gd(-0.1));
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer2d.momentum(0.1, 1.0));
    assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Function2d.bowl(0, 1));
    assertTrue(e.getMessage().contains("a = 0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Descent.run(Function2d.rosenbrock(), Optimizer2d.gd(0.1), new double[] {1}, 5));
    assertTrue(e.getMessage().contains("[1.0]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Optimizer2d.adam(0.1).step(new double[] {1, 2}, new double[] {1}));
    assertTrue(e.getMessage().contains("2-D gradient"), e.getMessage());
  }

  @Test
  void trajectoryPrintsAndGivesItsPathAsXsAndYs() {
    Trajectory t = Descent.run(Function2d.bowl(1, 1), Optimizer2d.gd(0.5), START, 3);
    assertEquals(3, t.numSteps());
    assertEquals(4, t.xy()[0].length);
    assertEquals(-2, t.xy()[0][0], 0);
    assertEquals(-1, t.xy()[0][1], 1e-12); // w <- w - 0.5 w
    assertTrue(t.toString().startsWith("Trajectory[GD lr=0.5, 3 steps"), t.toString());
  }
}
