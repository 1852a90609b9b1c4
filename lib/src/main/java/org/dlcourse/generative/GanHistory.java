package org.dlcourse.generative;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link Gan} recorded: both losses at every step and the generator's samples of a fixed
 * batch of noise every few steps.
 *
 * @param discriminatorLoss D's loss per step, {@code -[log D(x) + log(1 - D(G(z)))] / 2}
 * @param generatorLoss G's non-saturating loss per step, {@code -log D(G(z))}
 * @param snapshots G's samples of the same noise, from step 0 (untrained) on
 */
public record GanHistory(
    double[] discriminatorLoss, double[] generatorLoss, List<Snapshot> snapshots) {

  /**
   * G's samples at one step.
   *
   * @param step the number of training steps done when the samples were drawn
   * @param samples {@code [numSamples, d]}
   */
  public record Snapshot(int step, INDArray samples) {}

  /** The number of steps recorded. */
  public int steps() {
    return discriminatorLoss.length;
  }

  /** Step numbers 1..steps, as doubles for plotting. */
  public double[] stepAxis() {
    double[] x = new double[steps()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  /**
   * The running mean of {@code values} over the last {@code window} steps (fewer at the start): raw
   * GAN losses jump from batch to batch.
   */
  public static double[] smoothed(double[] values, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    double[] out = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      out[i] = sum / Math.min(i + 1, window);
    }
    return out;
  }

  /** The mean of {@code values[from..to)}. */
  public static double mean(double[] values, int from, int to) {
    if (from < 0 || to > values.length || from >= to) {
      throw new IllegalArgumentException(
          "expected 0 <= from < to <= " + values.length + " but got " + from + ", " + to);
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  @Override
  public String toString() {
    int n = steps();
    if (n == 0) {
      return "GanHistory: no steps";
    }
    int from = Math.max(0, n - 100);
    return String.format(
        Locale.ROOT,
        "GanHistory: %d steps, mean of the last %d: D loss %.3f, G loss %.3f; %d snapshots",
        n,
        n - from,
        mean(discriminatorLoss, from, n),
        mean(generatorLoss, from, n),
        snapshots.size());
  }
}
