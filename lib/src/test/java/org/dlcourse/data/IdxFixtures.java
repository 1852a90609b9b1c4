package org.dlcourse.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests: image i has every pixel equal to 10 * i, label i % 10. */
final class IdxFixtures {

  private IdxFixtures() {}

  static byte[] images(int count, int rows, int columns) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * columns);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * columns; p++) {
        b.put((byte) (10 * i));
      }
    }
    return b.array();
  }

  static byte[] labels(int count) {
    ByteBuffer b = ByteBuffer.allocate(8 + count);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (i % 10));
    }
    return b.array();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /**
   * A Fashion-MNIST-shaped folder: {@code trainCount} and {@code testCount} 28x28 images, gzipped.
   */
  static Path fashionFolder(Path dir, int trainCount, int testCount) throws IOException {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(trainCount, 28, 28)));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(trainCount)));
    write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(testCount, 28, 28)));
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(testCount)));
    return dir;
  }
}
