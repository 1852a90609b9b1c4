package org.dlcourse.grading.gradescope;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.grades.Disclosure;
import org.dlcourse.grading.grades.Reports;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.release.Release;
import org.dlcourse.grading.run.Answers;
import org.dlcourse.grading.run.Autograder;
import org.dlcourse.grading.run.GraderSetup;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestRuntime;
import org.dlcourse.grading.run.TestSession;
import org.dlcourse.grading.sandbox.Sandbox;

/**
 * {@code gradescope}: builds an autograder zip that runs this same grader on Gradescope's machines,
 * and the entry point {@code run_autograder} calls there.
 *
 * <p>The zip holds {@code setup.sh}, {@code run_autograder} and {@code grader/}: {@code lib/} (the
 * grader's classes as a jar and the JUnit jars the sandboxed runner needs), {@code problem/} (the
 * validated student release: stubs, public test sources, {@code assignment.properties}; never the
 * reference solution) and {@code compiled/} (the instructor's compiled public and hidden tests and
 * the manifest the points come from).
 */
public final class Gradescope {
  private Gradescope() {}

  /**
   * Releases and validates {@code name}, then writes the autograder zip to {@code zip}; returns
   * false (and writes nothing) when validation fails.
   */
  public static boolean build(Path repo, String name, Path zip, PrintStream log) throws Exception {
    if (!Release.release(repo, name, log)) {
      return false;
    }
    ProblemSet ps = ProblemSet.source(repo, name);
    Path released = repo.resolve("build/release").resolve(ps.name());
    // release compiled the instructor's tests into its work directory; ship those classes.
    Path work = Release.workFolder(repo, ps.name());
    List<String> unjudged = unjudged(work);
    if (!unjudged.isEmpty()) {
      log.println(
          "not building the Gradescope zip: where bubblewrap cannot run there, the container is"
              + " the sandbox and student code can take over its test JVM (/proc/self/mem, a"
              + " library written to /tmp), so every test must record its values with a Judge"
              + " parameter (judged outside that JVM), and these do not: "
              + String.join(", ", unjudged)
              + " (see grading/README.md, Threat model)");
      return false;
    }
    Path stage = repo.resolve("build/gradescope").resolve(ps.name());
    FileTrees.deleteTree(stage);
    Path grader = stage.resolve("grader");
    FileTrees.copyTree(released, grader.resolve("problem"));
    Path compiled = grader.resolve("compiled");
    FileTrees.copyTree(work.resolve("tests-public"), compiled.resolve("tests-public"));
    FileTrees.copyTree(work.resolve("tests-hidden"), compiled.resolve("tests-hidden"));
    Files.copy(work.resolve("manifest.tsv"), compiled.resolve("manifest.tsv"));
    // The reference's recorded answers: read by the grader only (grader/ is root-only there).
    Files.copy(work.resolve(Answers.FILE), compiled.resolve(Answers.FILE));
    Path lib = grader.resolve("lib");
    Files.createDirectories(lib);
    for (Path p : TestSession.runnerClasspath()) {
      if (Files.isDirectory(p)) {
        FileTrees.jar(p, lib.resolve("dlcourse-grading.jar"));
      } else {
        Files.copy(p, lib.resolve(p.getFileName()));
      }
    }
    if (ps.usesLibrary()) {
      shipLibrary(grader.resolve("library"));
    }
    Files.writeString(stage.resolve("setup.sh"), resource("setup.sh"));
    Files.writeString(stage.resolve("run_autograder"), resource("run_autograder"));
    Release.zipTree(stage, "", zip);
    markExecutable(zip, List.of("setup.sh", "run_autograder"));
    FileTrees.deleteTree(stage);
    var refused = tooLarge(Files.size(zip), maxMegabytes());
    if (refused.isPresent()) {
      Files.delete(zip);
      log.println(refused.get());
      return false;
    }
    log.printf(
        "wrote %s (%.1f MB; upload it as the Gradescope autograder; the reference solution is not"
            + " in it)%n",
        zip, Files.size(zip) / 1e6);
    return true;
  }

  /** The tests of the compiled problem set in {@code work} that record no judged values. */
  static List<String> unjudged(Path work) throws IOException {
    Manifest m = Manifest.read(work.resolve("manifest.tsv"));
    Answers a = Answers.read(work.resolve(Answers.FILE));
    return m.tests().stream().filter(t -> !a.judges(t)).map(TestCase::id).toList();
  }

