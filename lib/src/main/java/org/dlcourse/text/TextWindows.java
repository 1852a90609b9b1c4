package org.dlcourse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Next-character prediction as minibatches: a window of {@code T} characters as input, the same
 * window shifted by one character as the labels.
 *
 * <p>For a window starting at {@code s}, step {@code t} reads {@code x_t = text[s + t]} and its
 * label is {@code y_t = text[s + t + 1]}, for {@code t = 0 … T-1}. Both are one-hot: features and
 * labels of {@code B} windows are {@code [B, V, T]} (DL4J's {@code [batch, features, time]}), built
 * only when a minibatch is asked for (the whole corpus one-hot would take {@code 4 V} bytes per
 * character).
 *
 * <pre>{@code
 * TextWindows windows = TextWindows.of(vocab.encode(train), vocab.size(), 64);
 * DataSet batch = windows.randomBatch(64, random);   // features, labels [64, V, 64]
 * List<DataSet> all = windows.consecutive(128);      // non-overlapping windows, for evaluation
 * }</pre>
 */
public final class TextWindows {

  private final int[] text;
  private final int vocabSize;
  private final int length;

  private TextWindows(int[] text, int vocabSize, int length) {
    this.text = text;
    this.vocabSize = vocabSize;
    this.length = length;
  }

  /**
   * Windows of {@code length} characters over {@code text} (indices in {@code [0, vocabSize)}).
   *
   * @throws IllegalArgumentException if the text is shorter than one window plus its label
   */
  public static TextWindows of(int[] text, int vocabSize, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("window length must be >= 1 but was " + length);
    }
    if (text.length < length + 1) {
      throw new IllegalArgumentException(
          "a window of "
              + length
              + " characters needs a text of at least "
              + (length + 1)
              + " characters (the labels are shifted by one) but got "
              + text.length
              + "; use a shorter window or more text");
    }
    for (int i = 0; i < text.length; i++) {
      if (text[i] < 0 || text[i] >= vocabSize) {
        throw new IllegalArgumentException(
            "character "
                + i
                + " has index "
                + text[i]
                + " but the vocabulary has "
                + vocabSize
                + " symbols; encode the text with the same CharVocabulary");
      }
    }
    return new TextWindows(text.clone(), vocabSize, length);
  }

  /** The window length {@code T}. */
  public int length() {
    return length;
  }

  /** The vocabulary size {@code V}. */
  public int vocabSize() {
    return vocabSize;
  }

  /** The number of characters of text. */
  public int textLength() {
    return text.length;
  }

  /** The minibatch of the windows starting at {@code starts}: features, labels [B, V, T]. */
  public DataSet batch(int[] starts) {
    int b = starts.length;
    float[] x = new float[b * vocabSize * length];
    float[] y = new float[b * vocabSize * length];
    for (int i = 0; i < b; i++) {
      int s = starts[i];
      if (s < 0 || s + length >= text.length) {
        throw new IllegalArgumentException(
            "window start "
                + s
                + " is out of range [0, "
                + (text.length - length - 1)
                + "] for windows of "
                + length
                + " characters over "
                + text.length);
      }
      for (int t = 0; t < length; t++) {
        // C order of [B, V, T]: element (i, v, t) sits at (i * V + v) * T + t
        x[(i * vocabSize + text[s + t]) * length + t] = 1f;
        y[(i * vocabSize + text[s + t + 1]) * length + t] = 1f;
      }
    }
    long[] shape = {b, vocabSize, length};
    return new DataSet(
        Nd4j.create(x, shape, 'c'), // float32
        Nd4j.create(y, shape, 'c'));
  }

  /** {@code batchSize} windows at start positions drawn uniformly from {@code random}. */
  public DataSet randomBatch(int batchSize, Random random) {
    int[] starts = new int[batchSize];
    int range = text.length - length; // starts 0 … text.length - length - 1
    for (int i = 0; i < batchSize; i++) {
      starts[i] = random.nextInt(range);
    }
    return batch(starts);
  }

  /**
   * Non-overlapping windows at starts {@code 0, T, 2T, …}, in minibatches of at most {@code
   * batchSize}: every character but the last few is predicted exactly once.
   */
  public List<DataSet> consecutive(int batchSize) {
    int count = (text.length - 1) / length;
    List<DataSet> batches = new ArrayList<>();
    for (int first = 0; first < count; first += batchSize) {
      int[] starts = new int[Math.min(batchSize, count - first)];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = (first + i) * length;
      }
      batches.add(batch(starts));
    }
    return batches;
  }

  @Override
  public String toString() {
    return "TextWindows("
        + text.length
        + " characters, windows of "
        + length
        + ", vocabulary "
        + vocabSize
        + ")";
  }
}
