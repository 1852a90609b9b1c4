package org.dlcourse.grading;

/** When a student sees a test's outcome, in Gradescope's four levels. */
public enum Visibility {
  /** Shown at once; the test is one of the public tests students run with {@code check}. */
  VISIBLE("visible"),
  /** Never shown to students; only its points count. */
  HIDDEN("hidden"),
  /** Shown once the due date has passed. */
  AFTER_DUE_DATE("after_due_date"),
  /** Shown once the instructor publishes the grades. */
  AFTER_PUBLISHED("after_published");

  private final String gradescope;

  Visibility(String gradescope) {
    this.gradescope = gradescope;
  }

  /** The value Gradescope's {@code results.json} expects. */
  public String gradescope() {
    return gradescope;
  }
}
