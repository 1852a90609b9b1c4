package org.dlcourse.attention;

import java.util.Random;
import org.dlcourse.sequence.SequenceBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Key-value retrieval, a task made for attention: a sequence of {@code numPairs} (key, value)
 * pairs, then a query key; the answer is the value stored next to that key.
 *
 * <p>Each of the first {@code numPairs} positions holds a key (one of {@code numKeys}, all
 * different within a sequence) and a value (one of {@code numValues}, drawn independently). The
 * last position holds the query: one of the sequence's keys, in its own input channels. The label,
 * read at the last position only, is the value paired with the query key. Input channels per
 * position:
 *
 * <pre>
 *   [0, K)          key one-hot            (pair positions)
 *   [K, K+V)        value one-hot          (pair positions)
 *   [K+V, 2K+V)     query-key one-hot      (last position)
 * </pre>
 *
 * A network that finds the matching key can copy its value; one that must remember every pair in a
 * fixed-size state (an LSTM) has to store {@code numPairs} values at once. Guessing without the
 * right pair is right with probability {@code 1 / numValues}.
 *
 * <pre>{@code
 * KeyValueTask task = KeyValueTask.of(8, 8, 6);      // 8 keys, 8 values, 6 pairs + 1 query = 7 steps
 * KeyValueTask.Sample s = task.sample(2_000, seed);  // s.batch().features() [2000, 24, 7]
 * }</pre>
 *
 * @param numKeys number of different keys {@code K} (>= numPairs)
 * @param numValues number of different values {@code V} (the classes)
 * @param numPairs pairs per sequence {@code P}; sequences are {@code P + 1} steps long
 */
public record KeyValueTask(int numKeys, int numValues, int numPairs) {

  /** Rejects sizes that make no task. */
  public KeyValueTask {
    if (numValues < 2 || numPairs < 1 || numKeys < numPairs) {
      throw new IllegalArgumentException(
          String.format(
              "expected numValues >= 2 and 1 <= numPairs <= numKeys (keys are distinct within a"
                  + " sequence) but got numKeys %d, numValues %d, numPairs %d",
              numKeys, numValues, numPairs));
    }
  }

  /** The task with these sizes. */
  public static KeyValueTask of(int numKeys, int numValues, int numPairs) {
    return new KeyValueTask(numKeys, numValues, numPairs);
  }

  /** Input channels per position: {@code 2 K + V}. */
  public int numInputs() {
    return 2 * numKeys + numValues;
  }

  /** Steps per sequence: {@code P + 1} (the pairs, then the query). */
  public int length() {
    return numPairs + 1;
  }

  /** Accuracy of guessing, {@code 1 / V}. */
  public double chance() {
    return 1.0 / numValues;
  }

  /**
   * Sequences with their labels and, for each, the position of the pair the query asks for (where
   * attention should look).
   *
   * @param batch features {@code [n, 2K+V, P+1]}, labels {@code [n, V, P+1]} set only at the last
   *     step, label mask {@code [n, P+1]} with a 1 only at the last step
   * @param answerPositions per sequence, the index in {@code [0, P)} of the matching pair
   */
  public record Sample(SequenceBatch batch, int[] answerPositions) {}

  /** {@code n} random sequences, reproducible from {@code seed}. */
  public Sample sample(int n, long seed) {
    if (n <= 0) {
      throw new IllegalArgumentException("expected n > 0 sequences but got " + n);
    }
    Random random = new Random(seed);
    int last = numPairs;
    INDArray x = Nd4j.zeros(DataType.FLOAT, n, numInputs(), length()); // [n, 2K+V, P+1]
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, numValues, length()); // [n, V, P+1]
    INDArray labelMask = Nd4j.zeros(DataType.FLOAT, n, length()); // [n, P+1]
    int[] answers = new int[n];
    for (int i = 0; i < n; i++) {
      int[] keys = distinctKeys(random);
      int[] values = new int[numPairs];
      for (int p = 0; p < numPairs; p++) {
        values[p] = random.nextInt(numValues);
        x.putScalar(new long[] {i, keys[p], p}, 1);
        x.putScalar(new long[] {i, numKeys + values[p], p}, 1);
      }
      answers[i] = random.nextInt(numPairs);
      x.putScalar(new long[] {i, numKeys + numValues + keys[answers[i]], last}, 1);
      y.putScalar(new long[] {i, values[answers[i]], last}, 1);
      labelMask.putScalar(i, last, 1);
    }
    return new Sample(new SequenceBatch(x, y, null, labelMask), answers);
  }

  /** The first {@code P} entries of a random permutation of the keys (a partial shuffle). */
  private int[] distinctKeys(Random random) {
    int[] all = new int[numKeys];
    for (int k = 0; k < numKeys; k++) {
      all[k] = k;
    }
    for (int p = 0; p < numPairs; p++) {
      int j = p + random.nextInt(numKeys - p);
      int swap = all[p];
      all[p] = all[j];
      all[j] = swap;
    }
    return java.util.Arrays.copyOf(all, numPairs);
  }
}
