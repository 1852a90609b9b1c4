package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.dlcourse.grading.sandbox.SandboxMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container mode (no bubblewrap) hides held-out data only by file permissions: the grader refuses
 * to start while a test uid could read it.
 */
class HeldOutAccessTests {
  private static Path fashion(Path tmp, String mode) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fashion-mnist"));
    for (String name :
        List.of(
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz")) {
      Path p = Files.write(dir.resolve(name), new byte[] {1, 2, 3});
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
    return dir;
  }

  @Test
  void onlyTheHeldOutFilesOfTheDeclaredSetsAreChecked(@TempDir Path tmp) throws Exception {
    Path dir = fashion(tmp, "rw-r--r--");
    Path words = Files.writeString(tmp.resolve("words"), "a\n");
    List<Path> files = HeldOutAccess.files(Set.of("fashion-mnist-test"), dir, words);
    assertEquals(
        List.of(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")),
        files);
    assertEquals(List.of(words), HeldOutAccess.files(Set.of("wamerican-words"), dir, words));
    assertEquals(List.of(), HeldOutAccess.files(Set.of(), dir, words));
  }

  @Test
  void worldReadableHeldOutFilesAreRefusedWithTheFix(@TempDir Path tmp) throws Exception {
    Path dir = fashion(tmp, "rw-r--r--");
    List<Path> files = HeldOutAccess.files(Set.of("fashion-mnist-test"), dir, tmp.resolve("none"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> HeldOutAccess.checkPrivate(files));
    String m = e.getMessage();
    assertTrue(m.contains("t10k-images-idx3-ubyte.gz (mode rw-r--r--"), m);
    assertTrue(m.contains("t10k-labels-idx1-ubyte.gz"), m);
    assertTrue(m.contains("chmod 0600 " + dir.toRealPath()), m);
    assertTrue(m.contains("Nothing was graded"), m);
    assertTrue(!m.contains("train-images"), m);
  }

  @Test
  void groupReadableAndLinkedFilesAreRefusedByTheirTarget(@TempDir Path tmp) throws Exception {
    Path dir = fashion(tmp, "rw-r-----");
    Path links = Files.createDirectories(tmp.resolve("links"));
    Path link =
        Files.createSymbolicLink(
            links.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> HeldOutAccess.checkPrivate(List.of(link)));
    assertTrue(e.getMessage().contains("linked from " + link), e.getMessage());
    assertTrue(
        e.getMessage().contains(dir.toRealPath().resolve("t10k-images-idx3-ubyte.gz").toString()),
        e.getMessage());
  }

  @Test
  void ownerOnlyFilesPass(@TempDir Path tmp) throws Exception {
    Path dir = fashion(tmp, "rw-------");
    List<Path> files = HeldOutAccess.files(Set.of("fashion-mnist-test"), dir, tmp.resolve("none"));
    assertEquals(2, files.size());
    assertDoesNotThrow(() -> HeldOutAccess.checkPrivate(files));
  }

  @Test
  void aFileOwnedByATestUidIsRefusedEvenIfPrivate(@TempDir Path tmp) throws Exception {
    assumeTrue(SandboxMode.isRoot(), "needs root to give a file to uid 61000");
    Path dir = fashion(tmp, "rw-------");
    Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
    Files.setAttribute(images, "unix:uid", 61_000);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> HeldOutAccess.checkPrivate(List.of(images)));
    assertTrue(e.getMessage().contains("owner uid 61000"), e.getMessage());
  }

  @Test
  void onlyContainerModeIsChecked(@TempDir Path tmp) throws Exception {
    Path dir = fashion(tmp, "rw-r--r--");
    Path none = tmp.resolve("none");
    Set<String> heldOut = Set.of("fashion-mnist-test");
    SandboxMode.Kind container = SandboxMode.Kind.CONTAINER;
    // bubblewrap binds only the training files into a test JVM: permissions do not matter there
    assertDoesNotThrow(
        () -> HeldOutAccess.check(SandboxMode.Kind.BUBBLEWRAP, true, heldOut, dir, none));
    // a problem set that withholds nothing
    assertDoesNotThrow(() -> HeldOutAccess.check(container, true, Set.of(), dir, none));
    assertThrows(
        IllegalStateException.class,
        () -> HeldOutAccess.check(container, true, heldOut, dir, none));
    Path closed = fashion(Files.createDirectories(tmp.resolve("closed")), "rw-------");
    assertDoesNotThrow(() -> HeldOutAccess.check(container, true, heldOut, closed, none));
  }

  @Test
  void containerModeWithoutRootRefusesAnyHeldOutSet(@TempDir Path tmp) throws Exception {
    Path closed = fashion(tmp, "rw-------");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                HeldOutAccess.check(
                    SandboxMode.Kind.CONTAINER,
                    false,
                    Set.of("fashion-mnist-test"),
                    closed,
                    tmp.resolve("none")));
    assertTrue(e.getMessage().contains("Grade as root"), e.getMessage());
    // the real mode as this process runs it agrees with the parts given above
    assertEquals(SandboxMode.isRoot(), SandboxMode.gradescope(false).switchesUser());
  }
}
