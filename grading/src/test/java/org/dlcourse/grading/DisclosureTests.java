package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dlcourse.grading.grades.Disclosure;
import org.dlcourse.grading.grades.Reports;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.run.Outcome;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a student reads per visibility, in every output: a hidden test's run output never, its name
 * only once released, its hint on failure.
 */
class DisclosureTests {
  private static final String SECRET = "SECRET-FROM-THE-HIDDEN-JVM";

  private static final List<TestCase> TESTS =
      List.of(
          new TestCase("p.P#v", "q1", "public one", 1, Visibility.VISIBLE, false, 0, ""),
          new TestCase("p.H#h", "q1", "never named", 1, Visibility.HIDDEN, true, 0, "look at h"),
          new TestCase("p.H#d", "q2", "named after due", 1, Visibility.AFTER_DUE_DATE, true, 0, ""),
          new TestCase(
              "p.H#p",
              "q2",
              "named once published",
              1,
              Visibility.AFTER_PUBLISHED,
              true,
              0,
              "look at p"));

  private static SubmissionResult failedEverywhere() {
    List<TestResult> r = new ArrayList<>();
    for (TestCase t : TESTS) {
      r.add(TestResult.of(t, new Outcome(false, -1, SECRET + " message", SECRET + " output")));
    }
    return new SubmissionResult("s", r, List.of(), 1);
  }

  private static List<String> outputs(Disclosure d) {
    SubmissionResult r = failedEverywhere();
    Manifest m = new Manifest(TESTS);
    return List.of(Reports.feedback(r, m, "ps", d), Reports.resultsJson(r, m, d));
  }

  @Test
  void hiddenRunOutputIsNeverShownInAnyOutputAtAnyTime() {
    for (Disclosure d :
        List.of(Disclosure.none(), new Disclosure(true, false), Disclosure.gradescope())) {
      for (String out : outputs(d)) {
        // The public test's own message is shown once; the three hidden ones never.
        assertTrue(out.indexOf(SECRET) == out.lastIndexOf(SECRET) || out.contains("output"), out);
        int shown = out.split(SECRET, -1).length - 1;
        assertTrue(shown <= 2, "hidden run output leaked:\n" + out);
        assertTrue(out.contains("hint: look at h"), out);
        assertTrue(out.contains("hint: look at p"), out);
        assertFalse(out.contains("never named"), out);
      }
    }
  }

  @Test
  void namesFollowTheVisibility() {
    for (String out : outputs(Disclosure.none())) {
      assertFalse(out.contains("named after due") || out.contains("named once published"), out);
    }
    for (String out : outputs(new Disclosure(true, false))) {
      assertTrue(out.contains("named after due"), out);
      assertFalse(out.contains("named once published"), out);
    }
    for (String out : outputs(Disclosure.gradescope())) {
      // Gradescope's own visibility field then decides when students see these.
      assertTrue(out.contains("named after due") && out.contains("named once published"), out);
    }
  }

  @Test
  void theDueDateReleasesAfterDueDateNames(@TempDir Path tmp) throws Exception {
    ProblemSet ps = ProblemSet.open(new Fixture(tmp, "").sample()); // due 2030-01-31
    assertFalse(Disclosure.at(ps, Instant.parse("2029-01-01T00:00:00Z"), false).afterDue());
    assertTrue(Disclosure.at(ps, Instant.parse("2030-02-01T00:00:00Z"), false).afterDue());
    assertTrue(Disclosure.at(ps, Instant.parse("2029-01-01T00:00:00Z"), true).published());
  }
}
