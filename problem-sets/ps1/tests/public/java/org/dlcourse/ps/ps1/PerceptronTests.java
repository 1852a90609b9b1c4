package org.dlcourse.ps.ps1;

import static org.dlcourse.ps.ps1.Arrays2.matrix;
import static org.dlcourse.ps.ps1.Arrays2.values;
import static org.dlcourse.ps.ps1.Arrays2.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q1 (the perceptron). */
class PerceptronTests {

  @Test
  @Points(question = "q1", value = 1, name = "predict gives sign(x . w + b), with sign(0) = +1")
  void predictGivesTheSign(Judge judge) {
    INDArray X = matrix(new double[][] {{1, 2}, {-3, 1}, {1, 0}, {0, 0}});
    INDArray theta = vector(1, 1, -1); // w = (1, 1), b = -1: scores 2, -3, 0, -1
    double[] got = values(Perceptron.predict(X, theta), "predict");
    judge.record("predict on four points", got, 0);
    assertEquals(4, got.length, "expected one prediction per row of X ([n]) but got " + got.length);
    assertArrayEquals(
        new double[] {1, -1, 1, -1},
        got,
        "scores are 2, -3, 0, -1: a score of exactly 0 predicts +1");
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      name = "train learns the AND function (labels -1/+1)",
      hint = "start from zeros; a score of exactly 0 is a mistake; update the bias too")
  void trainLearnsAnd(Judge judge) {
    INDArray X = matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    INDArray y = vector(-1, -1, -1, 1);
    INDArray theta = Perceptron.train(X, y, 100);
    double[] t = values(theta, "train");
    judge.record("theta after training on AND", t, 1e-12);
    assertEquals(3, t.length, "expected theta = (w1, w2, b), [d + 1] = [3], but got " + t.length);
    assertArrayEquals(
        new double[] {-1, -1, -1, 1},
        values(Perceptron.predict(X, theta), "predict"),
        "after training, every AND example should be classified correctly");
  }
}
