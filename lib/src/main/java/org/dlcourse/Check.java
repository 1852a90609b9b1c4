package org.dlcourse;

import java.util.Locale;

/**
 * Closing checks: the lesson's claim, asserted, so a notebook fails when its claim stops holding.
 *
 * <p>Each check prints one line starting with {@code PASS} when it holds and throws an {@link
 * AssertionError} starting with {@code FAILED} when it does not; the error fails the cell, and
 * {@code ./course test} counts the notebook as failed.
 *
 * <pre>{@code
 * Check.atLeast("test accuracy of the MLP", accuracy, Smoke.pick(0.85, 0.60));
 * Check.that("the MLP beats the hand-crafted pipeline", mlpAccuracy > handCraftedAccuracy);
 * }</pre>
 */
public final class Check {

  private Check() {}

  /** Asserts that {@code claim} holds. */
  public static void that(String claim, boolean holds) {
    if (!holds) {
      throw new AssertionError("FAILED: " + claim);
    }
    System.out.println("PASS " + claim);
  }

  /** Asserts {@code actual >= threshold}, printing both numbers. */
  public static void atLeast(String quantity, double actual, double threshold) {
    String line =
        String.format(
            Locale.ROOT, "%s = %s (required: >= %s)", quantity, format(actual), format(threshold));
    if (!(actual >= threshold)) {
      throw new AssertionError("FAILED: " + line);
    }
    System.out.println("PASS " + line);
  }

  /** Asserts {@code actual <= threshold}, printing both numbers. */
  public static void atMost(String quantity, double actual, double threshold) {
    String line =
        String.format(
            Locale.ROOT, "%s = %s (required: <= %s)", quantity, format(actual), format(threshold));
    if (!(actual <= threshold)) {
      throw new AssertionError("FAILED: " + line);
    }
    System.out.println("PASS " + line);
  }

  /** Asserts {@code low <= actual <= high}, printing the numbers. */
  public static void between(String quantity, double actual, double low, double high) {
    String line =
        String.format(
            Locale.ROOT,
            "%s = %s (required: between %s and %s)",
            quantity,
            format(actual),
            format(low),
            format(high));
    if (!(actual >= low && actual <= high)) {
      throw new AssertionError("FAILED: " + line);
    }
    System.out.println("PASS " + line);
  }

  /**
   * A number with 4 significant digits, so that tiny and huge values stay readable: {@code 0.8757},
   * {@code 12.35}, {@code 8.4e-08}, {@code 3.2e+06}; whole numbers without decimals ({@code 0},
   * {@code 5}, {@code 1000}).
   */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) {
      return stripZeros(
          new java.math.BigDecimal(v).round(new java.math.MathContext(4)).toPlainString());
    }
    String e = String.format(Locale.ROOT, "%.3e", v); // e.g. 8.400e-08
    int at = e.indexOf('e');
    return stripZeros(e.substring(0, at)) + e.substring(at);
  }

  private static String stripZeros(String decimal) {
    if (!decimal.contains(".")) {
      return decimal;
    }
    String s = decimal.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
