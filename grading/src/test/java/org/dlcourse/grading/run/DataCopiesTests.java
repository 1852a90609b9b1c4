package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's copies of data folders: reachable, complete, filtered, and never more open. */
class DataCopiesTests {

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aFolderInAPrivateParentIsCopiedWithReadableFilesAndFolders(@TempDir Path tmp)
      throws Exception {
    Path source = Files.createDirectories(tmp.resolve("home/datasets/sklearn"));
    Files.writeString(source.resolve("iris.csv"), "a,b\n1,2\n");
    Files.setPosixFilePermissions(
        source.resolve("iris.csv"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(
        tmp.resolve("home"), PosixFilePermissions.fromString("rwx------"));
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path copy =
        DataCopies.stored(cache, "course", tmp.resolve("home/datasets"), n -> true, Set.of());
    assertEquals("datasets", copy.getFileName().toString());
    assertEquals("a,b\n1,2\n", Files.readString(copy.resolve("sklearn/iris.csv")));
    assertEquals("rw-r--r--", mode(copy.resolve("sklearn/iris.csv")));
    assertEquals("rwxr-xr-x", mode(copy.resolve("sklearn")));
    assertEquals("rwxr-xr-x", mode(copy.getParent()));
    assertTrue(copy.getParent().getFileName().toString().startsWith("data-course-"));
    assertTrue(RuntimeCache.isEntry(copy.getParent().getFileName().toString()));
    // Used again: the same copy; no temporary folder left behind.
    assertEquals(
        copy,
        DataCopies.stored(cache, "course", tmp.resolve("home/datasets"), n -> true, Set.of()));
    try (var s = Files.list(cache)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void aChangedSourceGetsANewCopy(@TempDir Path tmp) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("fashion-mnist"));
    Files.writeString(source.resolve("train-images-idx3-ubyte.gz"), "v1");
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path first = DataCopies.stored(cache, "f", source, n -> true, Set.of());
    Files.writeString(source.resolve("train-images-idx3-ubyte.gz"), "version 2");
    Path second = DataCopies.stored(cache, "f", source, n -> true, Set.of());
    assertNotEquals(first, second);
    assertEquals("version 2", Files.readString(second.resolve("train-images-idx3-ubyte.gz")));
    assertEquals("v1", Files.readString(first.resolve("train-images-idx3-ubyte.gz")));
  }

  @Test
  void heldOutFilesAreLeftOutOrKeepTheirPrivateMode(@TempDir Path tmp) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("fashion-mnist"));
    Files.writeString(source.resolve("train-images-idx3-ubyte.gz"), "TRAIN");
    Path test = source.resolve("t10k-images-idx3-ubyte.gz");
    Files.writeString(test, "TEST");
    Files.setPosixFilePermissions(test, PosixFilePermissions.fromString("rw-------"));
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path train =
        DataCopies.stored(
            cache,
            "fm-train",
            source,
            TestRuntime::isTrainingFile,
            HeldOut.FASHION_MNIST_TEST_FILES);
    assertTrue(Files.exists(train.resolve("train-images-idx3-ubyte.gz")));
    assertFalse(Files.exists(train.resolve("t10k-images-idx3-ubyte.gz")));
    Path all =
        DataCopies.stored(cache, "fm-all", source, n -> true, HeldOut.FASHION_MNIST_TEST_FILES);
    // A root-only held-out file (Gradescope's setup.sh) stays root-only in a full copy.
    assertEquals("rw-------", mode(all.resolve("t10k-images-idx3-ubyte.gz")));
    assertEquals("rw-r--r--", mode(all.resolve("train-images-idx3-ubyte.gz")));
  }

  @Test
  void aLinkedFolderIsCopiedFromWhereItPoints(@TempDir Path tmp) throws Exception {
    Path real = Files.createDirectories(tmp.resolve("elsewhere/fashion-mnist"));
    Files.writeString(real.resolve("train-labels-idx1-ubyte.gz"), "LABELS");
    Path link = Files.createSymbolicLink(tmp.resolve("fashion-mnist"), real);
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path copy = DataCopies.stored(cache, "f", link, n -> true, Set.of());
    assertEquals("fashion-mnist", copy.getFileName().toString());
    assertEquals("LABELS", Files.readString(copy.resolve("train-labels-idx1-ubyte.gz")));
  }

  @Test
  void aMissingFolderSaysWhatToDo(@TempDir Path tmp) {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> DataCopies.stored(tmp, "x", tmp.resolve("absent"), n -> true, Set.of()));
    assertTrue(e.getMessage().contains("./course doctor"), e.getMessage());
  }
}
