package org.dlcourse.grading.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Held-out data the judge measures submitted models on, read on the grader's host only. A problem
 * set that uses one declares it ({@code heldOut=fashion-mnist-test} in {@code
 * assignment.properties}); its test JVMs then see only the training files ({@link
 * TestRuntime#jvmFlags}), and Gradescope's {@code setup.sh} makes these files root-only.
 *
 * @param name the set's name
 * @param features {@code [n][inputs]}, pixels scaled to [0, 1] (as the course library does)
 * @param labels {@code [n]} class indices
 * @param classes the number of classes
 */
record HeldOut(String name, float[][] features, int[] labels, int classes) {
  /** The held-out sets the judge knows. */
  static final Set<String> NAMES = Set.of("fashion-mnist-test");

  /** Fashion-MNIST's files a test JVM of a set that withholds its test set never sees. */
  static final Set<String> FASHION_MNIST_TEST_FILES =
      Set.of(
          "t10k-images-idx3-ubyte",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte",
          "t10k-labels-idx1-ubyte.gz");

  private static final Map<String, HeldOut> CACHE = new ConcurrentHashMap<>();

  /** The set called {@code name}, read once per grader process. */
  static HeldOut get(String name) throws IOException {
    if (!NAMES.contains(name)) {
      throw new IOException("unknown held-out set " + name + "; known: " + NAMES);
    }
    HeldOut h = CACHE.get(name);
    if (h == null) {
      h = fashionMnistTest(TestRuntime.fashionMnistDir());
      CACHE.put(name, h);
    }
    return h;
  }

  /** Fashion-MNIST's 10,000 t10k images and labels from {@code dir}. */
  static HeldOut fashionMnistTest(Path dir) throws IOException {
    if (dir == null) {
      throw new IOException(
          "no Fashion-MNIST folder on the grader's machine (install dataset-fashion-mnist)");
    }
    ByteBuffer images = ByteBuffer.wrap(read(dir, "t10k-images-idx3-ubyte"));
    ByteBuffer labels = ByteBuffer.wrap(read(dir, "t10k-labels-idx1-ubyte"));
    if (images.getInt(0) != 0x803 || labels.getInt(0) != 0x801) {
      throw new IOException("t10k files in " + dir + " are not IDX images and labels");
    }
    int n = images.getInt(4);
    int pixels = images.getInt(8) * images.getInt(12);
    if (n != labels.getInt(4) || images.capacity() != 16L + (long) n * pixels) {
      throw new IOException("t10k files in " + dir + " disagree on their sizes");
    }
    float[][] x = new float[n][pixels];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < pixels; j++) {
        x[i][j] = (images.get(16 + i * pixels + j) & 0xFF) / 255f;
      }
      y[i] = labels.get(8 + i) & 0xFF;
    }
    return new HeldOut("fashion-mnist-test", x, y, 10);
  }

  /** Images and labels picked from a data set. */
  record Images(float[][] features, int[] labels) {}

  /**
   * Fashion-MNIST's <em>training</em> images at these indices (0 to 59,999), pixels in [0, 1], read
   * on the grader's host (the test JVMs read the same files; an attack judge needs the very images
   * a test attacked).
   */
  static Images fashionMnistTrain(String[] indices) throws IOException, ModelJudge.BadModel {
    Path dir = TestRuntime.fashionMnistDir();
    if (dir == null) {
      throw new IOException(
          "no Fashion-MNIST folder on the grader's machine (install dataset-fashion-mnist)");
    }
    ByteBuffer images = ByteBuffer.wrap(read(dir, "train-images-idx3-ubyte"));
    ByteBuffer labels = ByteBuffer.wrap(read(dir, "train-labels-idx1-ubyte"));
    int n = images.getInt(4);
    int pixels = images.getInt(8) * images.getInt(12);
    float[][] x = new float[indices.length][pixels];
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int k = Integer.parseInt(indices[i]);
      if (k >= n || k >= labels.getInt(4)) {
        throw new ModelJudge.BadModel(
            "image index " + k + " is past the " + n + " training images");
      }
      for (int j = 0; j < pixels; j++) {
        x[i][j] = (images.get(16 + k * pixels + j) & 0xFF) / 255f;
      }
      y[i] = labels.get(8 + k) & 0xFF;
    }
    return new Images(x, y);
  }

  /** An IDX file's bytes ({@code name}, or {@code name.gz} decompressed). */
  static byte[] read(Path dir, String name) throws IOException {
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
      }
    }
    return Files.readAllBytes(dir.resolve(name));
  }
}
