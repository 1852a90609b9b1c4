package org.dlcourse.grading.problemset;

import org.dlcourse.grading.Visibility;

/**
 * One graded test as the grader's manifest records it.
 *
 * @param id {@code pkg.Class#method}
 * @param question the question it belongs to
 * @param name the name students read
 * @param points the points it carries
 * @param visibility when students see its outcome
 * @param hidden whether it comes from {@code tests/hidden} (never shipped to students)
 * @param checks the partial-credit checks it declares (0: all or nothing)
 * @param hint what a student reads when this hidden test fails (may be empty)
 */
public record TestCase(
    String id,
    String question,
    String name,
    double points,
    Visibility visibility,
    boolean hidden,
    int checks,
    String hint) {

  /** An all-or-nothing test without a hint. */
  public TestCase(
      String id,
      String question,
      String name,
      double points,
      Visibility visibility,
      boolean hidden) {
    this(id, question, name, points, visibility, hidden, 0, "");
  }

  /** The test class's binary name. */
  public String className() {
    return id.substring(0, id.indexOf('#'));
  }
}
