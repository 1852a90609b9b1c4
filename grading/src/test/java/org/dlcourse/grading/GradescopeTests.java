package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.run.TestRuntime;
import org.dlcourse.grading.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gradescope autograder zip, unpacked into a folder laid out like /autograder and run. */
class GradescopeTests {

  /** Whether this JVM runs as root (the container mode switches uids, which only root can). */
  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void autograderZipGivesTheReferenceFullMarksAndTheStubsZero(@TempDir Path tmp) throws Exception {
    // A generous time limit: the forger below scans its whole memory, on a possibly loaded machine.
    Fixture f = new Fixture(tmp, "limits.testTimeoutSeconds=120");
    Fixture.Run build = f.cli("gradescope", "sample", "--out", "ag.zip");
    assertEquals(0, build.status(), build.output());
    Path zip = f.repo.resolve("ag.zip");

    // The zip holds the grader, compiled tests and the stubs, never the reference sources.
    List<String> names = new ArrayList<>();
    Path autograder = tmp.resolve("autograder");
    Path source = autograder.resolve("source");
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        names.add(e.getName());
        Path to = source.resolve(e.getName()).normalize();
        assertTrue(to.startsWith(source), e.getName());
        Files.createDirectories(to.getParent());
        Files.write(to, z.getInputStream(e).readAllBytes());
      }
    }
    assertTrue(names.contains("setup.sh") && names.contains("run_autograder"), names.toString());
    assertTrue(names.contains("grader/compiled/manifest.tsv"), names.toString());
    assertTrue(names.contains("grader/lib/dlcourse-grading.jar"), names.toString());
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("grader/compiled/tests-hidden/")),
        names.toString());
    assertFalse(names.stream().anyMatch(n -> n.contains("reference")), names.toString());
    String stub =
        Files.readString(source.resolve("grader/problem/" + Fixture.PKG + "Activations.java"));
    assertFalse(stub.contains("Math.max(0"), "the reference solution must not ship: " + stub);
    assertFalse(
        names.stream().anyMatch(n -> n.startsWith("grader/problem/tests/hidden")),
        names.toString());

    Path submission = autograder.resolve("submission");
    if (Sandbox.available()) {
      stubsScoreZeroInBubblewrapMode(f, autograder, submission);
    }
    // The container mode runs test JVMs as other uids (setpriv), which needs root: skipped, with
    // that reason, for a contributor without root; the bubblewrap half above still ran.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        isRoot(), "needs root: Gradescope's no-bubblewrap mode switches test JVMs to other uids");
    // The reference solution as a submission folder (what Gradescope unpacks an upload into),
    // graded the way a container without bubblewrap does: test JVMs as unprivileged uids only.
    Fixture.copyTree(f.sample().resolve("src"), submission.resolve("src"));
    // From the public-test JVM, it tries to read the hidden tests and the grader's files and to
    // write results.json; any success fails the public q3 test.
    Path gradients = submission.resolve(Fixture.PKG + "Gradients.java");
    String root = autograder.toString();
    Files.writeString(
        gradients,
        Files.readString(gradients)
            .replace(
                "    double[] grad = new double[x.length];",
                "    if (!System.getProperty(\"java.class.path\").contains(\"hidden\")) {"
                    + " for (String p : new String[] {\""
                    + root
                    + "/grader-work/tests/1-tests-hidden\", \""
                    + root
                    + "/source/grader\"}) { if (new java.io.File(p).list() != null)"
                    + " throw new IllegalStateException(\"LEAK \" + p); }"
                    + " try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                    + root
                    + "/results/results.json\"), \"{}\");"
                    + " throw new IllegalStateException(\"LEAK results\"); }"
                    + " catch (java.io.IOException e) { } }\n"
                    + "    double[] grad = new double[x.length];"));
    String full = runAutograder(autograder, true);
    assertTrue(full.contains("\"score\": 8,"), full);
    assertTrue(full.contains("\"visibility\": \"after_due_date\""), full);

    // In this mode /proc/self/mem is open: the stubs plus RawMemoryTests' forger, which reads the
    // nonce there and reports PASS for every test, still score 0 (every test is judged).
    FileTrees.deleteTree(submission);
    String act =
        Files.readString(
            f.repo.resolve("build/release/sample/" + Fixture.PKG + "Activations.java"));
    int body = act.indexOf('{', act.indexOf("public static double[] relu")) + 1;
    Path pkg = submission.resolve(Fixture.PKG);
    Files.createDirectories(pkg);
    Files.writeString(
        pkg.resolve("Activations.java"),
        act.substring(0, body) + "\n" + RawMemoryTests.FORGER + act.substring(body));
    Files.copy(
        f.repo.resolve("build/release/sample/" + Fixture.PKG + "Gradients.java"),
        pkg.resolve("Gradients.java"));
    String forged = runAutograder(autograder, true);
    assertTrue(forged.contains("\"score\": 0,"), forged);
    assertTrue(forged.contains("values differ from the reference"), forged);
  }

  @Test
  void noZipIsBuiltWhileATestIsNotJudged(@TempDir Path tmp) throws Exception {
    // Its container mode leaves /proc/self/mem and an executable /tmp to student code, so only
    // judged values can be trusted there: a test that records nothing stops the build.
    Fixture f = new Fixture(tmp, "");
    Files.writeString(
        f.sample().resolve("tests/public/java/org/dlcourse/ps/sample/PlainTests.java"),
        "package org.dlcourse.ps.sample;\n"
            + "import org.dlcourse.grading.Points;\n"
            + "import org.junit.jupiter.api.Test;\n"
            + "class PlainTests {\n"
            + "  @Test @Points(question = \"q1\", value = 1) void unjudged() {\n"
            + "    Activations.relu(new double[] {1});\n"
            + "  }\n"
            + "}\n");
    Fixture.Run build = f.cli("gradescope", "sample", "--out", "ag.zip");
    assertEquals(1, build.status(), build.output());
    assertTrue(build.output().contains("PlainTests#unjudged"), build.output());
    assertTrue(build.output().contains("Judge parameter"), build.output());
    assertFalse(Files.exists(f.repo.resolve("ag.zip")), "no zip may be written");
  }

  /** The released stubs, uploaded as the zip `./course submit` writes: zero. */
  private static void stubsScoreZeroInBubblewrapMode(Fixture f, Path autograder, Path submission)
      throws Exception {
    FileTrees.deleteTree(submission);
    Files.createDirectories(submission);
    Fixture.Run submit =
        f.cli(
            "submit",
            "sample",
            "--student",
            "bob",
            "--dir",
            "build/release/sample",
            "--out",
            submission.resolve("sample-bob.zip").toString());
    assertEquals(0, submit.status(), submit.output());
    String zero = runAutograder(autograder, false);
    assertTrue(zero.contains("\"score\": 0,"), zero);
    assertTrue(zero.contains("not implemented"), zero);
    FileTrees.deleteTree(submission);
  }

  /** Runs the shipped run_autograder with the root relocated; returns results.json. */
  static String runAutograder(Path root, boolean noBubblewrap) throws Exception {
    Files.createDirectories(root.resolve("results"));
    Files.deleteIfExists(root.resolve("results/results.json"));
    for (Path p : List.of(root, root.resolve("source"), root.resolve("submission"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
            .redirectErrorStream(true);
    pb.environment().put("AUTOGRADER_ROOT", root.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("AUTOGRADER_NO_BWRAP", noBubblewrap ? "1" : "0");
    // What setup.sh prepares once per image on Gradescope; here the grader's usual cache.
    pb.environment().put("DLCOURSE_RUNTIME_CACHE", TestRuntime.cacheRoot().toString());
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    assertTrue(log.contains(noBubblewrap ? "sandbox: the container" : "sandbox: bubblewrap"), log);
    Path results = root.resolve("results/results.json");
    assertTrue(Files.isRegularFile(results), log);
    return Files.readString(results);
  }
}
