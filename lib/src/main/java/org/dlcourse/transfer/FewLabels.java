package org.dlcourse.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlcourse.data.Dataset;

/**
 * Training sets with a fixed number of labelled examples per class, the x-axis of a transfer
 * experiment ("accuracy against labels per class"). Used in notebook 08 ({@code
 * 08-transfer-learning}).
 *
 * <pre>{@code
 * Dataset five = FewLabels.perClass(pool, 5, Seed.derive(1)); // 5 examples of each class
 * }</pre>
 */
public final class FewLabels {

  private FewLabels() {}

  /**
   * {@code k} examples of every class of {@code data}, drawn at random with {@code seed}, in a
   * random order; {@code k * numClasses} examples in all.
   *
   * @throws IllegalArgumentException if a class has fewer than {@code k} examples
   */
  public static Dataset perClass(Dataset data, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k (examples per class) must be >= 1 but was " + k);
    }
    int[] counts = data.classCounts();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < k) {
        throw new IllegalArgumentException(
            "asked for "
                + k
                + " examples per class but class "
                + data.labelNames().get(c)
                + " has only "
                + counts[c]
                + " (class counts "
                + Arrays.toString(counts)
                + "); use k <= "
                + Arrays.stream(counts).min().getAsInt());
      }
    }
    Dataset shuffled = data.shuffle(seed);
    int[] labels = shuffled.labelIndices();
    int[] taken = new int[counts.length];
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (taken[labels[i]] < k) {
        taken[labels[i]]++;
        chosen.add(i);
      }
    }
    return shuffled.select(chosen.stream().mapToInt(Integer::intValue).toArray());
  }
}
