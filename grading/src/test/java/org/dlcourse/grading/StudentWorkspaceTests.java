package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.dlcourse.grading.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's side: {@code start} sets up workspace/psN from a release; {@code check} and {@code
 * submit} use it by default and refuse every instructor source (they must never read a reference
 * solution or hidden tests).
 */
class StudentWorkspaceTests {

  @Test
  void studentCommandsNeverReadTheInstructorSource(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");

    // No workspace yet: no default falls back to problem-sets/sample.
    for (String[] args :
        List.of(
            new String[] {"check", "sample"},
            new String[] {"submit", "sample", "--student", "a"})) {
      Fixture.Run r = cli(f, args);
      assertEquals(2, r.status(), r.output());
      assertTrue(r.output().contains("./course start sample"), r.output());
    }
    // Pointing at the instructor source is refused, naming the command to use.
    Fixture.Run direct = cli(f, "check", "sample", "--dir", "problem-sets/sample");
    assertEquals(2, direct.status(), direct.output());
    assertTrue(direct.output().contains("instructor's source of sample"), direct.output());
    assertTrue(direct.output().contains("./course start sample"), direct.output());
    Fixture.Run zip =
        cli(
            f,
            "submit",
            "sample",
            "--student",
            "a",
            "--dir",
            "problem-sets/sample",
            "--out",
            "a.zip");
    assertEquals(2, zip.status(), zip.output());
    assertFalse(Files.exists(f.repo.resolve("a.zip")), "nothing may be zipped from the source");

    // A copy of the source elsewhere is recognised by its hidden tests, or by a solution region.
    Path copy = tmp.resolve("elsewhere/sample");
    Fixture.copyTree(f.sample(), copy);
    Fixture.Run hidden = cli(f, "check", "sample", "--dir", copy.toString());
    assertEquals(2, hidden.status(), hidden.output());
    assertTrue(hidden.output().contains("it has hidden tests"), hidden.output());
    FileTrees.deleteTree(copy.resolve("tests/hidden"));
    Fixture.Run region = cli(f, "submit", "sample", "--student", "a", "--dir", copy.toString());
    assertEquals(2, region.status(), region.output());
    assertTrue(region.output().contains("has a solution region"), region.output());

    // start from the instructor source is refused too.
    Fixture.Run fromSource = cli(f, "start", "sample", "--from", "problem-sets/sample");
    assertEquals(2, fromSource.status(), fromSource.output());
    assertFalse(Files.exists(f.repo.resolve("workspace/sample")));
  }

  @Test
  void startCheckAndSubmitWorkInTheWorkspace(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");
    assertEquals(0, cli(f, "release", "sample").status());
    Path releaseZip = f.repo.resolve("build/release/sample.zip");
    assertEquals("rw-r--r--", mode(releaseZip));

    // The student has only the zip: no instructor sources on the machine.
    Path zipOnly = tmp.resolve("downloads/sample.zip");
    Files.createDirectories(zipOnly.getParent());
    Files.copy(releaseZip, zipOnly);
    FileTrees.deleteTree(f.repo.resolve("problem-sets"));
    FileTrees.deleteTree(f.repo.resolve("build"));

    Fixture.Run start = cli(f, "start", "sample", "--from", zipOnly.toString());
    assertEquals(0, start.status(), start.output());
    Path ws = f.repo.resolve("workspace/sample");
    Path activations = ws.resolve(Fixture.PKG + "Activations.java");
    String stub = Files.readString(activations);
    assertTrue(stub.contains("// TODO: apply max(0, z[i])"), stub);
    assertTrue(stub.lines().allMatch(l -> l.length() <= 100), "a stub line is too long:\n" + stub);

    // start again never overwrites the student's work.
    String marker = "// student's work " + System.nanoTime();
    Files.writeString(activations, stub.replace("private Activations() {}", marker));
    assertEquals(0, cli(f, "start", "sample", "--from", zipOnly.toString()).status());
    assertTrue(Files.readString(activations).contains(marker));

    Fixture.Run check = cli(f, "check", "sample");
    assertEquals(1, check.status(), check.output());
    assertTrue(check.output().contains("public tests: 0 / 5 points"), check.output());

    List<Path> before = submitChecks();
    Fixture.Run submit = cli(f, "submit", "sample", "--student", "alice");
    assertEquals(0, submit.status(), submit.output());
    Path zip = f.repo.resolve("workspace/submissions/sample-alice.zip");
    assertTrue(Files.isRegularFile(zip), submit.output());
    assertEquals("rw-r--r--", mode(zip));
    assertTrue(submit.output().contains("public tests: 0 / 5 points"), submit.output());
    // The grader's unpack check left no copy of the submission behind.
    for (Path p : submitChecks()) {
      if (!before.contains(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          assertFalse(
              s.filter(Files::isRegularFile).anyMatch(x -> contains(x, marker)),
              "submit left " + p);
        }
      }
    }
  }

  @Test
  void instructorCommandsTakeAPrivateSourceFolder(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");
    Path privateDir = tmp.resolve("private-course");
    Fixture.copyTree(f.sample(), privateDir.resolve("sample"));
    FileTrees.deleteTree(f.repo.resolve("problem-sets"));
    Fixture.Run release = cli(f, "release", "sample", "--source", privateDir.toString());
    assertEquals(0, release.status(), release.output());
    assertTrue(Files.isRegularFile(f.repo.resolve("build/release/sample.zip")));
    // A student command pointed into that folder is refused like problem-sets/.
    Fixture.Run check =
        cli(
            f,
            "check",
            "sample",
            "--source",
            privateDir.toString(),
            "--dir",
            privateDir + "/sample");
    assertEquals(2, check.status(), check.output());
    assertTrue(check.output().contains("instructor folder"), check.output());
  }

  /** Runs the CLI like {@code main} does: a refused command is status 2 with its message. */
  private static Fixture.Run cli(Fixture f, String... args) throws Exception {
    try {
      return f.cli(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return new Fixture.Run(2, "error: " + e.getMessage());
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<Path> submitChecks() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("dlcourse-submit-check")).toList();
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
