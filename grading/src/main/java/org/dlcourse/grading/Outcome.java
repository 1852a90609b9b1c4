package org.dlcourse.grading;

/**
 * What running one test produced, as reported by the sandboxed runner or decided by the grader.
 *
 * @param passed whether the test passed
 * @param fraction the share of its points earned (1 or 0, or a partial-credit fraction)
 * @param message why it failed (empty when it passed)
 * @param output what the test printed (bounded)
 */
public record Outcome(boolean passed, double fraction, String message, String output) {

  /** A failure decided by the grader (the JVM died, timed out, the submission did not compile). */
  public static Outcome failed(String message) {
    return new Outcome(false, 0, message, "");
  }
}
