package org.dlcourse.grading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test as graded: the question it belongs to and the points it carries.
 *
 * <p>This annotation is the one source of truth for points. The grader reads it from the
 * instructor's compiled tests, never from a submission. The test stays an ordinary {@code @Test}:
 * it runs unchanged in an IDE and in Maven. A test that takes a {@link Credit} parameter and
 * declares its {@link #checks} earns partial credit; every other test earns all its points or none.
 *
 * <pre>{@code
 * @Test
 * @Points(question = "q1", value = 2, name = "relu keeps positive inputs")
 * void reluKeepsPositiveInputs() { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ExtendWith({Credit.Extension.class, Judge.Extension.class})
public @interface Points {
  /** The question this test belongs to, e.g. {@code "q1"}. */
  String question();

  /** The points the test carries (at least 0). */
  double value();

  /** A readable name shown to students; the method name when empty. */
  String name() default "";

  /** When students see the outcome; tests under {@code tests/hidden} must not be VISIBLE. */
  Visibility visibility() default Visibility.VISIBLE;

  /**
   * How many {@link Credit#check} calls the test makes, declared up front; required for a test with
   * a {@link Credit} parameter (and only there). A failed test earns {@code min(passed, checks - 1)
   * / checks} of its points, so ending early never raises the share and a failed test never earns
   * full marks.
   */
  int checks() default 0;

  /**
   * What a student reads when this hidden test fails (never its name, message or output before the
   * results are released): a nudge that helps without giving the test away, e.g. "does relu leave
   * its input unchanged?".
   */
  String hint() default "";
}
