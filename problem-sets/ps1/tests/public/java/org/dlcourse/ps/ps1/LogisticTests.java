package org.dlcourse.ps.ps1;

import static org.dlcourse.ps.ps1.Arrays2.matrix;
import static org.dlcourse.ps.ps1.Arrays2.values;
import static org.dlcourse.ps.ps1.Arrays2.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q2 (sigmoid and loss) and q3 (gradient and gradient descent). */
class LogisticTests {

  @Test
  @Points(question = "q2", value = 2, checks = 2, name = "sigmoid: values, and finite at +-1000")
  void sigmoidValuesAndStability(Credit credit, Judge judge) {
    double[] mid = values(Logistic.sigmoid(vector(-2, 0, 3)), "sigmoid");
    judge.record("sigmoid(-2, 0, 3)", mid, 1e-12);
    credit.check(
        () ->
            assertArrayEquals(
                new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))}, mid, 1e-12),
        "sigmoid(-2, 0, 3)");
    double[] far = values(Logistic.sigmoid(vector(-1000, 1000)), "sigmoid");
    judge.record("sigmoid(-1000, 1000)", far, 1e-12);
    credit.check(
        () -> {
          assertTrue(
              Double.isFinite(far[0]) && Double.isFinite(far[1]),
              "sigmoid(-1000) gave "
                  + far[0]
                  + ": exp(1000) overflows; for z < 0 use exp(z) / (1 + exp(z))");
          assertArrayEquals(new double[] {0, 1}, far, 1e-12);
        },
        "sigmoid(-1000, 1000) is finite");
  }

  @Test
  @Points(question = "q2", value = 1, name = "loss is the mean cross-entropy")
  void lossIsMeanCrossEntropy(Judge judge) {
    INDArray X = matrix(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    INDArray y = vector(1, 0, 1);
    INDArray theta = vector(0.5, -1, 0.25);
    double got = Logistic.loss(X, y, theta);
    judge.record("loss on three examples", got, 1e-9);
    double p0 = 1 / (1 + Math.exp(-0.75));
    double p1 = 1 / (1 + Math.exp(0.75));
    double p2 = 1 / (1 + Math.exp(0.25));
    double expected = -(Math.log(p0) + Math.log(1 - p1) + Math.log(p2)) / 3;
    assertEquals(expected, got, 1e-9, "the mean over the 3 examples of -[y log p + (1-y) log(1-p)]");
  }

  @Test
  @Points(
      question = "q3",
      value = 2,
      name = "gradient equals the numerical gradient of loss",
      hint = "dL/dw = X^T (p - y) / n and dL/db = mean(p - y), bias last")
  void gradientMatchesNumerical(Judge judge) {
    INDArray X = matrix(new double[][] {{1, 2}, {-1, 0.5}, {0.3, -2}, {2, 1}});
    INDArray y = vector(1, 0, 0, 1);
    INDArray theta = vector(0.1, -0.2, 0.3);
    double[] got = values(Logistic.gradient(X, y, theta), "gradient");
    judge.record("gradient at theta = (0.1, -0.2, 0.3)", got, 1e-9);
    double[] expected = Arrays2.centralDifference(t -> Logistic.loss(X, y, t), theta);
    assertEquals(3, got.length, "expected [d + 1] = [3] entries (w1, w2, b) but got " + got.length);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          expected[i],
          got[i],
          1e-6,
          "gradient["
              + i
              + (i == 2 ? "] (the bias)" : "] (w" + (i + 1) + ")")
              + " differs from the numerical one");
    }
  }

  @Test
  @Points(question = "q3", value = 1, name = "fit lowers the loss below log 2")
  void fitLowersTheLoss(Judge judge) {
    INDArray X = matrix(new double[][] {{0, 1}, {1, 1}, {2, 0}, {3, 1}, {-1, 2}, {4, 0}});
    INDArray y = vector(0, 0, 1, 1, 0, 1);
    INDArray theta = Logistic.fit(X, y, 0.5, 200);
    double loss = Logistic.loss(X, y, theta);
    judge.record("theta after 200 steps", values(theta, "fit"), 1e-6);
    assertTrue(
        loss < 0.3,
        "the loss after 200 steps of lr 0.5 is "
            + loss
            + " (log 2 = 0.693 at theta = 0): are you subtracting the gradient?");
  }
}
