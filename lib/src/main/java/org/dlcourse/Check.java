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
        String.format(Locale.ROOT, "%s = %.4f (required: >= %.4f)", quantity, actual, threshold);
    if (!(actual >= threshold)) {
      throw new AssertionError("FAILED: " + line);
    }
    System.out.println("PASS " + line);
  }

  /** Asserts {@code actual <= threshold}, printing both numbers. */
  public static void atMost(String quantity, double actual, double threshold) {
    String line =
        String.format(Locale.ROOT, "%s = %.4f (required: <= %.4f)", quantity, actual, threshold);
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
            "%s = %.4f (required: between %.4f and %.4f)",
            quantity,
            actual,
            low,
            high);
    if (!(actual >= low && actual <= high)) {
      throw new AssertionError("FAILED: " + line);
    }
    System.out.println("PASS " + line);
  }
}
