package org.dlcourse.grading.grades;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.dlcourse.grading.CheckReport;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.run.StudentCheck;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestResult;
import org.dlcourse.grading.sandbox.Sandbox;

/** The text a student's {@code check} prints: points per question, failures, the hidden tests. */
public final class CheckReports {
  private CheckReports() {}

  /** Runs the check and formats the report ({@code ./course check} and {@code Grader.check}). */
  public static CheckReport report(ProblemSet ps, String question)
      throws IOException, InterruptedException {
    boolean isolated = Sandbox.available();
    Path work = Files.createTempDirectory("dlcourse-check");
    try {
      SubmissionResult r = StudentCheck.run(ps, question, isolated, work, 0);
      Manifest m = new Manifest(r.tests().stream().map(TestResult::test).toList());
      StringBuilder s = new StringBuilder();
      for (String note : r.notes()) {
        s.append("NOTE: ").append(note).append('\n');
      }
      Map<String, Double> got = r.byQuestion(m);
      for (Map.Entry<String, Double> q : m.questions().entrySet()) {
        s.append(q.getKey())
            .append(": ")
            .append(Reports.fmt(got.get(q.getKey())))
            .append(" / ")
            .append(Reports.fmt(q.getValue()))
            .append(" points from public tests\n");
        for (TestResult t : r.tests()) {
          if (t.test().question().equals(q.getKey())) {
            s.append("  [").append(t.outcome().passed() ? "PASS" : t.score() > 0 ? "PART" : "FAIL");
            s.append("] ").append(t.test().name()).append('\n');
            if (!t.outcome().passed()) {
              s.append(Reports.indent(t.outcome().message(), "        ")).append('\n');
            }
          }
        }
      }
      s.append("public tests: ")
          .append(Reports.fmt(r.score()))
          .append(" / ")
          .append(Reports.fmt(r.maxScore()))
          .append(" points")
          .append(question == null ? " (all questions)\n" : " (" + question + ")\n");
      s.append(hiddenNote(ps, question));
      if (!isolated) {
        s.append("(ran without a sandbox: bubblewrap is not available here; limits still apply)\n");
      }
      return new CheckReport(s.toString(), r.score(), r.maxScore());
    } finally {
      FileTrees.deleteTree(work);
    }
  }

  private static String hiddenNote(ProblemSet ps, String question) throws IOException {
    Path f = ps.root().resolve("hidden-tests.properties");
    if (!Files.isRegularFile(f)) {
      return Files.isDirectory(ps.hiddenTests())
          ? "Hidden tests exist (this is the instructor copy); ./course grade runs them.\n"
          : "";
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if (question != null) {
      String pts = p.getProperty("points." + question);
      return pts == null
          ? "No hidden tests for " + question + ".\n"
          : "Hidden tests for "
              + question
              + " carry "
              + Reports.fmt(Double.parseDouble(pts))
              + " more points; the grader runs them after you submit.\n";
    }
    return "Hidden tests exist: "
        + p.getProperty("count", "?")
        + " tests worth "
        + Reports.fmt(Double.parseDouble(p.getProperty("points", "0")))
        + " points run only when your submission is graded; passing the public tests does not"
        + " guarantee full marks.\n";
  }
}
