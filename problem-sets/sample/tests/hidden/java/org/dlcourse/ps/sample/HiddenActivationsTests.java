package org.dlcourse.ps.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;

/**
 * Hidden tests: never shipped; students learn only that they exist, what they are worth and, when
 * one fails, its hint. What each records is judged against the reference's values outside the
 * sandbox, so a submission that controls its test JVM still has to compute them.
 */
class HiddenActivationsTests {

  @Test
  @Points(
      question = "q1",
      value = 1,
      name = "relu returns a new array",
      visibility = Visibility.HIDDEN,
      hint = "does relu give back a fresh array and leave the one it was given untouched?")
  void reluReturnsANewArray(Judge judge) {
    double[] z = {-1, 1};
    double[] out = Activations.relu(z);
    judge.record("relu's input afterwards", z, 0);
    judge.record("relu returned", out == z ? "its input" : "a new array");
    assertNotSame(z, out, "relu must not return its input array");
    assertArrayEquals(new double[] {-1, 1}, z, "relu must not change its input");
  }

  @Test
  @Points(
      question = "q2",
      value = 1,
      name = "softmax is stable for large inputs",
      visibility = Visibility.AFTER_DUE_DATE,
      hint = "try your softmax on inputs in the hundreds; what does Math.exp return there?")
  void softmaxIsStableForLargeInputs(Judge judge) {
    double[] p = Activations.softmax(new double[] {1000, 1000});
    judge.record("softmax(1000, 1000)", p, 1e-12);
    assertEquals(0.5, p[0], 1e-12, "softmax(1000, 1000) should be (0.5, 0.5); subtract max(z)");
  }

  @Test
  @Points(
      question = "q3",
      value = 1,
      name = "numerical gradient of a product",
      visibility = Visibility.AFTER_PUBLISHED,
      hint = "does your gradient handle more than two variables, each perturbed on its own?")
  void numericalGradientOfProduct(Judge judge) {
    double[] g =
        Gradients.numerical(x -> x[0] * x[1] * x[2], new double[] {1, 2, 3}, 1e-4);
    judge.record("gradient of x0 x1 x2 at (1, 2, 3)", g, 1e-6);
    assertArrayEquals(new double[] {6, 3, 2}, g, 1e-6);
  }
}
