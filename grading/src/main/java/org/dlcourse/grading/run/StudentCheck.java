package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.sandbox.Compiler;
import org.dlcourse.grading.sandbox.SandboxMode;
import org.dlcourse.grading.submission.Unpacker;

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
}
