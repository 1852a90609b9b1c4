package org.dlcourse.grading.release;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.grades.Reports;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.Regions;
import org.dlcourse.grading.problemset.TestCase;
import org.dlcourse.grading.run.Autograder;
import org.dlcourse.grading.run.GraderSetup;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.run.TestResult;
import org.dlcourse.grading.run.WorkDirs;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.sandbox.SandboxMode;

/**
 * {@code release} and {@code validate}: writes the student version of a problem set and proves that
 * the reference scores full marks and the stubs score at most the floor.
 */
public final class Release {
  private Release() {}

  /**
   * Where {@code release} validates {@code name} and keeps its compiled tests and the reference's
   * answers (read again by {@code gradescope}): {@code build/grading-work/<name>-release}, or its
   * stand-in when the sandbox uid cannot reach the checkout ({@link WorkDirs}).
   */
  public static Path workFolder(Path repo, String name) throws IOException {
    Path wanted = repo.resolve("build/grading-work").resolve(name + "-release");
    return WorkDirs.reachable(SandboxMode.grading(Sandbox.available()), wanted);
  }

  /**
   * Writes {@code build/release/<ps>/} and {@code build/release/<ps>.zip}; returns false (and
   * removes the release) when validation fails.
   */
  public static boolean release(Path repo, String name, PrintStream log) throws Exception {
    ProblemSet ps = ProblemSet.source(repo, name);
    Path dest = repo.resolve("build/release").resolve(ps.name());
    Path work = workFolder(repo, ps.name());
    FileTrees.deleteTree(dest);
    Files.createDirectories(dest);
    Files.copy(ps.root().resolve(ProblemSet.CONFIG), dest.resolve(ProblemSet.CONFIG));
    for (Path nb : ps.notebooks()) {
      String text = Files.readString(nb, StandardCharsets.UTF_8);
      Files.writeString(dest.resolve(nb.getFileName()), Regions.stripNotebook(text, nb.toString()));
    }
    for (Path f : ProblemSet.javaFiles(ps.sources())) {
      Path to = dest.resolve("src/main/java").resolve(ps.sources().relativize(f).toString());
      Files.createDirectories(to.getParent());
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Files.writeString(to, Regions.stripJava(text, f.getFileName().toString()));
    }
    for (Path f : ProblemSet.javaFiles(ps.publicTests())) {
      Path to =
          dest.resolve("tests/public/java").resolve(ps.publicTests().relativize(f).toString());
      Files.createDirectories(to.getParent());
      Files.copy(f, to);
    }
    boolean ok = validate(ps, ProblemSet.open(dest), work, log);
    if (!ok) {
      FileTrees.deleteTree(dest);
      log.println("validation failed: " + ps.name() + " was NOT released");
      return false;
    }
    Path zip = repo.resolve("build/release").resolve(ps.name() + ".zip");
    zipTree(dest, ps.name(), zip);
    log.println(
        "released " + ps.name() + " to " + repo.relativize(dest) + " and " + repo.relativize(zip));
    return true;
  }

  /**
   * Grades the reference (must score full marks) and the released stubs (must score at most the
   * floor) through the real grader; writes {@code hidden-tests.properties} into the release.
   */
  public static boolean validate(ProblemSet source, ProblemSet released, Path work, PrintStream log)
      throws Exception {
    boolean isolated = Sandbox.available();
    Autograder g = new Autograder(GraderSetup.forGrade(source, work, isolated));
    Manifest m = g.manifest();
    SubmissionResult ref = g.grade("reference", source.root(), 0);
    boolean ok = true;
    if (!g.answers().referenceFailures().isEmpty()) {
      ok = false;
      log.println("the reference solution fails these tests (every test must pass):");
      g.answers().referenceFailures().forEach(t -> log.println("  " + t));
    }
    if (ref.score() < m.total() - 1e-9) {
      ok = false;
      log.println(
          "the reference scores " + ref.score() + " of " + m.total() + "; every test must pass:");
      failures(ref, log);
    } else {
      log.println(
          "reference: "
              + Reports.fmt(ref.score())
              + " / "
              + Reports.fmt(m.total())
              + " (full marks)");
    }
    if (released != null) {
      SubmissionResult stubs = g.grade("stubs", released.root(), 0);
      if (stubs.score() > source.stubFloor() + 1e-9) {
        ok = false;
        log.println(
            "the released stubs score "
                + stubs.score()
                + " but at most "
                + source.stubFloor()
                + " (stubFloor) is allowed; these tests pass without a solution:");
        stubs.tests().stream()
            .filter(t -> t.score() > 0)
            .forEach(t -> log.println("  " + t.test().id() + " (" + t.score() + ")"));
      } else {
        log.println(
            "stubs: "
                + Reports.fmt(stubs.score())
                + " (floor "
                + Reports.fmt(source.stubFloor())
                + ")");
      }
      writeHiddenSummary(m, released.root().resolve("hidden-tests.properties"));
    }
    return ok;
  }

  private static void failures(SubmissionResult r, PrintStream log) {
    r.notes().forEach(n -> log.println("  " + n));
    for (TestResult t : r.tests()) {
      if (t.score() < t.test().points()) {
        log.println(
            "  " + t.test().id() + ": " + t.outcome().message().lines().findFirst().orElse(""));
      }
    }
  }

  /** What students may know about the hidden tests: how many and their points per question. */
  static void writeHiddenSummary(Manifest m, Path file) throws IOException {
    List<TestCase> hidden = m.suite(true);
    StringBuilder s =
        new StringBuilder("# written by release: hidden tests exist and carry points\n");
    s.append("count=").append(hidden.size()).append('\n');
    s.append("points=").append(hidden.stream().mapToDouble(TestCase::points).sum()).append('\n');
    new Manifest(hidden)
        .questions()
        .forEach((q, p) -> s.append("points.").append(q).append('=').append(p).append('\n'));
    AtomicFiles.write(file, s.toString());
  }

  /** Zips {@code dir} under the top folder {@code top}, atomically. */
  public static void zipTree(Path dir, String top, Path zip) throws IOException {
    AtomicFiles.write(
        zip,
        tmp -> {
          writeZip(dir, top, tmp);
          FileTrees.readableByAll(tmp);
        });
  }

  private static void writeZip(Path dir, String top, Path tmp) throws IOException {
    try (OutputStream o = Files.newOutputStream(tmp);
        ZipOutputStream z = new ZipOutputStream(o);
        Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = (top.isEmpty() ? "" : top + "/") + dir.relativize(f).toString();
        ZipEntry e = new ZipEntry(name);
        if (name.endsWith(".jar")) {
          // Jars are compressed already: stored, they cost no time to pack or unpack.
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          try (var in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
              crc.update(buf, 0, n);
            }
          }
          e.setMethod(ZipEntry.STORED);
          e.setSize(Files.size(f));
          e.setCompressedSize(Files.size(f));
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        Files.copy(f, z);
        z.closeEntry();
      }
    }
  }
}
