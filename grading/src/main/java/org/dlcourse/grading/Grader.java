package org.dlcourse.grading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The student's one-call check from a notebook: {@code Grader.check("q2")} runs the public tests of
 * question q2 with the grader's own runner, JVM flags and limits.
 *
 * <p>The problem set is the nearest directory at or above the notebook's working directory that
 * holds {@code assignment.properties}.
 */
public final class Grader {
  private Grader() {}

  /** Checks one question ({@code "q1"}) of the problem set around the working directory. */
  public static CheckReport check(String question) {
    return check(question, Path.of("").toAbsolutePath());
  }

  /** Checks all questions of the problem set around the working directory. */
  public static CheckReport checkAll() {
    return check(null, Path.of("").toAbsolutePath());
  }

  /** Checks {@code question} (null for all) of the problem set at or above {@code from}. */
  public static CheckReport check(String question, Path from) {
    try {
      Path dir = from.toAbsolutePath();
      while (dir != null && !Files.isRegularFile(dir.resolve(ProblemSet.CONFIG))) {
        dir = dir.getParent();
      }
      if (dir == null) {
        throw new IllegalStateException(
            "no "
                + ProblemSet.CONFIG
                + " in "
                + from.toAbsolutePath()
                + " or above; open the notebook from its problem-set folder");
      }
      return run(ProblemSet.open(dir), question);
    } catch (IOException e) {
      throw new IllegalStateException("check failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("check interrupted", e);
    }
  }

  /** Runs the check and formats the report (also used by {@code ./course check}). */
  static CheckReport run(ProblemSet ps, String question) throws IOException, InterruptedException {
    boolean isolated = Sandbox.available();
    Path work = Files.createTempDirectory("dlcourse-check");
    try {
      SubmissionResult r = Autograder.check(ps, question, isolated, work, 0);
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

  /**
   * What a check found: the text printed to the student and the public points.
   *
   * @param text per-question points and failures, and the hidden-tests note
   * @param score public points earned
   * @param maxScore public points possible
   */
  public record CheckReport(String text, double score, double maxScore) {
    /** Whether every public test passed. */
    public boolean allPassed() {
      return score >= maxScore - 1e-9;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
