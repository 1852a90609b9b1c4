package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.sandbox.Compiler;
import org.dlcourse.grading.sandbox.SandboxMode;

/**
 * Everything a grader needs besides the submission, built once per mode and never changed: the
 * problem set, the sandbox mode, the test JVMs' runtime, the compiled tests, the manifest the
 * points come from, the reference's answers for the judge, and the key of all of it (a submission
 * is re-graded when the key changes). {@link #forGrade} builds it for {@code grade} and {@code
 * validate}, {@link #forGradescope} from a Gradescope zip's precompiled tests, and {@link
 * StudentCheck} for a student's {@code check}.
 *
 * @param problemSet the problem set (the instructor source, or a student's release)
 * @param work the folder for compiled tests and scratch space
 * @param mode how processes are isolated
 * @param runtime the test JVMs' runtime (runner jars, the course library when used)
 * @param manifest the graded tests and their points
 * @param publicClasses the compiled public tests
 * @param hiddenClasses the compiled hidden tests (bound only into hidden-test JVMs)
 * @param answers what the reference recorded (none in {@code check})
 * @param key a digest of everything besides the submission that decides a grade (null in check)
 */
public record GraderSetup(
    ProblemSet problemSet,
    Path work,
    SandboxMode mode,
    TestRuntime runtime,
    Manifest manifest,
    Path publicClasses,
    Path hiddenClasses,
    Answers answers,
    String key) {

  public Limits limits() {
    return problemSet.limits();
  }

  /**
   * {@code grade} and {@code validate}: compiles the reference solution and the tests into {@code
   * work}, writes the manifest, runs every test on the reference (in the same sandbox as a
   * submission) and keeps what it recorded as the judge's answers.
   *
   * @param source the instructor source (with hidden tests and the reference solution)
   * @param isolated whether to use bubblewrap (false only for trusted code or with the unsafe flag)
   */
  public static GraderSetup forGrade(ProblemSet source, Path work, boolean isolated)
      throws IOException {
    SandboxMode mode = SandboxMode.grading(isolated);
    Path dir = WorkDirs.reachable(mode, work);
    mode.checkScratch(source.limits());
    Path reference = dir.resolve("reference");
    Path publicClasses = dir.resolve("tests-public");
    Path hiddenClasses = dir.resolve("tests-hidden");
    for (Path p : List.of(reference, publicClasses, hiddenClasses)) {
      FileTrees.deleteTree(p);
    }
    TestRuntime runtime = TestRuntime.forGrader(source, mode);
    List<Path> cp = new ArrayList<>(runtime.jars());
    compile(ProblemSet.javaFiles(source.sources()), cp, reference, "the reference solution");
    cp.add(reference);
    compile(ProblemSet.javaFiles(source.publicTests()), cp, publicClasses, "the public tests");
    cp.add(publicClasses);
    compile(ProblemSet.javaFiles(source.hiddenTests()), cp, hiddenClasses, "the hidden tests");
    Manifest manifest = Manifest.fromClasses(publicClasses, hiddenClasses, List.of(reference));
    manifest.write(dir.resolve("manifest.tsv"));
    if (!dir.equals(work.toAbsolutePath().normalize())) {
      // The work happens in a stand-in the sandbox uid can reach; the record stays where asked
      // (gradebook and course-grades read <out>/.grader/manifest.tsv).
      Files.createDirectories(work);
      manifest.write(work.resolve("manifest.tsv"));
    }
    FileTrees.makeReadable(publicClasses);
    FileTrees.makeReadable(hiddenClasses);
    FileTrees.makeReadableDir(dir);
    GraderSetup unjudged =
        new GraderSetup(
            source,
            dir,
            mode,
            runtime,
            manifest,
            publicClasses,
            hiddenClasses,
            Answers.none(),
            null);
    Answers answers = referenceAnswers(new Autograder(unjudged), reference, source.heldOut());
    answers.write(dir.resolve(Answers.FILE));
    String key =
        FileTrees.digest(dir.resolve("manifest.tsv"), publicClasses, hiddenClasses)
            + FileTrees.digest(dir.resolve(Answers.FILE))
            + source.limits();
    return unjudged.judgedBy(answers, key);
  }

  /**
   * Gradescope: a grader from tests compiled elsewhere (the autograder zip), ready to grade one
   * submission at a time. {@code compiled} holds {@code tests-public/}, {@code tests-hidden/},
   * {@code manifest.tsv} and the answers; {@code release} is the student release (its stubs name
   * the packages a submission may use). Without bubblewrap the container is the sandbox and test
   * JVMs still run as unprivileged uids (when root): public tests as 61000, hidden tests as 61001,
   * and only 61001 may open the hidden tests.
   */
  public static GraderSetup forGradescope(
      ProblemSet release, Path compiled, Path work, boolean isolated) throws IOException {
    SandboxMode mode = SandboxMode.gradescope(isolated);
    Path dir = WorkDirs.reachable(mode, work);
    mode.checkScratch(release.limits());
    HeldOutAccess.check(mode, release.heldOut());
    List<Path> tests =
        copyRuntime(
            List.of(compiled.resolve("tests-public"), compiled.resolve("tests-hidden")),
            dir.resolve("tests"));
    Manifest manifest = Manifest.read(compiled.resolve("manifest.tsv"));
    Answers answers = Answers.read(compiled.resolve(Answers.FILE));
    checkRawMemory(release.limits(), manifest, answers);
    TestRuntime runtime = TestRuntime.forGrader(release, mode);
    Path hiddenClasses = tests.get(1);
    FileTrees.makeReadable(tests.get(0));
    FileTrees.makeReadable(hiddenClasses);
    FileTrees.makeReadableDir(dir);
    if (mode.kind() == SandboxMode.Kind.CONTAINER && SandboxMode.isRoot()) {
      // Only the hidden-test uid may open the hidden tests (the public JVM runs as another uid).
      int uid = 61000 + SandboxMode.HIDDEN_SLOT;
      Files.setPosixFilePermissions(hiddenClasses, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(hiddenClasses, "unix:uid", uid);
      Files.setAttribute(hiddenClasses, "unix:gid", uid);
    }
    String key = FileTrees.digest(compiled) + release.limits();
    return new GraderSetup(
        release, dir, mode, runtime, manifest, tests.get(0), hiddenClasses, answers, key);
  }

  /** This setup with the reference's answers and the key that covers them. */
  private GraderSetup judgedBy(Answers answers, String key) {
    checkRawMemory(limits(), manifest, answers);
    return new GraderSetup(
        problemSet, work, mode, runtime, manifest, publicClasses, hiddenClasses, answers, key);
  }

  /**
   * Runs every test on the reference solution and keeps what the tests recorded as the answers (see
   * {@link Judge}); the reference must pass every test.
   */
  private static Answers referenceAnswers(
      Autograder grader, Path reference, java.util.Set<String> heldOut) throws IOException {
    FileTrees.makeReadable(reference);
    try {
      Map<String, Outcome> ref = new LinkedHashMap<>(grader.runSuite(false, reference, 0));
      ref.putAll(grader.runSuite(true, reference, 0));
      return Answers.fromReference(ref, heldOut);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the reference solution", e);
    }
  }

  /**
   * Refuses to grade with a module that gives student code raw memory access unless every graded
   * test is judged against the reference's answers (then a forged report cannot raise a score).
   */
  private static void checkRawMemory(Limits limits, Manifest manifest, Answers answers) {
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

  static void compile(List<Path> sources, List<Path> cp, Path out, String what) throws IOException {
    Compiler.Result r = Compiler.trusted(sources, cp, out);
    if (!r.ok()) {
      throw new IllegalStateException(what + " did not compile:\n" + r.messages());
    }
  }

  /**
   * Copies compiled tests into the work directory: the sandbox uid cannot read a private folder,
   * and a copy is stable while the grader runs.
   */
  private static List<Path> copyRuntime(List<Path> classpath, Path dir) throws IOException {
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
}
