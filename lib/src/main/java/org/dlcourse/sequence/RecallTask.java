package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Long-range memory: recall the marked symbol of a sequence after {@code distance} more symbols.
 *
 * <p>A sequence is {@code lead + distance + 1} steps long, every step one of {@code numKeys}
 * symbols drawn uniformly. Step {@code lead} (the <b>key</b>; step 0 unless a lead is given) also
 * carries a <b>marker</b> (an extra input channel that is 1 there and 0 elsewhere). The label, read
 * at the last step, is the key's symbol. The other steps use the same symbols, so a network cannot
 * simply ignore them: it must store the key and keep it while the same input channels keep
 * changing. Nothing but the key carries information about the label, so a network that forgot it is
 * at chance, {@code 1 / numKeys}. A lead of a few symbols before the key means the state is no
 * longer at its start value {@code h = 0} when the key arrives: the network must pick the key out
 * by its marker, not by its being first.
 *
 * <pre>{@code
 * RecallTask task = RecallTask.of(4, 20);            // 4 symbols, the answer 20 steps back
 * SequenceBatch train = task.sample(2_000, seed);   // features [2000, 5, 21], labels [2000, 4]
 * RecallTask.of(4, 20, 5).sample(10, seed);         // 5 symbols, then the key, then 20 more
 * }</pre>
 *
 * @param numKeys number of symbols (and classes)
 * @param distance number of steps between the key and the last step
 * @param lead number of steps before the key
 */
public record RecallTask(int numKeys, int distance, int lead) {

  /** Rejects sizes that make no task. */
  public RecallTask {
    if (numKeys < 2 || distance < 0 || lead < 0) {
      throw new IllegalArgumentException(
          String.format(
              "expected numKeys >= 2, distance >= 0 and lead >= 0 but got %d, %d and %d",
              numKeys, distance, lead));
    }
  }

  /** The task with these sizes, the key at step 0. */
  public static RecallTask of(int numKeys, int distance) {
    return new RecallTask(numKeys, distance, 0);
  }

  /** The task with these sizes, the key at step {@code lead}. */
  public static RecallTask of(int numKeys, int distance, int lead) {
    return new RecallTask(numKeys, distance, lead);
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
      int[] s = new int[lead + distance + 1];
      for (int t = 0; t < s.length; t++) {
        s[t] = random.nextInt(numKeys);
      }
      keys[i] = s[lead];
      inputs.add(s);
    }
    SequenceBatch batch = SequenceBatch.classification(inputs, numInputs(), keys, numKeys);
    // the marker: channel numKeys is 1 at step lead of every sequence
    batch
        .features()
        .get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.point(numKeys),
            org.nd4j.linalg.indexing.NDArrayIndex.point(lead))
        .assign(1);
    return batch;
  }
}
