package org.dlcourse.shift;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.train.Evaluation;

/**
 * A trained model's accuracy on a test set shifted with growing strength: the benchmark number
 * ({@code s = 0}) against what the same model does when the world looks a little different.
 *
 * <pre>{@code
 * Map<String, double[]> curves = ShiftSweep.accuracy(model, test, strengths, seed); // one per shift
 * }</pre>
 */
public final class ShiftSweep {

  private ShiftSweep() {}

  /**
   * Accuracy of {@code model} on {@code test} (images {@code [n, c, h, w]}) under {@code shift} at
   * each of {@code strengths}: {@code result[i]} belongs to {@code strengths[i]}.
   */
  public static double[] accuracy(
      Model model, Dataset test, Corruption shift, double[] strengths, long seed) {
    Planes.requireImages(test.features());
    double[] accuracy = new double[strengths.length];
    for (int i = 0; i < strengths.length; i++) {
      Dataset shifted =
          Dataset.of(
              shift.apply(test.features(), strengths[i], seed), test.labels(), test.labelNames());
      accuracy[i] = Evaluation.of(model, shifted).accuracy();
    }
    return accuracy;
  }

  /** {@link #accuracy} for every {@link Corruption}, keyed by its label, in declaration order. */
  public static Map<String, double[]> accuracy(
      Model model, Dataset test, double[] strengths, long seed) {
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (Corruption shift : Corruption.values()) {
      curves.put(shift.label(), accuracy(model, test, shift, strengths, seed));
    }
    return curves;
  }
}
