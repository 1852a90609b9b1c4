package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlcourse.grading.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root instructor's course often lies where the sandbox uid cannot go: a clone under {@code
 * /root} or in {@code mktemp -d}, both mode 700. Validating and grading still work there, with the
 * results, feedback and the manifest where they were asked for, and nothing to {@code chmod}.
 */
class PrivateFolderGradingTests {

  @Test
  void aCourseInAMode700FolderIsValidatedAndGradedInTheSandbox(@TempDir Path tmp) throws Exception {
    assumeTrue(Sandbox.available(), "needs a working bubblewrap");
    Fixture f = new Fixture(tmp, "");
    Path subs = tmp.resolve("subs");
    Path alice = subs.resolve("alice");
    for (String file : new String[] {"Activations.java", "Gradients.java"}) {
      Path to = alice.resolve(Fixture.PKG + file);
      Files.createDirectories(to.getParent());
      Files.writeString(to, f.reference(file));
    }
    // Only now: the whole tree becomes private to the grader's user, as in mktemp -d.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));

    Fixture.Run validate = f.cli("validate", "sample");
    assertEquals(0, validate.status(), validate.output());
    assertTrue(validate.output().contains("(full marks)"), validate.output());

    Fixture.Run grade = f.cli("grade", "sample", subs.toString(), "--out", "grades");
    assertEquals(0, grade.status(), grade.output());
    Path grades = f.repo.resolve("grades");
    String results = Files.readString(grades.resolve("alice/results.json"));
    assertTrue(results.contains("\"score\": 8,"), results);
    assertTrue(Files.isRegularFile(grades.resolve(".grader/manifest.tsv")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
    // The course-grades step reads the manifest from the graded folder.
    Fixture.Run book = f.cli("gradebook", "grades");
    assertEquals(0, book.status(), book.output());

    // The Gradescope zip ships what release compiled (in the stand-in), and its autograder grades
    // from an unpacked copy that lies in the same private folder.
    Fixture.Run zip = f.cli("gradescope", "sample", "--out", "ag.zip");
    assertEquals(0, zip.status(), zip.output());
    Path autograder = tmp.resolve("autograder");
    Path source = autograder.resolve("source");
    try (ZipFile z = new ZipFile(f.repo.resolve("ag.zip").toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        Path to = source.resolve(e.getName()).normalize();
        assertTrue(to.startsWith(source), e.getName());
        Files.createDirectories(to.getParent());
        Files.write(to, z.getInputStream(e).readAllBytes());
      }
    }
    Path submission = Files.createDirectories(autograder.resolve("submission"));
    Fixture.copyTree(alice, submission);
    String graded = GradescopeTests.runAutograder(autograder, false);
    assertTrue(graded.contains("\"score\": 8,"), graded);
  }
}
