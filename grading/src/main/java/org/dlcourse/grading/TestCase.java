package org.dlcourse.grading;

/**
 * One graded test as the grader's manifest records it.
 *
 * @param id {@code pkg.Class#method}
 * @param question the question it belongs to
 * @param name the name students read
 * @param points the points it carries
 * @param visibility when students see its outcome
 * @param hidden whether it comes from {@code tests/hidden} (never shipped to students)
 */
public record TestCase(
    String id, String question, String name, double points, Visibility visibility, boolean hidden) {

  /** The test class's binary name. */
  public String className() {
    return id.substring(0, id.indexOf('#'));
  }
}
