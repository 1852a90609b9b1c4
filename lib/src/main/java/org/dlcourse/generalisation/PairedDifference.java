package org.dlcourse.generalisation;

import java.util.Locale;

/**
 * The difference in accuracy of two models on the <em>same</em> examples, with its standard error.
 *
 * <p>Per example {@code i}, {@code d_i = [A right] - [B right]}, one of -1, 0, +1. The accuracy
 * difference is the mean of {@code d}; because both models face the same examples, the examples
 * both get right (or both wrong) add no noise, and the standard error is {@code sd(d) / sqrt(n)},
 * usually much smaller than that of either accuracy alone. Used in the notebook on generalisation
 * to say whether a regulariser helps by more than the luck of the test draw.
 *
 * @param difference accuracy of A minus accuracy of B
 * @param standardError the standard error of {@code difference} over the draw of the examples
 * @param n the number of examples
 */
public record PairedDifference(double difference, double standardError, int n) {

  /**
   * Compares predictions {@code a} and {@code b} against {@code labels}, all of the same length.
   *
   * @throws IllegalArgumentException when the lengths differ or there are fewer than 2 examples
   */
  public static PairedDifference of(int[] a, int[] b, int[] labels) {
    if (a.length != labels.length || b.length != labels.length) {
      throw new IllegalArgumentException(
          "expected one prediction per label but got "
              + a.length
              + " and "
              + b.length
              + " predictions for "
              + labels.length
              + " labels");
    }
    int n = labels.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 examples but got " + n);
    }
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      int d = (a[i] == labels[i] ? 1 : 0) - (b[i] == labels[i] ? 1 : 0);
      sum += d;
      sumSquares += d * d;
    }
    double mean = sum / n;
    // sample variance of d: (sum d² - n·mean²) / (n - 1)
    double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
    return new PairedDifference(mean, Math.sqrt(variance / n), n);
  }

  /** How many standard errors the difference is from zero (0 when both models agree everywhere). */
  public double zScore() {
    return standardError == 0 ? 0 : difference / standardError;
  }

  /** For example {@code "+0.0210 ± 0.0041 (5.1 standard errors, 2000 examples)"}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%+.4f ± %.4f (%.1f standard errors, %d examples)",
        difference,
        standardError,
        zScore(),
        n);
  }
}
