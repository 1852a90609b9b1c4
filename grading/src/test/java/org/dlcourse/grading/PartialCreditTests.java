package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.dlcourse.grading.grades.Disclosure;
import org.dlcourse.grading.grades.Reports;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.run.Outcome;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestResult;
import org.junit.jupiter.api.Test;

/**
 * Partial credit cannot be gamed: failing early never raises the share, a failure never earns 1.
 */
class PartialCreditTests {
  private static final TestCase FOUR =
      new TestCase("p.T#t", "q2", "softmax", 2, Visibility.VISIBLE, false, 4, "");

  @Test
  void aFailedTestNeverEarnsFullMarksWhateverItReports() {
    // The runner reports "passed/made"; only "passed" is read, capped at declared - 1.
    for (int passed = -1; passed <= 10; passed++) {
      TestResult r = TestResult.of(FOUR, new Outcome(false, passed, "boom", ""));
      assertTrue(r.score() < FOUR.points(), passed + " passed checks gave " + r.score());
    }
  }

  @Test
  void stoppingEarlyEarnsOnlyThePassedShareOfTheDeclaredChecks() {
    // The issue's case: 1 check passed, then an exception before the second: 1/1 before, 1/4 now.
    assertEquals(0.5, TestResult.of(FOUR, new Outcome(false, 1, "exception", "")).score(), 1e-9);
    assertEquals(1.5, TestResult.of(FOUR, new Outcome(false, 3, "1 check failed", "")).score());
    assertEquals(2, TestResult.of(FOUR, new Outcome(true, 4, "", "")).score());
  }

  @Test
  void moreCheckPassesNeverLowerTheScoreAndFewerNeverRaiseIt() {
    double last = -1;
    for (int passed = 0; passed <= 4; passed++) {
      double s = TestResult.of(FOUR, new Outcome(false, passed, "", "")).score();
      assertTrue(s >= last, "not monotone at " + passed);
      last = s;
    }
  }

  @Test
  void anAllOrNothingTestEarnsNothingWhenItFails() {
    TestCase plain = new TestCase("p.T#u", "q1", "relu", 1, Visibility.VISIBLE, false);
    assertEquals(0, TestResult.of(plain, new Outcome(false, 5, "", "")).score());
  }

  @Test
  void feedbackNeverSaysFullMarksForAFailedTest() {
    Manifest m = new Manifest(List.of(FOUR));
    for (int passed = 0; passed <= 4; passed++) {
      TestResult r = TestResult.of(FOUR, new Outcome(false, passed, "why", ""));
      SubmissionResult s = new SubmissionResult("x", List.of(r), List.of(), 1);
      String fb = Reports.feedback(s, m, "ps", Disclosure.none());
      assertFalse(fb.contains("(2/2)"), fb);
      assertTrue(fb.contains(passed == 0 ? "[FAIL]" : "[PART]"), fb);
    }
  }

  @Test
  void aCreditTestMustDeclareItsChecks() throws Exception {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> manifestOf(Undeclared.class));
    assertTrue(e.getMessage().contains("add checks = N"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> manifestOf(DeclaredWithoutCredit.class));
    assertTrue(e.getMessage().contains("takes no Credit parameter"), e.getMessage());
  }

  private static void manifestOf(Class<?> type) throws Exception {
    Method m = type.getDeclaredMethods()[0];
    Manifest.checkCredit(type.getName() + "#" + m.getName(), m, m.getAnnotation(Points.class));
  }

  static class Undeclared {
    @org.junit.jupiter.api.Test
    @Points(question = "q1", value = 1)
    void t(Credit credit) {}
  }

  static class DeclaredWithoutCredit {
    @org.junit.jupiter.api.Test
    @Points(question = "q1", value = 1, checks = 2)
    void t() {}
  }
}
