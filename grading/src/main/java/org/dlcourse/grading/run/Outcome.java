package org.dlcourse.grading.run;

import org.dlcourse.grading.Judge;

/**
 * What running one test produced, as reported by the sandboxed runner or decided by the grader.
 *
 * @param passed whether the test passed
 * @param checksPassed how many partial-credit checks passed as reported, or -1 when none were
 * @param message why it failed (empty when it passed)
 * @param output what the test printed (bounded)
 * @param records the values a {@link Judge} recorded, encoded (empty when none)
 */
public record Outcome(
    boolean passed, int checksPassed, String message, String output, String records) {

  /** An outcome without recorded values. */
  public Outcome(boolean passed, int checksPassed, String message, String output) {
    this(passed, checksPassed, message, output, "");
  }

  /** A failure decided by the grader (the JVM died, timed out, the submission did not compile). */
  public static Outcome failed(String message) {
    return new Outcome(false, -1, message, "");
  }

  /** The same outcome with another message. */
  Outcome withMessage(String m) {
    return new Outcome(passed, checksPassed, m, output, records);
  }
}
