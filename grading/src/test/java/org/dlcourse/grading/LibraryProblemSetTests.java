package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.gradescope.LibraryFetch;
import org.dlcourse.grading.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 7: a problem set that uses the course library, ND4J and DL4J ({@code
 * grading/src/test/resources/problem-sets/tinynet}: a dense layer in ND4J, a tiny network trained
 * on Fashion-MNIST) is graded in the sandbox: full marks for the reference, zero for the stubs, in
 * {@code grade} and in both Gradescope modes.
 */
class LibraryProblemSetTests {
  static final String SOURCE = "grading/src/test/resources/problem-sets/tinynet";
  static final String PKG = "src/main/java/org/dlcourse/ps/tinynet/";

  @Test
  void aDl4jProblemSetIsGradedFullForTheReferenceAndZeroForTheStubs(@TempDir Path tmp)
      throws Exception {
    assumeTrue(Sandbox.available(), "needs bubblewrap (" + Sandbox.INSTALL_HINT + ")");
    Fixture f = new Fixture(tmp, SOURCE, "");
    // gradescope = release + validation (reference full marks, stubs at most the floor) + zip.
    long start = System.nanoTime();
    Fixture.Run build = f.cli("gradescope", "tinynet", "--out", "ag.zip");
    System.out.printf(
        "BENCHMARK tinynet gradescope build: %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(0, build.status(), build.output());

    // check (and Grader.check, the same Autograder.check): the student's copy, same limits.
    Path alice = tmp.resolve("alice");
    Fixture.copyTree(f.repo.resolve("build/release/tinynet"), alice);
    Fixture.Run stubCheck = f.cli("check", "tinynet", "--dir", alice.toString());
    assertTrue(stubCheck.output().contains("public tests: 0 / 2 points"), stubCheck.output());
    Files.writeString(
        alice.resolve(PKG + "TinyNet.java"),
        Files.readString(f.repo.resolve("problem-sets/tinynet/" + PKG + "TinyNet.java"))
            .replaceAll("(?m)^\\s*// (BEGIN|END) SOLUTION.*\n", ""));
    Fixture.Run refCheck = f.cli("check", "tinynet", "--dir", alice.toString());
    assertTrue(refCheck.output().contains("public tests: 2 / 2 points"), refCheck.output());

    Path subs = tmp.resolve("subs");
    Fixture.copyTree(f.repo.resolve("problem-sets/tinynet/src"), subs.resolve("tinynet-ref/src"));
    Fixture.copyTree(f.repo.resolve("build/release/tinynet/src"), subs.resolve("tinynet-stub/src"));
    start = System.nanoTime();
    Fixture.Run grade = f.cli("grade", "tinynet", subs.toString(), "--out", "g");
    System.out.printf(
        "BENCHMARK tinynet grade (2 submissions): %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(0, grade.status(), grade.output());
    String ref = Files.readString(f.repo.resolve("g/ref/feedback.txt"));
    assertTrue(ref.contains("Score: 5 / 5"), ref);
    String stub = Files.readString(f.repo.resolve("g/stub/feedback.txt"));
    assertTrue(stub.contains("Score: 0 / 5"), stub);
    assertTrue(stub.contains("not implemented"), stub);

    Path autograder = tmp.resolve("autograder");
    List<String> names = unzip(f.repo.resolve("ag.zip"), autograder.resolve("source"));
    assertTrue(names.contains("grader/library/classpath.txt"), names.toString());
    // ND4J, DL4J and the rest come from Maven Central in setup.sh, checked against the build's
    // SHA-256: listed, not shipped (the zip was about 180 MB with them).
    assertTrue(names.contains("grader/library/" + LibraryFetch.LIST), names.toString());
    assertFalse(names.stream().anyMatch(n -> n.contains("nd4j-native")), names.toString());
    long size = Files.size(f.repo.resolve("ag.zip"));
    System.out.printf("BENCHMARK tinynet autograder zip: %.1f MB%n", size / 1e6);
    assertTrue(size < 20_000_000, size + " bytes");
    Path library = autograder.resolve("source/grader/library");
    // setup.sh's fetch, from the local repository (a file: URL) instead of Central.
    LibraryFetch.fetch(library, LibraryFetch.localRepository().toUri().toString(), System.out);
    assertTrue(
        Files.readString(library.resolve("classpath.txt")).contains("central/org/nd4j/nd4j-native"),
        "the fetched natives are on the shipped classpath");
    assertFalse(names.stream().anyMatch(n -> n.contains("reference")), names.toString());
    String shipped =
        Files.readString(autograder.resolve("source/grader/problem/" + PKG + "TinyNet.java"));
    assertFalse(shipped.contains("mmul"), "the reference solution must not ship: " + shipped);

    Path submission = autograder.resolve("submission");
    for (boolean container : isRoot() ? new boolean[] {false, true} : new boolean[] {false}) {
      submit(subs.resolve("tinynet-ref"), submission);
      String full = GradescopeTests.runAutograder(autograder, container);
      assertTrue(full.contains("\"score\": 5,"), (container ? "container: " : "bwrap: ") + full);
      submit(subs.resolve("tinynet-stub"), submission);
      String zero = GradescopeTests.runAutograder(autograder, container);
      assertTrue(zero.contains("\"score\": 0,"), (container ? "container: " : "bwrap: ") + zero);
    }
    // Gradescope's no-bubblewrap mode switches test JVMs to other uids, which needs root.
    assumeTrue(isRoot(), "needs root: Gradescope's container mode (the bubblewrap half ran)");
  }

  private static boolean isRoot() {
    return GradescopeTests.isRoot();
  }

  /** Puts one submission folder where Gradescope unpacks an upload. */
  private static void submit(Path from, Path submission) throws Exception {
    FileTrees.deleteTree(submission);
    Fixture.copyTree(from, submission);
  }

  static List<String> unzip(Path zip, Path to) throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        names.add(e.getName());
        Path dest = to.resolve(e.getName()).normalize();
        assertTrue(dest.startsWith(to), e.getName());
        Files.createDirectories(dest.getParent());
        try (var in = z.getInputStream(e)) {
          Files.copy(in, dest);
        }
      }
    }
    return names;
  }
}
