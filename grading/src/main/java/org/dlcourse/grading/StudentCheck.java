package org.dlcourse.grading;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A student's {@code check} ({@code ./course check}, {@code Grader.check} in a notebook): the
 * public tests on the student's own copy, with the same runner, JVM flags and limits as {@code
 * grade}. The student's code is compiled first (in the sandbox), then the public tests against it,
 * and the setup of this mode is built from those.
 */
public final class StudentCheck {
  private StudentCheck() {}

  /**
   * Runs a student's public tests the way {@link Autograder#grade} does; {@code question} may be
   * null for all questions.
   */
  public static SubmissionResult run(
      ProblemSet ps, String question, boolean isolated, Path work, int slot)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    SandboxMode mode = SandboxMode.check(isolated);
    FileTrees.deleteTree(work);
    Files.createDirectories(work);
    FileTrees.makeReadableDir(work);
    TestRuntime runtime = TestRuntime.forGrader(ps, mode);
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    Path publicClasses = work.resolve("tests-public");
    Path hiddenClasses = work.resolve("tests-hidden");
    Autograder.giveTo(mode, classes, slot);
    Path files = work.resolve("files");
    Unpacker.Unpacked unpacked = new Unpacker(ps).unpack(ps.root(), files);
    if (!unpacked.ok()) {
      throw new IllegalStateException("cannot check " + ps.root() + ": " + unpacked.rejected());
    }
    FileTrees.makeReadable(files);
    Compiler.Result compiled =
        Autograder.compileSubmission(mode, ps, runtime, slot, files, classes);
    if (!compiled.ok()) {
      throw new IllegalStateException("your code does not compile:\n" + compiled.messages());
    }
    List<Path> cp = new ArrayList<>(runtime.jars());
    cp.add(classes);
    Compiler.Result tests =
        Compiler.trusted(ProblemSet.javaFiles(ps.publicTests()), cp, publicClasses);
    if (!tests.ok()) {
      throw new IllegalStateException(
          "the public tests do not compile against your code; keep the given class and method"
              + " signatures:\n"
              + tests.messages());
    }
    Manifest all = Manifest.fromClasses(publicClasses, hiddenClasses, List.of(classes));
    List<TestCase> chosen =
        all.suite(false).stream()
            .filter(t -> question == null || t.question().equals(question))
            .toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "no public tests for question '"
              + question
              + "'; the questions are "
              + all.questions().keySet());
    }
    GraderSetup setup =
        new GraderSetup(
            ps,
            work,
            mode,
            runtime,
            new Manifest(chosen),
            publicClasses,
            hiddenClasses,
            Answers.none(),
            null);
    FileTrees.makeReadable(publicClasses);
    FileTrees.makeReadable(classes);
    Map<String, Outcome> outcomes = new Autograder(setup).runSuite(false, classes, slot);
    List<TestResult> results = new ArrayList<>();
    for (TestCase t : chosen) {
      results.add(TestResult.of(t, Autograder.explain(outcomes.get(t.id()))));
    }
    List<String> notes =
        unpacked.notes().stream().filter(n -> n.startsWith("ignored src/")).toList();
    return new SubmissionResult("you", results, notes, Autograder.seconds(start));
  }

  /** Runs the check and formats the report ({@code ./course check} and {@code Grader.check}). */
  public static Grader.CheckReport report(ProblemSet ps, String question)
      throws IOException, InterruptedException {
    boolean isolated = Sandbox.available();
    Path work = Files.createTempDirectory("dlcourse-check");
    try {
      SubmissionResult r = run(ps, question, isolated, work, 0);
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
      return new Grader.CheckReport(s.toString(), r.score(), r.maxScore());
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
