package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTests {

  @TempDir Path dir;

  private Splits loadFixture(int train, int validation, int test) throws Exception {
    IdxFixtures.fashionFolder(dir, 12, 5);
    FashionMnist.Builder options =
        FashionMnist.builder().trainSize(train).validationSize(validation).testSize(test);
    return FashionMnist.load(
        dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"),
        dir.resolve("t10k-images-idx3-ubyte.gz"),
        dir.resolve("t10k-labels-idx1-ubyte.gz"),
        options);
  }

  @Test
  void pixelsAreScaledToUnitRangeAndFlattened() throws Exception {
    Splits data = loadFixture(8, 4, 5);
    assertEquals(8, data.train().size());
    assertEquals(4, data.validation().size());
    assertEquals(5, data.test().size());
    assertArrayEquals(new long[] {5, 784}, data.test().features().shape());
    assertEquals(FashionMnist.LABEL_NAMES, data.test().labelNames());
    // Test image i has every pixel 10 * i and label i, in file order when all are used.
    for (int i = 0; i < 5; i++) {
      assertEquals(10 * i / 255.0, data.test().features().getDouble(i, 300), 1e-6);
      assertEquals(i, data.test().labelIndices()[i]);
    }
  }

  @Test
  void validationAndTrainingNeverOverlap() throws Exception {
    Splits data = loadFixture(8, 4, 5);
    // Each fixture training image has a unique pixel value 10 * i, which identifies it.
    Set<Long> seen = new HashSet<>();
    for (Dataset part : new Dataset[] {data.train(), data.validation()}) {
      for (int i = 0; i < part.size(); i++) {
        long id = Math.round(part.features().getDouble(i, 0) * 255 / 10);
        assertTrue(seen.add(id), "image " + id + " is in both sets");
        assertEquals(id % 10, part.labelIndices()[i], "label travels with its image");
      }
    }
    assertEquals(12, seen.size());
  }

  @Test
  void tooLargeSplitIsRejectedWithTheAvailableCount() throws Exception {
    var e = assertThrows(IllegalArgumentException.class, () -> loadFixture(10, 4, 5));
    assertTrue(e.getMessage().contains("only 12 training images"), e.getMessage());
  }

  @Test
  void imageAndLabelCountsMustAgree() throws Exception {
    IdxFixtures.fashionFolder(dir, 12, 5);
    IdxFixtures.write(
        dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFixtures.gzip(IdxFixtures.labels(4)));
    var e =
        assertThrows(
            DatasetCorruptException.class,
            () ->
                FashionMnist.load(
                    dir.resolve("train-images-idx3-ubyte.gz"),
                    dir.resolve("train-labels-idx1-ubyte.gz"),
                    dir.resolve("t10k-images-idx3-ubyte.gz"),
                    dir.resolve("t10k-labels-idx1-ubyte.gz"),
                    FashionMnist.builder().trainSize(2).validationSize(2).testSize(2)));
    assertTrue(e.getMessage().contains("4 labels but t10k-images"), e.getMessage());
  }

  @Test
  void builderRejectsFilesWhoseSizeIsNotAKnownCopy() throws Exception {
    // Right names, wrong sizes: the catalogue's size check stops loading before any parsing.
    IdxFixtures.fashionFolder(dir, 12, 5);
    var e =
        assertThrows(
            DatasetCorruptException.class, () -> FashionMnist.builder().directory(dir).load());
    assertTrue(e.getMessage().contains("bytes but a good copy has 26421880"), e.getMessage());
  }

  @Test
  void missingFolderListsWhereItLookedAndTheFix() {
    Path empty = dir.resolve("nothing-here");
    var e =
        assertThrows(
            DatasetMissingException.class, () -> FashionMnist.builder().directory(empty).load());
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"));
    assertTrue(e.getMessage().contains("./course fetch fashion-mnist"));
  }

  @Test
  void realDataLoadsInSmokeSizesWhenInstalled() {
    // Runs against the Debian package where it is installed (CI installs it); never downloads.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Catalogue.DEBIAN_FASHION_MNIST), "dataset-fashion-mnist not installed");
    Splits data =
        FashionMnist.builder()
            .directory(Catalogue.DEBIAN_FASHION_MNIST)
            .trainSize(200)
            .validationSize(50)
            .testSize(100)
            .load();
    assertEquals(200, data.train().size());
    assertArrayEquals(new long[] {784}, data.train().exampleShape());
    double max = data.train().features().maxNumber().doubleValue();
    assertTrue(max > 0.9 && max <= 1.0, "pixels scaled to [0, 1], max was " + max);
    assertEquals(10, data.train().numClasses());
  }
}
