package org.dlcourse.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Grades submissions of one problem set: compiles the instructor's tests once, then compiles and
 * tests each submission in its own sandboxed JVMs and scores it from the manifest.
 */
public final class Autograder {
  /** The job slot (uid 61000 + slot) of hidden-test JVMs in user-only mode. */
  private static final int HIDDEN_SLOT = 1;

  private final ProblemSet problemSet;
  private final Path work;
  private final boolean isolated;
  private boolean userOnly;
  private final Limits limits;
  private Manifest manifest;
  private Path publicClasses;
  private Path hiddenClasses;
  private String key;
  private TestRuntime runtime;
  private Answers answers = Answers.none();
  private boolean ownCode;

  /**
   * @param problemSet the instructor source (with hidden tests and the reference solution)
   * @param work a directory for the compiled tests and scratch space
   * @param isolated whether to use bubblewrap (false only for trusted code or with the unsafe flag)
   */
  public Autograder(ProblemSet problemSet, Path work, boolean isolated) {
    this.problemSet = problemSet;
    this.work = work.toAbsolutePath();
    this.isolated = isolated;
    this.limits = problemSet.limits();
  }

  /** Compiles the reference solution and the tests and reads the manifest; call once first. */
  public Manifest prepare() throws IOException {
    checkReachable(work, isolated);
    checkScratch();
    Path reference = work.resolve("reference");
    publicClasses = work.resolve("tests-public");
    hiddenClasses = work.resolve("tests-hidden");
    for (Path p : List.of(reference, publicClasses, hiddenClasses)) {
      FileTrees.deleteTree(p);
    }
    runtime = runtime(problemSet);
    List<Path> runner = runtime.jars();
    compile(
        ProblemSet.javaFiles(problemSet.sources()), runner, reference, "the reference solution");
    List<Path> cp = new ArrayList<>(runner);
    cp.add(reference);
    compile(ProblemSet.javaFiles(problemSet.publicTests()), cp, publicClasses, "the public tests");
    cp.add(publicClasses);
    compile(ProblemSet.javaFiles(problemSet.hiddenTests()), cp, hiddenClasses, "the hidden tests");
    manifest = Manifest.fromClasses(publicClasses, hiddenClasses, List.of(reference));
    manifest.write(work.resolve("manifest.tsv"));
    FileTrees.makeReadable(publicClasses);
    FileTrees.makeReadable(hiddenClasses);
    FileTrees.makeReadableDir(work);
    answers = referenceAnswers(reference);
    answers.write(work.resolve(Answers.FILE));
    checkRawMemory();
    key =
        FileTrees.digest(work.resolve("manifest.tsv"), publicClasses, hiddenClasses)
            + FileTrees.digest(work.resolve(Answers.FILE))
            + limits;
    return manifest;
  }

