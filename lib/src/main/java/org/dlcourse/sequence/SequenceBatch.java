package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A batch of symbol sequences, one-hot encoded and padded at the end, with its labels and masks.
 *
 * <p>Shapes (DL4J's batch-major recurrent layout, {@code n} sequences, longest {@code T} steps):
 *
 * <ul>
 *   <li>{@code features} {@code [n, numSymbols, T]}: one-hot symbols, zeros at padded steps;
 *   <li>{@code labels} {@code [n, numClasses]} for one label per sequence, or {@code [n,
 *       numClasses, T]} for one label per step;
 *   <li>{@code featureMask} {@code [n, T]}: 1 at real steps, 0 at padding; {@code null} when all
 *       sequences have the same length;
 *   <li>{@code labelMask} {@code [n, T]} for per-step labels (0 where a step has no label), {@code
 *       null} otherwise.
 * </ul>
 *
 * <pre>{@code
 * SequenceBatch b = SequenceBatch.classification(List.of(new int[] {2, 0, 1}, new int[] {3}), 4,
 *     new int[] {1, 0}, 2);           // features [2, 4, 3], featureMask [[1,1,1],[1,0,0]]
 * }</pre>
 */
public record SequenceBatch(
    INDArray features, INDArray labels, INDArray featureMask, INDArray labelMask) {

  /** Rejects arrays whose shapes do not fit together, naming the shapes. */
  public SequenceBatch {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    if (features.rank() != 3) {
      throw new IllegalArgumentException(
          "expected features of shape [batch, features, time] but got "
              + Arrays.toString(features.shape())
              + "; DL4J's recurrent layers read batch-major arrays (use x.reshape(n, f, T))");
    }
    long n = features.size(0);
    long time = features.size(2);
    if (labels.size(0) != n || (labels.rank() == 3 && labels.size(2) != time)) {
      throw new IllegalArgumentException(
          "labels "
              + Arrays.toString(labels.shape())
              + " do not fit features "
              + Arrays.toString(features.shape())
              + ": expected [n, classes] or [n, classes, T] with n = "
              + n
              + " and T = "
              + time);
    }
    requireMask(featureMask, n, time, "featureMask");
    requireMask(labelMask, n, time, "labelMask");
  }

  private static void requireMask(INDArray mask, long n, long time, String what) {
    if (mask != null && (mask.rank() != 2 || mask.size(0) != n || mask.size(1) != time)) {
      throw new IllegalArgumentException(
          "expected "
              + what
              + " of shape [n, T] = ["
              + n
              + ", "
              + time
              + "] but got "
              + Arrays.toString(mask.shape()));
    }
  }

  /**
   * One label per sequence: {@code labels[i]} in {@code [0, numClasses)} for {@code inputs.get(i)}.
   * Sequences of different lengths are padded at the end and get a feature mask.
   */
  public static SequenceBatch classification(
      List<int[]> inputs, int numSymbols, int[] labels, int numClasses) {
    requireSameCount(inputs, labels.length, "labels");
    INDArray y = Nd4j.zeros(DataType.FLOAT, inputs.size(), numClasses); // [n, classes]
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, checkSymbol(labels[i], numClasses, "label"), 1);
    }
    return new SequenceBatch(
        oneHot(inputs, numSymbols), y, maskOrNull(inputs, maxLength(inputs)), null);
  }

  /**
   * One label per step: {@code tags.get(i)[t]} labels step {@code t} of {@code inputs.get(i)}; a
   * tag of {@code -1} means "no label here" (masked out of the loss and the accuracy).
   */
  public static SequenceBatch tagging(
      List<int[]> inputs, int numSymbols, List<int[]> tags, int numClasses) {
    requireSameCount(inputs, tags.size(), "tag sequences");
    int time = maxLength(inputs);
    INDArray y = Nd4j.zeros(DataType.FLOAT, inputs.size(), numClasses, time); // [n, classes, T]
    INDArray labelMask = Nd4j.zeros(DataType.FLOAT, inputs.size(), time); // [n, T]
    for (int i = 0; i < inputs.size(); i++) {
      int[] tag = tags.get(i);
      if (tag.length != inputs.get(i).length) {
        throw new IllegalArgumentException(
            "sequence "
                + i
                + " has "
                + inputs.get(i).length
                + " steps but "
                + tag.length
                + " tags; give one tag per step (-1 for no label)");
      }
      for (int t = 0; t < tag.length; t++) {
        if (tag[t] >= 0) {
          y.putScalar(new long[] {i, checkSymbol(tag[t], numClasses, "tag"), t}, 1);
          labelMask.putScalar(i, t, 1);
        }
      }
    }
    return new SequenceBatch(oneHot(inputs, numSymbols), y, maskOrNull(inputs, time), labelMask);
  }

  /** One-hot encoding, padded at the end: {@code [n, numSymbols, T]}. */
  static INDArray oneHot(List<int[]> inputs, int numSymbols) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("expected at least one sequence but got none");
    }
    INDArray x = Nd4j.zeros(DataType.FLOAT, inputs.size(), numSymbols, maxLength(inputs));
    for (int i = 0; i < inputs.size(); i++) {
      int[] s = inputs.get(i);
      for (int t = 0; t < s.length; t++) {
        x.putScalar(new long[] {i, checkSymbol(s[t], numSymbols, "symbol"), t}, 1);
      }
    }
    return x;
  }

  private static INDArray maskOrNull(List<int[]> inputs, int time) {
    if (inputs.stream().allMatch(s -> s.length == time)) {
      return null; // no padding: DL4J needs no mask
    }
    INDArray mask = Nd4j.zeros(DataType.FLOAT, inputs.size(), time); // [n, T]
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).length > 0) {
        mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, inputs.get(i).length)).assign(1);
      }
    }
    return mask;
  }

  private static int maxLength(List<int[]> inputs) {
    int time = inputs.stream().mapToInt(s -> s.length).max().orElse(0);
    if (time == 0) {
      throw new IllegalArgumentException("every sequence is empty; a sequence needs >= 1 step");
    }
    return time;
  }

  private static int checkSymbol(int symbol, int count, String what) {
    if (symbol < 0 || symbol >= count) {
      throw new IllegalArgumentException(
          what + " " + symbol + " is outside [0, " + count + "); raise the count or fix the data");
    }
    return symbol;
  }

  private static void requireSameCount(List<int[]> inputs, int count, String what) {
    Objects.requireNonNull(inputs, "inputs must not be null");
    if (inputs.size() != count) {
      throw new IllegalArgumentException(
          "expected one entry of "
              + what
              + " per sequence: "
              + inputs.size()
              + " sequences but "
              + count
              + " "
              + what);
    }
  }

  /** Number of sequences. */
  public int size() {
    return (int) features.size(0);
  }

  /** Length {@code T} of the longest sequence (the time dimension of the arrays). */
  public int timeSteps() {
    return (int) features.size(2);
  }

  /** Whether there is one label per step (a tagging task). */
  public boolean perStep() {
    return labels.rank() == 3;
  }

  /** The same data as a DL4J {@code DataSet} (features, labels and both masks). */
  public DataSet toDataSet() {
    return new DataSet(features, labels, featureMask, labelMask);
  }

  /** Sequences {@code [from, to)} as a new batch (views copied). */
  public SequenceBatch subset(int from, int to) {
    if (from < 0 || to > size() || from >= to) {
      throw new IllegalArgumentException(
          "expected 0 <= from < to <= " + size() + " but got from = " + from + ", to = " + to);
    }
    return new SequenceBatch(
        rowsOf(features, from, to),
        rowsOf(labels, from, to),
        featureMask == null ? null : rowsOf(featureMask, from, to),
        labelMask == null ? null : rowsOf(labelMask, from, to));
  }

  private static INDArray rowsOf(INDArray a, int from, int to) {
    return a.get(NDArrayIndex.interval(from, to)).dup();
  }

  /** Minibatches of {@code batchSize} sequences in an order shuffled by {@code seed}. */
  public List<DataSet> minibatches(int batchSize, long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0 but was " + batchSize);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(seed));
    List<DataSet> batches = new ArrayList<>();
    for (int from = 0; from < size(); from += batchSize) {
      int[] rows =
          order.subList(from, Math.min(size(), from + batchSize)).stream()
              .mapToInt(i -> i)
              .toArray();
      batches.add(pick(rows).toDataSet());
    }
    return batches;
  }

  /** The sequences at {@code rows}, in that order. */
  public SequenceBatch pick(int[] rows) {
    return new SequenceBatch(
        rowsOf(features, rows),
        rowsOf(labels, rows),
        featureMask == null ? null : rowsOf(featureMask, rows),
        labelMask == null ? null : rowsOf(labelMask, rows));
  }

  /** Rows {@code rows} of {@code a} along dimension 0, for arrays of any rank. */
  private static INDArray rowsOf(INDArray a, int[] rows) {
    long[] shape = a.shape().clone();
    shape[0] = rows.length;
    INDArray out = Nd4j.create(a.dataType(), shape);
    for (int j = 0; j < rows.length; j++) {
      out.slice(j).assign(a.slice(rows[j]));
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(
        "SequenceBatch: %d sequences, features %s, labels %s%s%s",
        size(),
        Arrays.toString(features.shape()),
        Arrays.toString(labels.shape()),
        featureMask == null ? "" : ", padded (featureMask)",
        labelMask == null ? "" : ", labelMask");
  }
}