  /**
   * The course library's jars (ND4J, DL4J and their dependencies, about 180 MB) for {@code dir}:
   * those Maven downloaded from Central are listed in {@code central.tsv} with their sizes and
   * SHA-256 (setup.sh fetches and verifies them, {@link LibraryFetch}); the others (the course
   * library's own jar) are copied. {@code classpath.txt} names them all in classpath order,
   * relative to {@code dir}.
   */
  private static void shipLibrary(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>();
    List<String> central = new ArrayList<>();
    Path localRepo = LibraryFetch.localRepository();
    for (Path p : TestRuntime.libraryJars()) {
      String name = p.getFileName().toString();
      var fromCentral =
          Files.isDirectory(p)
              ? java.util.Optional.<String>empty()
              : LibraryFetch.centralPath(p, localRepo);
      if (fromCentral.isPresent()) {
        name = LibraryFetch.DIR + "/" + fromCentral.get();
        central.add(LibraryFetch.line(fromCentral.get(), p));
      } else if (Files.isDirectory(p)) {
        name = "dlcourse-lib.jar";
        FileTrees.jar(p, dir.resolve(name));
      } else {
        Files.copy(p, dir.resolve(name));
      }
      names.add(name);
    }
    Files.writeString(dir.resolve("classpath.txt"), String.join(":", names) + "\n");
    if (!central.isEmpty()) {
      Files.writeString(dir.resolve(LibraryFetch.LIST), String.join("\n", central) + "\n");
    }
    // The shipped tabular data sets (small CSVs with their licences), found by TestRuntime.
    TestRuntime.courseDatasets()
        .ifPresent(
            home -> {
              try {
                FileTrees.copyTree(home.resolve("datasets"), dir.resolve("course/datasets"));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /**
   * The largest zip {@code gradescope} writes, in MB: 50 unless {@code DLCOURSE_GRADESCOPE_MAX_MB}
   * says otherwise. Gradescope's autograder documentation names no upload limit that we found; the
   * cap keeps the zip from silently growing back to shipping the library (about 180 MB) and is far
   * above what a set needs now (see grading/README.md, "Gradescope").
   */
  static double maxMegabytes() {
    String set = System.getenv("DLCOURSE_GRADESCOPE_MAX_MB");
    try {
      return set == null || set.isBlank() ? 50 : Double.parseDouble(set.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DLCOURSE_GRADESCOPE_MAX_MB must be a number of megabytes, got '" + set + "'");
    }
  }

  /**
   * Why a zip of {@code bytes} is refused under a cap of {@code maxMb} megabytes, or empty when it
   * fits; the message names both sizes and what to do.
   */
  static java.util.Optional<String> tooLarge(long bytes, double maxMb) {
    if (bytes <= maxMb * 1e6) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        String.format(
            "not writing the Gradescope zip: it would be %.1f MB, over the cap of %.0f MB"
                + " (DLCOURSE_GRADESCOPE_MAX_MB). The library's jars from Maven Central are fetched"
                + " by setup.sh, not shipped; a jar that is not in the local Maven repository"
                + " (~/.m2/repository, or -Dmaven.repo.local) as downloaded from Central ships in"
                + " the zip: run ./course build so Maven resolves them there",
            bytes / 1e6, maxMb));
  }

  /**
   * {@code --prepare} (setup.sh, once per image): the test runtime in the cache, ND4J's natives
   * extracted, and the class-data sharing archive for each sandbox mode that works here.
   */
  public static void prepare(Path root, Path grader, PrintStream log)
      throws IOException, InterruptedException {
    ProblemSet ps = ProblemSet.open(grader.resolve("problem"));
    for (boolean isolated : new boolean[] {true, false}) {
      if (isolated && !Sandbox.available()) {
        continue;
      }
      Path work = root.resolve("grader-work");
      FileTrees.deleteTree(work);
      Files.createDirectories(work);
      FileTrees.makeReadableDir(work);
      GraderSetup.forGradescope(ps, grader.resolve("compiled"), work, isolated);
      log.println(
          "prepared the test runtime for " + (isolated ? "bubblewrap" : "container") + " mode");
      FileTrees.deleteTree(work);
    }
  }

  private static String resource(String name) throws IOException {
    try (var in = Gradescope.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the grader's resource gradescope/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Grades {@code <root>/submission} with the grader unpacked at {@code grader} and writes {@code
   * <root>/results/results.json}; returns the result.
   *
   * @param root Gradescope's {@code /autograder} (another directory in tests)
   * @param grader the {@code grader/} folder of the autograder zip
   * @param isolated whether to use bubblewrap; false only where the container is the sandbox, and
   *     then test JVMs still run as unprivileged uids (see {@link GraderSetup#forGradescope})
   */
  public static SubmissionResult run(Path root, Path grader, boolean isolated, PrintStream log)
      throws IOException, InterruptedException {
    ProblemSet ps = ProblemSet.open(grader.resolve("problem"));
    Path work = root.resolve("grader-work");
    FileTrees.deleteTree(work);
    Files.createDirectories(work);
    FileTrees.makeReadableDir(work);
    Autograder g =
        new Autograder(GraderSetup.forGradescope(ps, grader.resolve("compiled"), work, isolated));
    Path submission = submission(root.resolve("submission"));
    SubmissionResult r = g.grade("submission", submission, 0);
    Path results = root.resolve("results");
    Files.createDirectories(results);
    AtomicFiles.write(results.resolve("results.json"), Reports.resultsJson(r, g.manifest()));
    log.println(Reports.feedback(r, g.manifest(), ps.name(), Disclosure.none()));
    return r;
  }

  /** The submission: a lone uploaded zip, else the uploaded folder itself. */
  static Path submission(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "expected the submission folder " + dir + " but it does not exist");
    }
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> !p.getFileName().toString().startsWith(".")).forEach(entries::add);
    }
    if (entries.size() == 1 && entries.get(0).toString().endsWith(".zip")) {
      return entries.get(0);
    }
    return dir;
  }

  /**
   * Marks zip entries as Unix files with mode 0755 (Gradescope runs {@code run_autograder}
   * directly): central-directory "made by" = Unix, external attributes' high half = the mode.
   */
  static void markExecutable(Path zip, List<String> names) throws IOException {
    byte[] b = Files.readAllBytes(zip);
    for (int i = 0; i + 46 <= b.length; i++) {
      if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
        int len = (b[i + 28] & 0xff) | (b[i + 29] & 0xff) << 8;
        if (i + 46 + len > b.length) {
          continue;
        }
        String entry = new String(b, i + 46, len, StandardCharsets.UTF_8);
        if (names.contains(entry)) {
          b[i + 5] = 3;
          int mode = 0100755;
          b[i + 40] = (byte) (mode & 0xff);
          b[i + 41] = (byte) (mode >> 8);
        }
      }
    }
    Files.write(zip, b);
  }
}
