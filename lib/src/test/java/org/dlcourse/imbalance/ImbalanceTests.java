package org.dlcourse.imbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.train.Evaluation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ImbalanceTests {

  /** Examples with one feature equal to their index; classes given. */
  private static Dataset numbered(int... classes) {
    INDArray X = Nd4j.create(DataType.FLOAT, classes.length, 1);
    INDArray y = Nd4j.zeros(DataType.FLOAT, classes.length, 3);
    for (int i = 0; i < classes.length; i++) {
      X.putScalar(i, 0, i);
      y.putScalar(i, classes[i], 1);
    }
    return Dataset.of(X, y, List.of("a", "b", "c"));
  }

  @Test
  @DisplayName("subsampling keeps exactly `keep` examples of the class, all others, in order")
  void subsample() {
    Dataset data = numbered(0, 1, 1, 2, 1, 0, 1, 1);
    Dataset scarce = Resampling.subsampleClass(data, 1, 2, 3);
    assertArrayEquals(new int[] {2, 2, 1}, scarce.classCounts());
    double[] ids = scarce.features().toDoubleVector();
    for (int i = 1; i < ids.length; i++) {
      assertTrue(ids[i] > ids[i - 1], "order kept");
    }
    var tooMany =
        assertThrows(
            IllegalArgumentException.class, () -> Resampling.subsampleClass(data, 1, 6, 3));
    assertTrue(tooMany.getMessage().contains("between 0 and 5"), tooMany.getMessage());
  }

  @Test
  @DisplayName("oversampling brings every class up to the largest count, originals first")
  void oversample() {
    Dataset data = numbered(0, 1, 1, 1, 1, 2, 2);
    Dataset balanced = Resampling.oversample(data, 9);
    assertArrayEquals(new int[] {4, 4, 4}, balanced.classCounts());
    double[] ids = balanced.features().toDoubleVector();
    for (int i = 0; i < 7; i++) {
      assertEquals(i, ids[i], 0);
    }
    for (int i = 7; i < ids.length; i++) { // copies of the rare classes only
      int original = (int) ids[i];
      assertTrue(original == 0 || original == 5 || original == 6, "copied row " + original);
    }
  }

  @Test
  @DisplayName("inverse-frequency weights n / (k n_c) give each class the same total weight")
  void inverseFrequency() {
    double[] w = ClassWeights.inverseFrequency(new int[] {10, 30, 60});
    assertArrayEquals(new double[] {100 / 30.0, 100 / 90.0, 100 / 180.0}, w, 1e-12);
    assertEquals(10 * w[0], 60 * w[2], 1e-9);
    var empty =
        assertThrows(
            IllegalArgumentException.class, () -> ClassWeights.inverseFrequency(new int[] {3, 0}));
    assertTrue(empty.getMessage().contains("[3, 0]"));
  }

  @Test
  @DisplayName("the weighted model's loss is -(1/n) sum_i w[y_i] log p_{y_i}")
  void weightedLoss() {
    double[] w = {3.0, 0.5};
    Model model =
        ClassWeights.model(
            Models.mlpBuilder().layerSizes(4, 5, 2).seed(1).configuration(), w, "weighted", 4);
    Nd4j.getRandom().setSeed(2);
    INDArray X = Nd4j.rand(DataType.FLOAT, 6, 4);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 2);
    int[] cls = {0, 1, 1, 0, 1, 1};
    for (int i = 0; i < 6; i++) {
      y.putScalar(i, cls[i], 1);
    }
    INDArray p = model.predict(X); // [6, 2]
    double expected = 0;
    for (int i = 0; i < 6; i++) {
      expected -= w[cls[i]] * Math.log(p.getDouble(i, cls[i]));
    }
    expected /= 6;
    assertEquals(expected, model.network().score(new DataSet(X, y)), 1e-5);
    var wrong =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClassWeights.model(
                    Models.mlpBuilder().layerSizes(4, 2).configuration(),
                    new double[] {1, 1, 1},
                    "x",
                    4));
    assertTrue(wrong.getMessage().contains("one weight per class (2)"), wrong.getMessage());
  }

  @Test
  @DisplayName("the majority baseline: high accuracy, balanced accuracy 1/k, minority recall 0")
  void majorityBaseline() {
    Dataset train = numbered(0, 1, 1, 1, 2);
    Dataset test = numbered(1, 1, 1, 1, 1, 1, 1, 1, 0, 2);
    Evaluation baseline = ClassMetrics.majorityBaseline(train, test);
    assertEquals(1, ClassMetrics.majorityClass(train));
    assertEquals(0.8, baseline.accuracy(), 1e-12);
    assertEquals(1.0 / 3, ClassMetrics.balancedAccuracy(baseline), 1e-12);
    assertEquals(0.0, baseline.recall()[0], 0);
  }

  @Test
  @DisplayName("balanced accuracy is the mean recall over the classes present")
  void balancedAccuracy() {
    // class 0: 8 of 10 right; class 1: 1 of 2 right; class 2 absent
    int[][] confusion = {{8, 2, 0}, {1, 1, 0}, {0, 0, 0}};
    Evaluation e = new Evaluation(9 / 12.0, 0.0, confusion, List.of("a", "b", "c"));
    assertEquals((0.8 + 0.5) / 2, ClassMetrics.balancedAccuracy(e), 1e-12);
  }

  @Test
  @DisplayName("one-vs-rest relabels class c as 1 and every other class as 0, named")
  void oneVsRest() {
    Dataset detector = OneVsRest.of(numbered(0, 2, 1, 2), 2);
    assertArrayEquals(new int[] {0, 1, 0, 1}, detector.labelIndices());
    assertEquals(List.of("not c", "c"), detector.labelNames());
    assertThrows(IllegalArgumentException.class, () -> OneVsRest.of(numbered(0, 1), 3));
  }
}
