package org.dlcourse.grading.grades;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;

/**
 * What a student may read about each test, and when (one policy for feedback.txt, results.json and
 * Gradescope).
 *
 * <table>
 *   <caption>per visibility</caption>
 *   <tr><th>visibility</th><th>name</th><th>message and output</th></tr>
 *   <tr><td>VISIBLE (public tests)</td><td>always</td><td>always</td></tr>
 *   <tr><td>HIDDEN</td><td>never</td><td>never; a failure shows the instructor's hint</td></tr>
 *   <tr><td>AFTER_DUE_DATE</td><td>after the due date</td><td>never; the hint</td></tr>
 *   <tr><td>AFTER_PUBLISHED</td><td>once published</td><td>never; the hint</td></tr>
 * </table>
 *
 * <p>A hidden test's message and output are never shown, at any time: they are produced in the JVM
 * that holds the hidden test classes, so student code there can put anything into them (the hidden
 * tests' own bytes included). What a student reads about a hidden test comes only from the grader's
 * manifest: its name (once released), pass or fail, its points and its hint.
 *
 * @param afterDue the due date has passed (or Gradescope gates after_due_date tests itself)
 * @param published grades are published (or Gradescope gates after_published tests itself)
 */
public record Disclosure(boolean afterDue, boolean published) {

  /** For Gradescope: its {@code visibility} field decides when after_* tests are shown. */
  public static Disclosure gradescope() {
    return new Disclosure(true, true);
  }

  /** For {@code grade}: released by the problem set's due date or by {@code --published}. */
  public static Disclosure at(ProblemSet ps, Instant now, boolean published) {
    String due = ps.config().getProperty("due", "").trim();
    boolean afterDue = published;
    if (!due.isEmpty()) {
      try {
        afterDue |= now.isAfter(Instant.parse(due));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "due in " + ProblemSet.CONFIG + " must look like 2030-01-31T23:59:00Z but was " + due);
      }
    }
    return new Disclosure(afterDue, published);
  }

  /** Nothing beyond the public tests (for outputs whose reader is not known). */
  public static Disclosure none() {
    return new Disclosure(false, false);
  }

  /** Whether the student may read this test's name. */
  boolean named(TestCase t) {
    return switch (t.visibility()) {
      case VISIBLE -> true;
      case HIDDEN -> false;
      case AFTER_DUE_DATE -> afterDue;
      case AFTER_PUBLISHED -> published;
    };
  }

  /**
   * Whether the student may read what the test's JVM said (only tests that ran without hidden
   * classes).
   */
  static boolean showsRunOutput(TestCase t) {
    return !t.hidden();
  }

  /** The name a student reads. */
  String name(TestCase t, int n) {
    return named(t) ? t.name() : "hidden test " + n;
  }

  /** What a student reads about a failed hidden test: its hint, from the manifest only. */
  static String hiddenFailure(TestCase t) {
    return t.hint().isBlank() ? "a hidden test failed" : "a hidden test failed; hint: " + t.hint();
  }
}
