package org.dlcourse.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Function2dTests {

  @Test
  void aRotatedBowlAtAngleZeroIsTheBowl() {
    Function2d bowl = Function2d.bowl(2, 30);
    Function2d turned = Function2d.rotatedBowl(2, 30, 0);
    assertEquals(bowl.value(1.5, -0.7), turned.value(1.5, -0.7), 1e-12);
    assertArrayEquals(bowl.gradient(1.5, -0.7), turned.gradient(1.5, -0.7), 1e-12);
  }

  @Test
  void aRotatedBowlTakesAtARotatedPointTheValueTheBowlTakesAtThePoint() {
    Function2d bowl = Function2d.bowl(1, 50);
    Function2d turned = Function2d.rotatedBowl(1, 50, 30);
    double[] p = {-4.5, 1.2};
    double[] q = Function2d.rotate(p, 30);
    assertEquals(bowl.value(p[0], p[1]), turned.value(q[0], q[1]), 1e-9);
    assertEquals(Math.hypot(p[0], p[1]), Math.hypot(q[0], q[1]), 1e-12, "rotation keeps length");
  }

  @Test
  void theRotatedGradientMatchesCentralDifferences() {
    Function2d turned = Function2d.rotatedBowl(1, 50, 45);
    double x = 0.8, y = -1.3, eps = 1e-6;
    double[] g = turned.gradient(x, y);
    double dx = (turned.value(x + eps, y) - turned.value(x - eps, y)) / (2 * eps);
    double dy = (turned.value(x, y + eps) - turned.value(x, y - eps)) / (2 * eps);
    assertEquals(dx, g[0], 1e-5);
    assertEquals(dy, g[1], 1e-5);
    // at 45 degrees the steep direction (1, 1)/sqrt 2 mixes both coordinates
    assertTrue(Math.abs(turned.gradient(1, 0)[1]) > 1, "off-diagonal curvature (a - b)/2");
  }

  @Test
  void badCurvaturesAndAnglesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Function2d.rotatedBowl(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Function2d.rotatedBowl(1, 1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Function2d.rotate(new double[] {1}, 10));
  }

  @Test
  void decayingGradientDescentShrinksItsSteps() {
    Optimizer2d decay = Optimizer2d.gdDecay(0.1, 10);
    double[] w = {0, 0};
    double[] grad = {1, 0};
    double first = -decay.step(w, grad)[0]; // lr_0 = 0.1
    for (int t = 1; t < 10; t++) {
      decay.step(w, grad);
    }
    double eleventh = -decay.step(w, grad)[0]; // lr_10 = 0.1 / (1 + 10/10) = 0.05
    assertEquals(0.1, first, 1e-15);
    assertEquals(0.05, eleventh, 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Optimizer2d.gdDecay(0.1, 0));
  }
}
