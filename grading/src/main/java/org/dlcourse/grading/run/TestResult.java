package org.dlcourse.grading.run;

import org.dlcourse.grading.problemset.TestCase;

/**
 * One graded test: the manifest entry, what happened, and the points awarded from the manifest.
 *
 * @param test the manifest entry (the source of the points)
 * @param outcome what the run produced
 * @param score {@code test.points() × fraction(test, outcome)}
 */
public record TestResult(TestCase test, Outcome outcome, double score) {

  /**
   * Scores an outcome with the manifest's points; the outcome supplies only pass/fail and checks.
   */
  public static TestResult of(TestCase test, Outcome outcome) {
    return new TestResult(
        test, outcome, Math.round(test.points() * fraction(test, outcome) * 100) / 100.0);
  }

  /**
   * The share of a test's points: 1 when it passed; when it failed, {@code min(passed, checks - 1)
   * / checks} with {@code checks} the count the manifest declares (0 for an all-or-nothing test).
   * The denominator never comes from the run, so a test that stops early (an exception before its
   * remaining checks) cannot raise its share, and a failed test never reaches 1.
   */
  static double fraction(TestCase test, Outcome outcome) {
    if (outcome.passed()) {
      return 1;
    }
    int declared = test.checks();
    if (declared <= 0 || outcome.checksPassed() <= 0) {
      return 0;
    }
    return (double) Math.min(outcome.checksPassed(), declared - 1) / declared;
  }
}
