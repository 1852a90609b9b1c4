package org.dlcourse.grading.grades;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestResult;

/** Writes one submission's Gradescope {@code results.json} and its readable feedback. */
public final class Reports {
  private Reports() {}

  /** The Gradescope results object (see GRADING-NOTES.md for the format). */
  public static String resultsJson(SubmissionResult r, Manifest manifest) {
    return resultsJson(r, manifest, Disclosure.gradescope());
  }

  /** The results object with names shown as {@code d} allows (see {@link Disclosure}). */
  public static String resultsJson(SubmissionResult r, Manifest manifest, Disclosure d) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("score", r.score());
    root.put("execution_time", (int) Math.ceil(r.seconds()));
    root.put("output", String.join("\n\n", r.notes()) + "\n" + hiddenSummary(manifest));
    root.put("stdout_visibility", "hidden");
    List<Object> tests = new ArrayList<>();
    int n = 0;
    int hiddenN = 0;
    for (TestResult t : r.tests()) {
      n++;
      hiddenN += t.test().hidden() ? 1 : 0;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.test().question() + ": " + d.name(t.test(), hiddenN));
      m.put("number", t.test().question() + "." + n);
      m.put("score", t.score());
      m.put("max_score", t.test().points());
      m.put("status", t.outcome().passed() ? "passed" : "failed");
      m.put("output", Disclosure.showsRunOutput(t.test()) ? describe(t) : hiddenOutput(t));
      m.put("visibility", t.test().visibility().gradescope());
      tests.add(m);
    }
    root.put("tests", tests);
    return Json.write(root);
  }

  private static String hiddenOutput(TestResult t) {
    return t.outcome().passed() ? "" : Disclosure.hiddenFailure(t.test());
  }

  /** Readable feedback: hidden tests as {@link Disclosure} allows, never their JVM's output. */
  public static String feedback(
      SubmissionResult r, Manifest manifest, String problemSet, Disclosure d) {
    StringBuilder s = new StringBuilder();
    s.append("Problem set ").append(problemSet).append(" — ").append(r.student()).append('\n');
    s.append("Score: ").append(fmt(r.score())).append(" / ").append(fmt(r.maxScore()));
    s.append("\n\n");
    for (String note : r.notes()) {
      s.append("NOTE: ").append(note).append("\n\n");
    }
    Map<String, Double> got = r.byQuestion(manifest);
    int hiddenN = 0;
    for (Map.Entry<String, Double> q : manifest.questions().entrySet()) {
      s.append(q.getKey())
          .append(": ")
          .append(fmt(got.get(q.getKey())))
          .append(" / ")
          .append(fmt(q.getValue()))
          .append('\n');
      for (TestResult t : r.tests()) {
        if (!t.test().question().equals(q.getKey())) {
          continue;
        }
        hiddenN += t.test().hidden() ? 1 : 0;
        String mark = t.outcome().passed() ? "PASS" : t.score() > 0 ? "PART" : "FAIL";
        s.append("  [").append(mark).append("] ").append(d.name(t.test(), hiddenN));
        s.append(" (").append(fmt(t.score())).append('/').append(fmt(t.test().points()));
        s.append(")\n");
        if (t.outcome().passed()) {
          continue;
        }
        String why =
            Disclosure.showsRunOutput(t.test())
                ? t.outcome().message()
                : Disclosure.hiddenFailure(t.test());
        s.append(indent(why, "        ")).append('\n');
      }
    }
    return s.toString();
  }

  static String hiddenSummary(Manifest manifest) {
    List<TestCase> hidden = manifest.suite(true);
    double pts = hidden.stream().mapToDouble(TestCase::points).sum();
    return hidden.isEmpty()
        ? ""
        : "This problem set also has "
            + hidden.size()
            + " hidden tests worth "
            + fmt(pts)
            + " points.";
  }

  private static String describe(TestResult t) {
    if (t.outcome().passed()) {
      return t.outcome().output().isBlank() ? "" : "Output:\n" + t.outcome().output();
    }
    String out = t.outcome().output();
    return t.outcome().message() + (out.isBlank() ? "" : "\n\nOutput:\n" + out);
  }

  static String indent(String text, String pad) {
    String t = text.length() > 2000 ? text.substring(0, 2000) + " ..." : text;
    return pad + t.strip().replace("\n", "\n" + pad);
  }

  public static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.2f", v);
  }

  /** Writes {@code results.json} and {@code feedback.txt} into {@code dir}, atomically. */
  static void write(
      Path dir, SubmissionResult r, Manifest manifest, String problemSet, Disclosure d)
      throws IOException {
    AtomicFiles.write(dir.resolve("feedback.txt"), feedback(r, manifest, problemSet, d));
    AtomicFiles.write(dir.resolve("results.json"), resultsJson(r, manifest, d));
  }
}
