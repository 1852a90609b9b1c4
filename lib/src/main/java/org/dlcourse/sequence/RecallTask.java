package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Long-range memory: recall the first symbol of a sequence after {@code distance} more symbols.
 *
 * <p>A sequence is {@code distance + 1} steps long, every step one of {@code numKeys} symbols drawn
 * uniformly. Step 0 also carries a <b>marker</b> (an extra input channel that is 1 there and 0
 * elsewhere). The label, read at the last step, is the symbol of step 0. The later steps use the
 * same symbols, so a network cannot simply ignore them: it must store the first symbol and keep it
 * while the same input channels keep changing. Nothing after step 0 carries information about the
 * label, so a network that forgot step 0 is at chance, {@code 1 / numKeys}.
 *
 * <pre>{@code
 * RecallTask task = RecallTask.of(4, 20);            // 4 symbols, the answer 20 steps back
 * SequenceBatch train = task.sample(2_000, seed);   // features [2000, 5, 21], labels [2000, 4]
 * }</pre>
 *
 * @param numKeys number of symbols (and classes)
 * @param distance number of steps between the remembered symbol and the last step
 */
public record RecallTask(int numKeys, int distance) {

  /** Rejects sizes that make no task. */
  public RecallTask {
    if (numKeys < 2 || distance < 0) {
      throw new IllegalArgumentException(
          String.format(
              "expected numKeys >= 2 and distance >= 0 but got %d and %d", numKeys, distance));
    }
  }

  /** The task with these sizes. */
  public static RecallTask of(int numKeys, int distance) {
    return new RecallTask(numKeys, distance);
  }

  /** Size of the input per step: one channel per symbol plus the marker channel. */
  public int numInputs() {
    return numKeys + 1;
  }

  /** Accuracy of guessing, {@code 1 / numKeys}. */
  public double chance() {
    return 1.0 / numKeys;
  }

  /** {@code n} random sequences, reproducible from {@code seed}. */
  public SequenceBatch sample(int n, long seed) {
    Random random = new Random(seed);
    List<int[]> inputs = new ArrayList<>(n);
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      int[] s = new int[distance + 1];
      for (int t = 0; t <= distance; t++) {
        s[t] = random.nextInt(numKeys);
      }
      keys[i] = s[0];
      inputs.add(s);
    }
    SequenceBatch batch = SequenceBatch.classification(inputs, numInputs(), keys, numKeys);
    // the marker: channel numKeys is 1 at step 0 of every sequence
    batch
        .features()
        .get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.point(numKeys),
            org.nd4j.linalg.indexing.NDArrayIndex.point(0))
        .assign(1);
    return batch;
  }
}
