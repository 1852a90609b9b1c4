package org.dlcourse.ps.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Arrays;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;

/**
 * Public tests: students run these with ./course check and Grader.check. Each also records what the
 * student's code computed through a {@link Judge}: ./course grade judges those values against the
 * reference solution's, outside the sandbox.
 */
class ActivationsTests {

  @Test
  @Points(question = "q1", value = 1, name = "relu zeroes negatives and keeps positives")
  void reluZeroesNegativesAndKeepsPositives(Judge judge) {
    double[] z = {-2, 0, 0.5, 3};
    double[] out = Activations.relu(z);
    judge.record("relu([-2, 0, 0.5, 3])", out, 1e-12);
    judge.record("relu's input afterwards", z, 0);
    judge.record("relu returned", out == z ? "its input" : "a new array");
    assertArrayEquals(new double[] {0, 0, 0.5, 3}, out, 1e-12);
    // The common mistakes: returning the input array itself, or overwriting it in place.
    assertNotSame(z, out, "relu must return a new array, not its input");
    assertArrayEquals(new double[] {-2, 0, 0.5, 3}, z, "relu must not change its input array");
  }

  @Test
  @Points(
      question = "q2",
      value = 2,
      checks = 5,
      name = "softmax sums to one and matches exp(z)/sum")
  void softmaxSumsToOneAndMatches(Credit credit, Judge judge) {
    // The last input is the lesson's warning: exp(1000) overflows to Infinity unless max(z) is
    // subtracted first, and Infinity / Infinity is NaN.
    double[][] inputs = {{0, 0}, {1, 2, 3}, {-1, 0, 1, 2}, {5}, {1000, 1001}};
    for (double[] z : inputs) {
      double[] p = Activations.softmax(z);
      judge.record("softmax of " + Arrays.toString(z), p, 1e-9);
      double max = Arrays.stream(z).max().orElse(0);
      double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
      credit.check(
          () -> {
            for (int i = 0; i < z.length; i++) {
              assertEquals(
                  Math.exp(z[i] - max) / sum, p[i], 1e-9, "softmax(" + Arrays.toString(z) + ")");
            }
          },
          "softmax of " + Arrays.toString(z));
    }
  }

  @Test
  @Points(question = "q3", value = 2, name = "numerical gradient of x0^2 + 3 x1")
  void numericalGradientOfQuadratic(Judge judge) {
    double[] g = Gradients.numerical(x -> x[0] * x[0] + 3 * x[1], new double[] {2, -1}, 1e-5);
    judge.record("gradient of x0^2 + 3 x1 at (2, -1)", g, 1e-6);
    assertArrayEquals(new double[] {4, 3}, g, 1e-6, "expected the gradient (2 x0, 3)");
  }
}
