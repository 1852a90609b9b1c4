package org.dlcourse.generative;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which classes a classifier sees in a set of samples: the share of each class among its
 * predictions, and the <em>effective number of classes</em> {@code exp(H)} with the entropy {@code
 * H = -sum_c p_c ln p_c} of those shares: k for k equally frequent classes, 1 when every sample
 * falls in one class. A generator that collapsed onto one kind of image scores near 1 even if its
 * images look sharp.
 *
 * @param counts predictions per class, {@code [numClasses]}
 */
public record ClassCoverage(int[] counts) {

  public ClassCoverage {
    Objects.requireNonNull(counts, "counts");
    if (counts.length == 0 || Arrays.stream(counts).sum() == 0) {
      throw new IllegalArgumentException(
          "need at least one class and one sample but got counts " + Arrays.toString(counts));
    }
    counts = counts.clone();
  }

  /** The coverage of the classifier's predictions on {@code samples} ({@code [n, ...]}). */
  public static ClassCoverage of(Model classifier, INDArray samples) {
    Objects.requireNonNull(classifier, "classifier must not be null");
    return of(classifier.predictClasses(samples), classifier.numClasses());
  }

  /** The coverage of predicted classes {@code predicted[i]} in {@code 0..numClasses-1}. */
  public static ClassCoverage of(int[] predicted, int numClasses) {
    Objects.requireNonNull(predicted, "predicted");
    int[] counts = new int[numClasses];
    for (int c : predicted) {
      if (c < 0 || c >= numClasses) {
        throw new IllegalArgumentException(
            "class " + c + " is out of range 0.." + (numClasses - 1));
      }
      counts[c]++;
    }
    return new ClassCoverage(counts);
  }

  /** The share of each class, summing to 1. */
  public double[] shares() {
    double n = Arrays.stream(counts).sum();
    return Arrays.stream(counts).mapToDouble(c -> c / n).toArray();
  }

  /** {@code exp(-sum_c p_c ln p_c)}: between 1 and the number of classes. */
  public double effectiveNumber() {
    double h = 0;
    for (double p : shares()) {
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }

  /** The number of classes with a share of at least {@code minShare}. */
  public int covered(double minShare) {
    return (int) Arrays.stream(shares()).filter(p -> p >= minShare).count();
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ClassCoverage: %d samples, effective number of classes %.2f of %d, counts %s",
        Arrays.stream(counts).sum(),
        effectiveNumber(),
        counts.length,
        Arrays.toString(counts));
  }
}