  /**
   * A grader from tests compiled elsewhere (the Gradescope zip): {@code compiled} holds {@code
   * tests-public/}, {@code tests-hidden/} and {@code manifest.tsv}; {@code problemSet} is the
   * student release (its stubs name the packages a submission may use). Ready to grade one
   * submission at a time.
   *
   * @param isolated whether to use bubblewrap
   * @param userOnly without bubblewrap, still run student code as unprivileged uids (when root):
   *     public tests as uid 61000, hidden tests as 61001, and only 61001 may open the hidden tests
   */
  public static Autograder precompiled(
      ProblemSet problemSet, Path compiled, Path work, boolean isolated, boolean userOnly)
      throws IOException {
    Autograder g = new Autograder(problemSet, work, isolated);
    g.userOnly = !isolated && userOnly;
    checkReachable(g.work, isolated || g.userOnly);
    g.checkScratch();
    List<Path> tests =
        copyRuntime(
            List.of(compiled.resolve("tests-public"), compiled.resolve("tests-hidden")),
            g.work.resolve("tests"));
    g.publicClasses = tests.get(0);
    g.hiddenClasses = tests.get(1);
    g.manifest = Manifest.read(compiled.resolve("manifest.tsv"));
    g.answers = Answers.read(compiled.resolve(Answers.FILE));
    g.checkRawMemory();
    g.runtime = g.runtime(problemSet);
    FileTrees.makeReadable(g.publicClasses);
    FileTrees.makeReadable(g.hiddenClasses);
    FileTrees.makeReadableDir(g.work);
    g.key = FileTrees.digest(compiled) + g.limits;
    if (g.userOnly && isRoot()) {
      // Only the hidden-test uid may open the hidden tests (the public JVM runs as another uid).
      Files.setPosixFilePermissions(g.hiddenClasses, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(g.hiddenClasses, "unix:uid", 61000 + HIDDEN_SLOT);
      Files.setAttribute(g.hiddenClasses, "unix:gid", 61000 + HIDDEN_SLOT);
    }
    return g;
  }

  /**
   * Runs every test on the reference solution, in the same sandbox as a submission, and keeps what
   * the tests recorded as the answers (see {@link Judge}); the reference must pass every test.
   */
  private Answers referenceAnswers(Path reference) throws IOException {
    FileTrees.makeReadable(reference);
    try {
      Map<String, Outcome> ref = new java.util.LinkedHashMap<>(runSuite(false, reference, 0));
      ref.putAll(runSuite(true, reference, 0));
      return Answers.fromReference(ref);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the reference solution", e);
    }
  }

  /**
   * Refuses to grade with a module that gives student code raw memory access unless every graded
   * test is judged against the reference's answers (then a forged report cannot raise a score).
   */
  private void checkRawMemory() {
    String module = limits.rawMemoryModule();
    List<String> unjudged =
        manifest.tests().stream().filter(t -> !answers.judges(t)).map(TestCase::id).toList();
    if (module != null && !unjudged.isEmpty()) {
      throw new IllegalArgumentException(
          "limits.modules grants "
              + module
              + ", which gives student code raw access to the test JVM's memory (it could forge"
              + " test outcomes); that is allowed only when every graded test records its values"
              + " with a Judge parameter, and these do not: "
              + String.join(", ", unjudged)
              + ". Record their values, or remove "
              + module
              + " from limits.modules in "
              + ProblemSet.CONFIG
              + " (see grading/README.md, Threat model)");
    }
  }

  private static void compile(List<Path> sources, List<Path> cp, Path out, String what)
      throws IOException {
    Compiler.Result r = Compiler.trusted(sources, cp, out);
    if (!r.ok()) {
      throw new IllegalStateException(what + " did not compile:\n" + r.messages());
    }
  }

  /** The reference's recorded answers and the tests it failed (after {@link #prepare}). */
  Answers answers() {
    return answers;
  }

  /** The manifest read by {@link #prepare}. */
  public Manifest manifest() {
    return manifest;
  }

  /** A digest of everything that decides a grade besides the submission (for re-grading). */
  public String key() {
    return key;
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
    Path scratch = Files.createTempDirectory(work, "submission-");
    try {
      FileTrees.makeReadable(scratch);
      Path files = scratch.resolve("files");
      Unpacker.Unpacked unpacked = new Unpacker(problemSet).unpack(submission, files);
      List<String> notes = new ArrayList<>(unpacked.notes());
      if (!unpacked.ok()) {
        notes.add(0, "submission refused: " + unpacked.rejected());
        return failAll(student, "submission refused: " + unpacked.rejected(), notes, start);
      }
      FileTrees.makeReadable(files);
      Path classes = scratch.resolve("classes");
      Files.createDirectories(classes);
      giveTo(classes, slot);
      Compiler.Result compiled = compileSubmission(sandbox(slot), files, classes);
      if (!compiled.ok()) {
        notes.add("your code did not compile:\n" + compiled.messages().strip());
        return failAll(
            student, "the submission did not compile (see the notes above)", notes, start);
      }
      reclaim(classes);
      Map<String, Outcome> outcomes = new java.util.HashMap<>();
      outcomes.putAll(runSuite(false, classes, slot));
      outcomes.putAll(runSuite(true, classes, slot));
      List<TestResult> results = new ArrayList<>();
      for (TestCase t : manifest.tests()) {
        results.add(TestResult.of(t, answers.judge(t, explain(outcomes.get(t.id())))));
      }
      return new SubmissionResult(student, results, notes, seconds(start));
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  private Map<String, Outcome> runSuite(boolean hidden, Path classes, int slot)
      throws IOException, InterruptedException {
    List<String> ids = manifest.suite(hidden).stream().map(TestCase::id).toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Sandbox sandbox = userOnly && hidden ? sandbox(HIDDEN_SLOT) : sandbox(slot);
    List<String> cp = new ArrayList<>(runtime.bind(sandbox));
    cp.add(sandbox.readOnly(publicClasses, "/grader/tests/public"));
    if (hidden) {
      // Hidden tests are only mounted in their own JVM, whose output students never see.
      cp.add(sandbox.readOnly(hiddenClasses, "/grader/tests/hidden"));
    }
    cp.add(sandbox.readOnly(classes, "/submission/classes"));
    return new TestSession(sandbox, limits, cp, runtime.jvmFlags(sandbox, limits)).run(ids);
  }

  /**
   * The test JVMs' runtime (see {@link TestRuntime}): the runner, and the course library when the
   * problem set uses it, with its natives extracted once and a class-data sharing archive recorded
   * once for this grader's sandbox mode.
   */
  private TestRuntime runtime(ProblemSet ps) throws IOException {
    List<Path> library = ps.usesLibrary() ? TestRuntime.libraryJars() : List.of();
    try {
      TestRuntime r =
          TestRuntime.prepare(TestSession.runnerClasspath(), library, TestRuntime.cacheRoot());
      // Trusted code writes the archive (about 20 MB, more than a test's largest file).
      r.recordArchive(sandbox(0, limits.withFileSizeMb(256)), limits);
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the test runtime", e);
    }
  }

  /** Compiles a submission in the sandbox against the runtime's jars (the library, if used). */
  private Compiler.Result compileSubmission(Sandbox sandbox, Path files, Path classes)
      throws IOException, InterruptedException {
    List<String> cp = problemSet.usesLibrary() ? runtime.bind(sandbox) : List.of();
    return Compiler.sandboxed(sandbox, limits, files.resolve("src/main/java"), classes, cp);
  }

  private Sandbox sandbox(int slot) {
    return sandbox(slot, limits);
  }

  private Sandbox sandbox(int slot, Limits l) {
    Sandbox s;
    if (isolated) {
      s = Sandbox.isolated(l, slot);
    } else {
      s = userOnly ? Sandbox.userOnly(l, slot) : Sandbox.plain(l);
    }
    return ownCode ? s.forOwnCode() : s;
  }

  /** Refuses, before any work, a writable /tmp that could not be mounted noexec here. */
  private void checkScratch() {
    if (limits.tmpMb() > 0 && !ownCode && !Scratch.supported()) {
      throw new IllegalStateException(Sandbox.NO_NOEXEC_TMP);
    }
  }

  /**
   * After javac wrote {@code classes} as the sandbox uid, gives the tree back to the grader (when
   * root): no test JVM, in any mode, can then write into it, so it never holds code to load.
   */
  private void reclaim(Path classes) throws IOException {
    if ((isolated || userOnly) && isRoot()) {
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

  /**
   * Copies the runner's jars and classes into the work directory: the sandbox uid cannot read a
   * private Maven repository, and a copy is stable while the grader runs.
   */
  static List<Path> copyRuntime(List<Path> classpath, Path dir) throws IOException {
    FileTrees.deleteTree(dir);
    Files.createDirectories(dir);
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < classpath.size(); i++) {
      Path from = classpath.get(i);
      Path to = dir.resolve(i + "-" + from.getFileName());
      if (Files.isDirectory(from)) {
        FileTrees.copyTree(from, to);
      } else {
        Files.copy(from, to);
      }
      copies.add(to);
    }
    FileTrees.makeReadable(dir);
    return copies;
  }

  /**
   * Runs a student's public tests the way {@link #grade} does (same runner, JVM flags and limits);
   * {@code question} may be null for all questions.
   */
  public static SubmissionResult check(
      ProblemSet ps, String question, boolean isolated, Path work, int slot)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Autograder g = new Autograder(ps, work, isolated);
    g.ownCode = true;
    FileTrees.deleteTree(work);
    Files.createDirectories(work);
    FileTrees.makeReadableDir(work);
    g.runtime = g.runtime(ps);
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    g.giveTo(classes, slot);
    Path files = work.resolve("files");
    Unpacker.Unpacked unpacked = new Unpacker(ps).unpack(ps.root(), files);
    if (!unpacked.ok()) {
      throw new IllegalStateException("cannot check " + ps.root() + ": " + unpacked.rejected());
    }
    FileTrees.makeReadable(files);
    Compiler.Result compiled = g.compileSubmission(g.sandbox(slot), files, classes);
    if (!compiled.ok()) {
      throw new IllegalStateException("your code does not compile:\n" + compiled.messages());
    }
    g.publicClasses = work.resolve("tests-public");
    g.hiddenClasses = work.resolve("tests-hidden");
    List<Path> cp = new ArrayList<>(g.runtime.jars());
    cp.add(classes);
    Compiler.Result tests =
        Compiler.trusted(ProblemSet.javaFiles(ps.publicTests()), cp, g.publicClasses);
    if (!tests.ok()) {
      throw new IllegalStateException(
          "the public tests do not compile against your code; keep the given class and method"
              + " signatures:\n"
              + tests.messages());
    }
    Manifest all = Manifest.fromClasses(g.publicClasses, g.hiddenClasses, List.of(classes));
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
    g.manifest = new Manifest(chosen);
    FileTrees.makeReadable(g.publicClasses);
    FileTrees.makeReadable(classes);
    Map<String, Outcome> outcomes = g.runSuite(false, classes, slot);
    List<TestResult> results = new ArrayList<>();
    for (TestCase t : chosen) {
      results.add(TestResult.of(t, explain(outcomes.get(t.id()))));
    }
    List<String> notes =
        unpacked.notes().stream().filter(n -> n.startsWith("ignored src/")).toList();
    return new SubmissionResult("you", results, notes, seconds(start));
  }

  /** Adds a plain-language reason to the usual Java errors a missing or renamed method causes. */
  private static Outcome explain(Outcome o) {
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

  SubmissionResult failAll(String student, String why, List<String> notes, long start) {
    List<TestResult> results = new ArrayList<>();
    for (TestCase t : manifest.tests()) {
      results.add(TestResult.of(t, Outcome.failed(why)));
    }
    return new SubmissionResult(student, results, notes, seconds(start));
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
  }

  /** Lets the sandbox uid write {@code dir} (only when running as root). */
  private void giveTo(Path dir, int slot) throws IOException {
    if ((isolated || userOnly) && isRoot()) {
      Files.setAttribute(dir, "unix:uid", 61000 + slot);
      Files.setAttribute(dir, "unix:gid", 61000 + slot);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Fails clearly when the sandbox uid could not reach {@code dir} (a parent without o+x). */
  static void checkReachable(Path dir, boolean isolated) throws IOException {
    if (!isolated) {
      return;
    }
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)
          && !Files.getPosixFilePermissions(p)
              .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException(
            "the sandbox user cannot reach "
                + dir
                + " because "
                + p
                + " is not traversable; run chmod o+x "
                + p
                + " or choose an output directory elsewhere");
      }
    }
  }
}
