package org.dlcourse.imbalance;

import java.util.Arrays;
import org.dlcourse.data.Dataset;
import org.dlcourse.train.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Metrics that a majority class cannot fool: balanced accuracy, the mean of the per-class recalls
 * {@code (1/k) sum_c TP_c / n_c}, next to plain accuracy {@code sum_c TP_c / n}; and the
 * majority-class baseline, which predicts the most frequent training class for everything.
 *
 * <pre>{@code
 * Evaluation baseline = ClassMetrics.majorityBaseline(train, test);
 * baseline.accuracy();                       // the majority's share of the test set
 * ClassMetrics.balancedAccuracy(baseline);   // 1 / k
 * }</pre>
 */
public final class ClassMetrics {

  private ClassMetrics() {}

  /**
   * The mean recall over the classes that occur in the evaluated data (classes with no example are
   * left out, not counted as 0).
   */
  public static double balancedAccuracy(Evaluation evaluation) {
    return Arrays.stream(evaluation.recall()).filter(r -> !Double.isNaN(r)).average().orElse(0);
  }

  /** The class with the most examples in {@code train} (the lowest index on a tie). */
  public static int majorityClass(Dataset train) {
    int[] counts = train.classCounts();
    int best = 0;
    for (int c = 1; c < counts.length; c++) {
      if (counts[c] > counts[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The evaluation on {@code test} of the rule "always predict the majority class of {@code
   * train}": probability 1 for that class, 0 for the others.
   */
  public static Evaluation majorityBaseline(Dataset train, Dataset test) {
    train.requireCompatible(test, "test set");
    int majority = majorityClass(train);
    INDArray p = Nd4j.zeros(DataType.FLOAT, test.size(), test.numClasses()); // [n, k]
    p.getColumn(majority).assign(1.0);
    return Evaluation.of(p, test.labels(), test.labelNames());
  }
}
