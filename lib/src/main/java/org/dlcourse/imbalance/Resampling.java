package org.dlcourse.imbalance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.dlcourse.data.Dataset;

/**
 * Changes how often each class occurs in a training set: keep only a few examples of one class (to
 * study under-representation), or repeat the rare classes until every class is as frequent as the
 * most frequent one (oversampling, a remedy).
 *
 * <pre>{@code
 * Dataset scarce = Resampling.subsampleClass(train, 2, 60, seed); // 60 pullovers, other classes all
 * Dataset balanced = Resampling.oversample(scarce, seed);         // pullovers drawn again and again
 * }</pre>
 */
public final class Resampling {

  private Resampling() {}

  /**
   * {@code data} with only {@code keep} examples of class {@code cls} (a random choice from {@code
   * seed}), every example of the other classes, in the original order.
   */
  public static Dataset subsampleClass(Dataset data, int cls, int keep, long seed) {
    requireClass(data, cls);
    int[] labels = data.labelIndices();
    List<Integer> ofClass = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == cls) {
        ofClass.add(i);
      }
    }
    if (keep < 0 || keep > ofClass.size()) {
      throw new IllegalArgumentException(
          "can keep between 0 and "
              + ofClass.size()
              + " examples of class "
              + data.labelNames().get(cls)
              + " but was asked for "
              + keep);
    }
    java.util.Collections.shuffle(ofClass, new Random(seed));
    boolean[] kept = new boolean[labels.length];
    Arrays.fill(kept, true);
    for (int j = keep; j < ofClass.size(); j++) {
      kept[ofClass.get(j)] = false;
    }
    return data.select(indicesOf(kept));
  }

  /**
   * {@code data} plus, for every class with fewer examples than the largest class, extra copies of
   * its examples drawn with replacement (from {@code seed}) until it has as many; the copies are
   * appended at the end (the trainer shuffles every epoch). A class with no example stays empty.
   */
  public static Dataset oversample(Dataset data, long seed) {
    int[] labels = data.labelIndices();
    int[] counts = data.classCounts();
    int target = Arrays.stream(counts).max().orElse(0);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    Random random = new Random(seed);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(i);
    }
    for (List<Integer> members : byClass) {
      for (int extra = members.size(); extra < target && !members.isEmpty(); extra++) {
        rows.add(members.get(random.nextInt(members.size())));
      }
    }
    return data.select(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int[] indicesOf(boolean[] kept) {
    int[] out = new int[kept.length];
    int n = 0;
    for (int i = 0; i < kept.length; i++) {
      if (kept[i]) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  static void requireClass(Dataset data, int cls) {
    if (cls < 0 || cls >= data.numClasses()) {
      throw new IllegalArgumentException(
          "the class must be in [0, "
              + data.numClasses()
              + ") but was "
              + cls
              + "; pass the index of one of "
              + data.labelNames());
    }
  }
}
