package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EvaluationTests {

  @Test
  void confusionMatrixHasTrueClassesInRowsAndPredictionsInColumns() {
    // 5 examples, 3 classes; true: a, a, b, c, c; predicted: a, b, b, c, a
    INDArray yHat =
        Nd4j.createFromArray(
            new double[][] {
              {0.8, 0.1, 0.1}, {0.3, 0.6, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}, {0.5, 0.2, 0.3}
            });
    INDArray y =
        Nd4j.createFromArray(
            new double[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}});
    Evaluation e = Evaluation.of(yHat, y, List.of("a", "b", "c"));
    assertArrayEquals(new int[] {1, 1, 0}, e.confusion()[0]);
    assertArrayEquals(new int[] {0, 1, 0}, e.confusion()[1]);
    assertArrayEquals(new int[] {1, 0, 1}, e.confusion()[2]);
    assertEquals(0.6, e.accuracy(), 1e-12);
    assertArrayEquals(new double[] {0.5, 1.0, 0.5}, e.perClassAccuracy(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 1.0}, e.precision(), 1e-12);
    // cross-entropy: mean of -log(probability of the true class)
    double expected =
        -(Math.log(0.8) + Math.log(0.3) + Math.log(0.7) + Math.log(0.8) + Math.log(0.3)) / 5;
    assertEquals(expected, e.loss(), 1e-6);
    assertEquals(5, e.numExamples());
    assertEquals("Evaluation[accuracy 0.600, loss 0.642, 5 examples, 3 classes]", e.toString());
  }

  @Test
  void shapesThatDifferAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Evaluation.of(Nd4j.zeros(4, 3), Nd4j.zeros(4, 2), List.of("a", "b")));
    assertTrue(e.getMessage().contains("[4, 3] and [4, 2]"), e.getMessage());
  }
}
