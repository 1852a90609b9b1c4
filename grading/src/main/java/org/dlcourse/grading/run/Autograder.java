package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.sandbox.Compiler;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.sandbox.SandboxMode;
import org.dlcourse.grading.submission.Unpacker;

/**
 * Grades submissions with one {@link GraderSetup}: unpacks and compiles each submission in its own
 * sandbox, runs the public and the hidden tests in separate sandboxed JVMs, and scores the outcomes
 * from the manifest (judged against the reference's answers). Holds no state besides its setup, so
 * one instance grades any number of submissions, also concurrently in different job slots.
 */
public final class Autograder {
  private final GraderSetup setup;

  public Autograder(GraderSetup setup) {
    this.setup = setup;
  }

  public GraderSetup setup() {
    return setup;
  }

  /** The graded tests and their points. */
  public Manifest manifest() {
    return setup.manifest();
  }

  /** A digest of everything that decides a grade besides the submission (for re-grading). */
  public String key() {
    return setup.key();
  }

  /** The reference's recorded answers and the tests it failed. */
  public Answers answers() {
    return setup.answers();
  }

  /**
   * Grades one submission (a zip or a directory).
   *
   * @param student the student id for the result
   * @param slot the job slot; concurrent gradings use different slots (different sandbox uids)
   */
  public SubmissionResult grade(String student, Path submission, int slot)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path scratch = Files.createTempDirectory(setup.work(), "submission-");
    try {
      FileTrees.makeReadable(scratch);
      Path files = scratch.resolve("files");
      Unpacker.Unpacked unpacked = new Unpacker(setup.problemSet()).unpack(submission, files);
      List<String> notes = new ArrayList<>(unpacked.notes());
      if (!unpacked.ok()) {
        notes.add(0, "submission refused: " + unpacked.rejected());
        return failAll(student, "submission refused: " + unpacked.rejected(), notes, start);
      }
      FileTrees.makeReadable(files);
      Path classes = scratch.resolve("classes");
      Files.createDirectories(classes);
      giveTo(setup.mode(), classes, slot);
      Compiler.Result compiled =
          compileSubmission(
              setup.mode(), setup.problemSet(), setup.runtime(), slot, files, classes);
      if (!compiled.ok()) {
        notes.add("your code did not compile:\n" + compiled.messages().strip());
        return failAll(
            student, "the submission did not compile (see the notes above)", notes, start);
      }
      reclaim(classes);
      Map<String, Outcome> outcomes = new HashMap<>();
      outcomes.putAll(runSuite(false, classes, slot));
      outcomes.putAll(runSuite(true, classes, slot));
      List<TestResult> results = new ArrayList<>();
      for (TestCase t : manifest().tests()) {
        results.add(TestResult.of(t, answers().judge(t, explain(outcomes.get(t.id())))));
      }
      return new SubmissionResult(student, results, notes, seconds(start));
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  /** Runs the manifest's public or hidden tests against {@code classes} in one sandboxed JVM. */
  Map<String, Outcome> runSuite(boolean hidden, Path classes, int slot)
      throws IOException, InterruptedException {
    List<String> ids = manifest().suite(hidden).stream().map(TestCase::id).toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Limits limits = setup.limits();
    Sandbox sandbox = setup.mode().forSuite(limits, slot, hidden);
    List<String> cp = new ArrayList<>(setup.runtime().bind(sandbox));
    cp.add(sandbox.readOnly(setup.publicClasses(), "/grader/tests/public"));
    if (hidden) {
      // Hidden tests are only mounted in their own JVM, whose output students never see.
      cp.add(sandbox.readOnly(setup.hiddenClasses(), "/grader/tests/hidden"));
    }
    cp.add(sandbox.readOnly(classes, "/submission/classes"));
    List<String> flags = setup.runtime().jvmFlags(sandbox, limits, setup.problemSet().heldOut());
    return new TestSession(sandbox, limits, cp, flags).run(ids);
  }

  /** Compiles a submission in the sandbox against the runtime's jars (the library, if used). */
  static Compiler.Result compileSubmission(
      SandboxMode mode, ProblemSet ps, TestRuntime runtime, int slot, Path files, Path classes)
      throws IOException, InterruptedException {
    Sandbox sandbox = mode.open(ps.limits(), slot);
    List<String> cp = ps.usesLibrary() ? runtime.bind(sandbox) : List.of();
    return Compiler.sandboxed(sandbox, ps.limits(), files.resolve("src/main/java"), classes, cp);
  }

  /**
   * After javac wrote {@code classes} as the sandbox uid, gives the tree back to the grader (when
   * root): no test JVM, in any mode, can then write into it, so it never holds code to load.
   */
  private void reclaim(Path classes) throws IOException {
    if (setup.mode().switchesUser()) {
      var me =
          classes.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root");
      try (Stream<Path> s = Files.walk(classes)) {
        for (Path p : s.toList()) {
          Files.setOwner(p, me);
        }
      }
    }
    FileTrees.makeReadable(classes);
  }

  /** Lets the sandbox uid write {@code dir} (only when running as root). */
  static void giveTo(SandboxMode mode, Path dir, int slot) throws IOException {
    if (mode.switchesUser()) {
      Files.setAttribute(dir, "unix:uid", 61000 + slot);
      Files.setAttribute(dir, "unix:gid", 61000 + slot);
    }
  }

  /** Adds a plain-language reason to the usual Java errors a missing or renamed method causes. */
  static Outcome explain(Outcome o) {
    if (o == null) {
      return Outcome.failed("the test did not run");
    }
    String m = o.message();
    String hint = null;
    if (m.startsWith("java.lang.NoClassDefFoundError")) {
      hint = "possible reason: a class the test needs is missing from your submission";
    } else if (m.startsWith("java.lang.NoSuchMethodError")) {
      hint =
          "possible reason: a method was renamed or its parameters changed; keep the given"
              + " signatures";
    } else if (m.startsWith("java.lang.UnsupportedOperationException")
        && m.contains("not implemented")) {
      hint = "possible reason: this part is not implemented yet";
    }
    return hint == null ? o : o.withMessage(m + "\n" + hint);
  }

  /** Every test of the manifest failed for {@code why} (a refused or broken submission). */
  public SubmissionResult failAll(String student, String why, List<String> notes, long start) {
    List<TestResult> results = new ArrayList<>();
    for (TestCase t : manifest().tests()) {
      results.add(TestResult.of(t, Outcome.failed(why)));
    }
    return new SubmissionResult(student, results, notes, seconds(start));
  }

  static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
  }
}
