package org.dlcourse.grading;

/**
 * What a check found: the text printed to the student and the public points.
 *
 * @param text per-question points and failures, and the hidden-tests note
 * @param score public points earned
 * @param maxScore public points possible
 */
public record CheckReport(String text, double score, double maxScore) {
  /** Whether every public test passed. */
  public boolean allPassed() {
    return score >= maxScore - 1e-9;
  }

  @Override
  public String toString() {
    return text;
  }
}
