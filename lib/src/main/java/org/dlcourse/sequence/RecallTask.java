package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Long-range memory: recall the first symbol of a sequence after {@code distance} distractors.
 *
 * <p>A sequence is {@code distance + 1} steps long. Step 0 holds the <b>key</b>, one of {@code
 * numKeys} symbols {@code 0 … numKeys-1}; steps {@code 1 … distance} hold distractors drawn
 * uniformly from {@code numDistractors} other symbols {@code numKeys …}. The label, to be read at the
 * last step, is the key. Nothing after step 0 carries information about it, so a network that
 * forgets step 0 is at chance, {@code 1 / numKeys}.
 *
 * <pre>{@code
 * RecallTask task = RecallTask.of(4, 4, 20);            // 4 keys, 4 distractor symbols, 20 steps back
 * SequenceBatch train = task.sample(2_000, seed);      // features [2000, 8, 21], labels [2000, 4]
 * }</pre>
 *
 * @param numKeys number of key symbols (classes)
 * @param numDistractors number of distractor symbols
 * @param distance number of distractor steps between the key and the end
 */
public record RecallTask(int numKeys, int numDistractors, int distance) {

  /** Rejects sizes that make no task. */
  public RecallTask {
    if (numKeys < 2 || numDistractors < 1 || distance < 0) {
      throw new IllegalArgumentException(
          String.format(
              "expected numKeys >= 2, numDistractors >= 1, distance >= 0 but got %d, %d, %d",
              numKeys, numDistractors, distance));
    }
  }

  /** The task with these sizes. */
  public static RecallTask of(int numKeys, int numDistractors, int distance) {
    return new RecallTask(numKeys, numDistractors, distance);
  }

  /** Size of the one-hot input: keys and distractors. */
  public int numSymbols() {
    return numKeys + numDistractors;
  }

  /** Accuracy of guessing, {@code 1 / numKeys}. */
  public double chance() {
    return 1.0 / numKeys;
  }

  /** {@code n} random sequences, reproducible from {@code seed}; keys are balanced in expectation. */
  public SequenceBatch sample(int n, long seed) {
    Random random = new Random(seed);
    List<int[]> inputs = new ArrayList<>(n);
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      int[] s = new int[distance + 1];
      keys[i] = random.nextInt(numKeys);
      s[0] = keys[i];
      for (int t = 1; t <= distance; t++) {
        s[t] = numKeys + random.nextInt(numDistractors);
      }
      inputs.add(s);
    }
    return SequenceBatch.classification(inputs, numSymbols(), keys, numKeys);
  }
}
