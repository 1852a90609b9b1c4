package org.dlcourse.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
    Path work = repo.resolve("build/grading-work").resolve(ps.name() + "-release");
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
        jar(p, lib.resolve("dlcourse-grading.jar"));
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
    log.println(
        "wrote "
            + zip
            + " (upload it as the Gradescope autograder; the reference solution is not in it)");
    return true;
  }

  /** The tests of the compiled problem set in {@code work} that record no judged values. */
  static List<String> unjudged(Path work) throws IOException {
    Manifest m = Manifest.read(work.resolve("manifest.tsv"));
    Answers a = Answers.read(work.resolve(Answers.FILE));
    return m.tests().stream().filter(t -> !a.judges(t)).map(TestCase::id).toList();
  }

  /**
   * Copies the course library's jars (ND4J, DL4J and their dependencies, about 180 MB, stored
   * uncompressed) into {@code dir} with {@code classpath.txt} naming them in classpath order.
   */
  private static void shipLibrary(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>();
    for (Path p : TestRuntime.libraryJars()) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        name = "dlcourse-lib.jar";
        jar(p, dir.resolve(name));
      } else {
        Files.copy(p, dir.resolve(name));
      }
      names.add(name);
    }
    Files.writeString(dir.resolve("classpath.txt"), String.join(":", names) + "\n");
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
   * {@code --prepare} (setup.sh, once per image): the test runtime in the cache, ND4J's natives
   * extracted, and the class-data sharing archive for each sandbox mode that works here.
   */
  static void prepare(Path root, Path grader, PrintStream log)
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
    try (var in = Gradescope.class.getResourceAsStream("gradescope/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the grader's resource gradescope/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes the files under {@code dir} into a jar (class files at the jar's root). */
  static void jar(Path dir, Path jar) throws IOException {
    try (OutputStream o = Files.newOutputStream(jar);
        ZipOutputStream z = new JarOutputStream(o);
        Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
        Files.copy(f, z);
        z.closeEntry();
      }
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
   * The entry point of {@code run_autograder}: {@code --root R --grader G [--unsafe-no-sandbox]};
   * {@code --prepare} instead prepares the test runtime (setup.sh).
   */
  public static void main(String[] args) {
    int status;
    try {
      Cli.Args a = Cli.Args.parse(prepend("autograde", args));
      Path root = Path.of(a.opt("root", "/autograder")).toAbsolutePath();
      Path grader = Path.of(a.opt("grader", root.resolve("source/grader").toString()));
      // --unsafe-no-sandbox: bubblewrap cannot run in this container, which is the sandbox.
      if (a.flag("prepare")) {
        prepare(root, grader.toAbsolutePath(), System.out);
        System.exit(0);
      }
      boolean isolated = !a.flag("unsafe-no-sandbox");
      if (isolated && !Sandbox.available()) {
        throw new IllegalStateException(
            "bubblewrap does not work here; "
                + Sandbox.INSTALL_HINT
                + ", or pass --unsafe-no-sandbox where the container itself is the sandbox");
      }
      System.out.println(
          isolated
              ? "sandbox: bubblewrap"
              : "sandbox: the container (--unsafe-no-sandbox); no bubblewrap, test JVMs run as"
                  + " unprivileged uids under the same limits");
      run(root, grader.toAbsolutePath(), isolated, System.out);
      status = 0;
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
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
