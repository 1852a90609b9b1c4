package org.dlcourse.ps.ps1;

import static org.dlcourse.ps.ps1.Arrays2.values;
import static org.dlcourse.ps.ps1.Arrays2.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q4 (the gradient checker). */
class GradientCheckTests {

  @Test
  @Points(question = "q4", value = 1, name = "numerical gradient of sum(x^2) is 2x; x unchanged")
  void numericalGradientOfSquares(Judge judge) {
    INDArray x = vector(1, -2, 0.5);
    double[] got =
        values(
            GradientCheck.numerical(v -> v.mul(v).sumNumber().doubleValue(), x, 1e-5),
            "numerical");
    judge.record("gradient of sum(x^2) at (1, -2, 0.5)", got, 1e-6);
    judge.record("x afterwards", values(x, "x"), 0);
    assertArrayEquals(new double[] {2, -4, 1}, got, 1e-6, "expected 2x");
    assertArrayEquals(new double[] {1, -2, 0.5}, values(x, "x"), "x must be unchanged");
  }

  @Test
  @Points(question = "q4", value = 1, name = "relativeError tells a right gradient from a wrong one")
  void relativeErrorSeparates(Judge judge) {
    double same = GradientCheck.relativeError(vector(1, 2, 3), vector(1, 2, 3 + 1e-10));
    double wrong = GradientCheck.relativeError(vector(1, 2, 3), vector(1, 2, 2));
    judge.record("relative errors", new double[] {same, wrong}, 1e-12);
    assertTrue(same < 1e-9, "nearly equal gradients gave " + same);
    assertEquals(1.0 / 5.0, wrong, 1e-12, "max |a-b| = 1 over max(|a|+|b|) = 5");
  }
}
