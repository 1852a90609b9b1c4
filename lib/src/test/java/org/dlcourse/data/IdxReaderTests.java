package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTests {

  @TempDir Path dir;

  @Test
  void readsFiveGzippedImagesAndLabels() throws Exception {
    Path images =
        IdxFixtures.write(dir.resolve("i.gz"), IdxFixtures.gzip(IdxFixtures.images(5, 3, 2)));
    Path labels = IdxFixtures.write(dir.resolve("l.gz"), IdxFixtures.gzip(IdxFixtures.labels(5)));
    IdxReader.Images x = IdxReader.readImages(images);
    assertEquals(5, x.count());
    assertEquals(3, x.rows());
    assertEquals(2, x.columns());
    assertEquals(5 * 3 * 2, x.pixels().length);
    assertEquals(40, x.pixels()[4 * 6] & 0xFF); // image 4 is all 40s
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, IdxReader.readLabels(labels).labels());
  }

  @Test
  void readsUncompressedFilesToo() throws Exception {
    Path images = IdxFixtures.write(dir.resolve("images"), IdxFixtures.images(5, 28, 28));
    assertEquals(5, IdxReader.readImages(images).count());
  }

  @Test
  void truncatedGzipIsNamedAsTruncated() throws Exception {
    byte[] gz = IdxFixtures.gzip(IdxFixtures.images(5, 28, 28));
    Path file = IdxFixtures.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    var e = assertThrows(DatasetCorruptException.class, () -> IdxReader.readImages(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains("ends early"), e.getMessage());
  }

  @Test
  void damagedGzipDataIsDetected() throws Exception {
    byte[] gz = IdxFixtures.gzip(IdxFixtures.images(5, 28, 28));
    gz[gz.length - 6] ^= 0x55; // flip bits in the CRC-32 trailer
    Path file = IdxFixtures.write(dir.resolve("bad.gz"), gz);
    var e = assertThrows(DatasetCorruptException.class, () -> IdxReader.readImages(file));
    assertTrue(e.getMessage().contains("bad gzip data"), e.getMessage());
  }

  @Test
  void wrongMagicNumberSaysImagesVersusLabels() throws Exception {
    Path labels = IdxFixtures.write(dir.resolve("labels"), IdxFixtures.labels(5));
    var e = assertThrows(DatasetCorruptException.class, () -> IdxReader.readImages(labels));
    assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
  }

  @Test
  void headerPromisingMoreDataThanThereIsIsTruncated() throws Exception {
    byte[] images = IdxFixtures.images(5, 28, 28);
    Path file = IdxFixtures.write(dir.resolve("short"), Arrays.copyOf(images, images.length - 1));
    var e = assertThrows(DatasetCorruptException.class, () -> IdxReader.readImages(file));
    assertTrue(e.getMessage().contains("(truncated)"), e.getMessage());
    Path tiny = IdxFixtures.write(dir.resolve("tiny"), new byte[] {0, 0, 8});
    var e2 = assertThrows(DatasetCorruptException.class, () -> IdxReader.readLabels(tiny));
    assertTrue(e2.getMessage().contains("fewer than the 8-byte header"), e2.getMessage());
  }

  @Test
  void missingFileIsAMissingDataError() {
    assertThrows(DatasetMissingException.class, () -> IdxReader.readImages(dir.resolve("none")));
  }
}
