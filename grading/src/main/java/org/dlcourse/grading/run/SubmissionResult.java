package org.dlcourse.grading.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlcourse.grading.problemset.Manifest;

/**
 * The grade of one submission.
 *
 * @param student the student id (from the submission's file name, never from its content)
 * @param tests one result per manifest test, in manifest order
 * @param notes messages about the submission itself (ignored files, compile errors, rejection)
 * @param seconds how long grading took
 */
public record SubmissionResult(
    String student, List<TestResult> tests, List<String> notes, double seconds) {

  /** Points earned. */
  public double score() {
    return Math.round(tests.stream().mapToDouble(TestResult::score).sum() * 100) / 100.0;
  }

  /** Points possible. */
  public double maxScore() {
    return tests.stream().mapToDouble(t -> t.test().points()).sum();
  }

  /** Points earned per question, in question order. */
  public Map<String, Double> byQuestion(Manifest manifest) {
    Map<String, Double> q = new LinkedHashMap<>();
    manifest.questions().keySet().forEach(k -> q.put(k, 0.0));
    tests.forEach(t -> q.merge(t.test().question(), t.score(), Double::sum));
    q.replaceAll((k, v) -> Math.round(v * 100) / 100.0);
    return q;
  }

  @Override
  public String toString() {
    return "SubmissionResult[" + student + ": " + score() + "/" + maxScore() + "]";
  }
}
