package org.dlcourse.perceptron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dlcourse.data.Dataset;
import org.junit.jupiter.api.Test;

class PerceptronTests {

  private static final double[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final int[] XOR_Y = {0, 1, 1, 0};

  /** Two clouds either side of the line x1 + x2 = 1, with a margin of at least 0.3. */
  private static final double[][] SEPARABLE_X = {
    {0.0, 0.1}, {0.2, 0.3}, {-0.5, 0.4}, {0.3, -0.2}, {0.1, 0.2},
    {1.2, 0.9}, {0.8, 1.1}, {2.0, 0.1}, {0.4, 1.5}, {1.1, 1.3}
  };

  private static final int[] SEPARABLE_Y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};

  @Test
  void perceptronConvergesOnSeparableData() {
    Perceptron perceptron = Perceptron.of(1.0, 100).fit(SEPARABLE_X, SEPARABLE_Y);
    int[] mistakes = perceptron.mistakesPerEpoch();
    assertTrue(perceptron.converged(), perceptron.toString());
    assertEquals(0, mistakes[mistakes.length - 1]);
    assertTrue(mistakes[0] > 0, "the first epoch starts from w = 0 and must make mistakes");
    assertEquals(1.0, perceptron.accuracy(SEPARABLE_X, SEPARABLE_Y));
    assertArrayEquals(SEPARABLE_Y, perceptron.predict(SEPARABLE_X));
  }

  @Test
  void perceptronFailsOnXor() {
    Perceptron perceptron = Perceptron.of(1.0, 50).fit(XOR_X, XOR_Y);
    assertFalse(perceptron.converged());
    assertEquals(50, perceptron.mistakesPerEpoch().length, "runs every epoch when never converged");
    assertTrue(Arrays.stream(perceptron.mistakesPerEpoch()).allMatch(m -> m > 0));
    // no line separates {(0,0), (1,1)} from {(0,1), (1,0)}: at most 3 of 4 are right
    double best = Arrays.stream(perceptron.accuracyPerEpoch()).max().orElseThrow();
    assertTrue(best <= 0.75, "best accuracy " + best);
  }

  @Test
  void firstEpochFollowsTheLearningRuleStepByStep() {
    // AND with lr = 0.5, weights from 0, examples in order (1,1)->1, (0,1)->0:
    // (1,1): score 0 -> yHat 0, y 1: w = 0.5*(1,1) = (0.5, 0.5), b = 0.5
    // (0,1): score 0.5 + 0.5 = 1 -> yHat 1, y 0: w = (0.5, 0.5) - 0.5*(0,1) = (0.5, 0), b = 0
    Perceptron perceptron =
        Perceptron.of(0.5, 1).fit(new double[][] {{1, 1}, {0, 1}}, new int[] {1, 0});
    assertArrayEquals(new double[] {0.5, 0.0}, perceptron.weights(), 1e-12);
    assertEquals(0.0, perceptron.bias(), 1e-12);
    assertArrayEquals(new int[] {2}, perceptron.mistakesPerEpoch());
  }

  @Test
  void fitOnADatasetEqualsFitOnArrays() {
    Dataset data = Dataset.of(SEPARABLE_X, SEPARABLE_Y, List.of("below", "above"));
    Perceptron fromDataset = Perceptron.of(1.0, 100).fit(data);
    Perceptron fromArrays = Perceptron.of(1.0, 100).fit(SEPARABLE_X, SEPARABLE_Y);
    // float32 features in the Dataset: the same updates, equal to float precision
    assertArrayEquals(fromArrays.weights(), fromDataset.weights(), 1e-5);
    assertArrayEquals(fromArrays.mistakesPerEpoch(), fromDataset.mistakesPerEpoch());
  }

  @Test
  void printsWeightsEpochsAndConvergence() {
    assertEquals("Perceptron[untrained, lr=1.0, numEpochs=5]", Perceptron.of(1.0, 5).toString());
    String s = Perceptron.of(1.0, 100).fit(SEPARABLE_X, SEPARABLE_Y).toString();
    assertTrue(
        s.startsWith("Perceptron[w=[") && s.endsWith("last epoch 0 mistakes, converged]"), s);
  }

  @Test
  void badInputIsRejectedWithTheOffendingValue() {
    var e1 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Perceptron.of(1.0, 5).fit(XOR_X, new int[] {0, 1, 2, 0}));
    assertTrue(e1.getMessage().contains("y[2] = 2"), e1.getMessage());
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Perceptron.of(1.0, 5).fit(XOR_X, new int[] {0, 1}));
    assertTrue(e2.getMessage().contains("4 rows but y has 2"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Perceptron.of(0, 5));
    assertThrows(IllegalArgumentException.class, () -> Perceptron.of(1.0, 0));
    var e3 =
        assertThrows(
            IllegalStateException.class, () -> Perceptron.of(1.0, 5).predict(new double[2]));
    assertTrue(e3.getMessage().contains("fit"), e3.getMessage());
    Perceptron trained = Perceptron.of(1.0, 5).fit(XOR_X, XOR_Y);
    var e4 = assertThrows(IllegalArgumentException.class, () -> trained.predict(new double[3]));
    assertTrue(e4.getMessage().contains("2 features") && e4.getMessage().contains("got 3"));
    Dataset threeClasses = Dataset.of(XOR_X, new int[] {0, 1, 2, 0});
    var e5 =
        assertThrows(IllegalArgumentException.class, () -> Perceptron.of(1.0, 5).fit(threeClasses));
    assertTrue(e5.getMessage().contains("3"), e5.getMessage());
  }
}
