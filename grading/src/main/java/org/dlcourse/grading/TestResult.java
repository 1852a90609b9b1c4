package org.dlcourse.grading;

/**
 * One graded test: the manifest entry, what happened, and the points awarded from the manifest.
 *
 * @param test the manifest entry (the source of the points)
 * @param outcome what the run produced
 * @param score {@code test.points() × outcome.fraction()}
 */
public record TestResult(TestCase test, Outcome outcome, double score) {

  /** Scores an outcome with the manifest's points; the outcome supplies only a fraction. */
  public static TestResult of(TestCase test, Outcome outcome) {
    double f = Math.max(0, Math.min(1, outcome.fraction()));
    if (Double.isNaN(f)) {
      f = 0;
    }
    return new TestResult(test, outcome, Math.round(test.points() * f * 100) / 100.0);
  }
}
