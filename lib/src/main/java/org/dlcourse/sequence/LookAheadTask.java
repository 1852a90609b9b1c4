package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sequence labelling that needs the future: the label of step {@code t} is {@code max(x[t],
 * x[t+1])}, the larger of the symbol there and the <b>next</b> one.
 *
 * <p>Symbols are {@code 0 … numSymbols-1}, drawn uniformly; lengths vary between {@code minLength}
 * and {@code maxLength}, so batches are padded and masked. The last step has no next symbol and no
 * label (tag {@code -1}, masked out).
 *
 * <p>A network reading left to right sees {@code x[t]} but not {@code x[t+1]} when it must answer.
 * Its best possible accuracy is {@link #oneDirectionalLimit()}: having seen {@code x[t] = k}, the
 * label is {@code k} with probability {@code (k+1)/K} and each larger value with probability {@code
 * 1/K}, so the best guess, {@code k}, is right with probability {@code (k+1)/K}. A bidirectional
 * network sees both symbols and can reach 1.
 *
 * @param numSymbols number of symbols {@code K} (also the number of classes)
 * @param minLength shortest sequence (>= 2)
 * @param maxLength longest sequence
 */
public record LookAheadTask(int numSymbols, int minLength, int maxLength) {

  /** Rejects sizes that make no task. */
  public LookAheadTask {
    if (numSymbols < 2 || minLength < 2 || maxLength < minLength) {
      throw new IllegalArgumentException(
          String.format(
              "expected numSymbols >= 2 and 2 <= minLength <= maxLength but got %d, %d, %d",
              numSymbols, minLength, maxLength));
    }
  }

  /** The task with these sizes. */
  public static LookAheadTask of(int numSymbols, int minLength, int maxLength) {
    return new LookAheadTask(numSymbols, minLength, maxLength);
  }

  /**
   * The best accuracy any left-to-right model can reach, per labelled step: {@code (1/K) Σ_k
   * (k+1)/K = (K+1)/(2K)}, e.g. 0.625 for 4 symbols.
   */
  public double oneDirectionalLimit() {
    double sum = 0;
    for (int k = 0; k < numSymbols; k++) {
      sum += (k + 1.0) / numSymbols; // having seen k, guess k: right when x[t+1] <= k
    }
    return sum / numSymbols;
  }

  /** The label of every step of {@code s}: {@code max(s[t], s[t+1])}, and -1 for the last step. */
  public static int[] tags(int[] s) {
    int[] tags = new int[s.length];
    for (int t = 0; t < s.length; t++) {
      tags[t] = t + 1 < s.length ? Math.max(s[t], s[t + 1]) : -1;
    }
    return tags;
  }

  /** {@code n} random sequences with their per-step labels, reproducible from {@code seed}. */
  public SequenceBatch sample(int n, long seed) {
    Random random = new Random(seed);
    List<int[]> inputs = new ArrayList<>(n);
    List<int[]> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[] s = new int[minLength + random.nextInt(maxLength - minLength + 1)];
      for (int t = 0; t < s.length; t++) {
        s[t] = random.nextInt(numSymbols);
      }
      inputs.add(s);
      tags.add(tags(s));
    }
    return SequenceBatch.tagging(inputs, numSymbols, tags, numSymbols);
  }
}
