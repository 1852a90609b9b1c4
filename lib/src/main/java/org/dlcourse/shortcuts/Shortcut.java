package org.dlcourse.shortcuts;

import java.util.Random;
import org.dlcourse.data.Dataset;

/**
 * Plants a spurious cue in a data set so that it predicts one class, and builds the test sets that
 * expose a model relying on it: the cue removed, and the cue reversed.
 *
 * <pre>{@code
 * Dataset cued = Shortcut.plant(train, cue, 1, 1.0, seed);  // every class-1 image marked, no other
 * Dataset none = Shortcut.remove(test, cue);                // the mark's pixels set to background
 * Dataset flipped = Shortcut.reverse(test, cue, 1);        // the mark on every image EXCEPT class 1
 * }</pre>
 *
 * <p>With agreement {@code a}, an example of the cue class carries the mark with probability {@code
 * a} and any other example with probability {@code 1 - a}: at {@code a = 1} the mark alone gives
 * the label, at {@code a = 1/2} it says nothing.
 */
public final class Shortcut {

  private Shortcut() {}

  /**
   * A copy of {@code data} (images {@code [n, c, h, w]}) with the cue on each example of class
   * {@code cueClass} with probability {@code agreement}, on every other example with probability
   * {@code 1 - agreement}; the draws come from {@code seed}. Labels unchanged.
   */
  public static Dataset plant(
      Dataset data, CornerCue cue, int cueClass, double agreement, long seed) {
    requireClass(data, cueClass);
    if (!(agreement >= 0 && agreement <= 1)) {
      throw new IllegalArgumentException(
          "the cue's agreement with the label is a probability in [0, 1] but was " + agreement);
    }
    int[] labels = data.labelIndices();
    boolean[] which = new boolean[labels.length];
    Random random = new Random(seed);
    for (int i = 0; i < labels.length; i++) {
      double p = labels[i] == cueClass ? agreement : 1 - agreement;
      which[i] = random.nextDouble() < p;
    }
    return Dataset.of(cue.stamp(data.features(), which), data.labels(), data.labelNames());
  }

  /** The cue on every example <em>not</em> of {@code cueClass}, none on that class. */
  public static Dataset reverse(Dataset data, CornerCue cue, int cueClass) {
    return plant(data, cue, cueClass, 0.0, 0);
  }

  /** The cue's pixels set to background (0) on every example. */
  public static Dataset remove(Dataset data, CornerCue cue) {
    return Dataset.of(cue.erase(data.features()), data.labels(), data.labelNames());
  }

  private static void requireClass(Dataset data, int cueClass) {
    if (cueClass < 0 || cueClass >= data.numClasses()) {
      throw new IllegalArgumentException(
          "the cue class must be in [0, "
              + data.numClasses()
              + ") but was "
              + cueClass
              + "; pass the index of one of "
              + data.labelNames());
    }
  }
}
