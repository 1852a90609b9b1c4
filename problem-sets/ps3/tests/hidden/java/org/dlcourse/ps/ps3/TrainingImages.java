package org.dlcourse.ps.ps3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.DataLocations;
import org.dlcourse.data.IdxReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST's training images only. The grader withholds the test images from every test JVM
 * of this problem set ({@code heldOut=fashion-mnist-test}): its judge measures the trained model on
 * them, outside the sandbox. So the tests train on, and check themselves against, disjoint seeded
 * samples of the 60,000 training images.
 *
 * @param features {@code [n, 784]} pixels in [0, 1] (as the course library scales them)
 * @param labels {@code [n, 10]} one-hot
 * @param classes {@code [n]} class indices
 */
record TrainingImages(INDArray features, INDArray labels, int[] classes) {

  /** Training and validation samples of the given sizes, disjoint, chosen by {@code seed}. */
  static TrainingImages[] load(int train, int validation, long seed) {
    Path dir = folder();
    IdxReader.Images images = IdxReader.readImages(file(dir, "train-images-idx3-ubyte"));
    IdxReader.Labels labels = IdxReader.readLabels(file(dir, "train-labels-idx1-ubyte"));
    int[] order = new int[images.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new TrainingImages[] {
      pick(images, labels, order, 0, train), pick(images, labels, order, train, train + validation)
    };
  }

  private static TrainingImages pick(
      IdxReader.Images images, IdxReader.Labels labels, int[] order, int from, int to) {
    int pixels = images.rows() * images.columns();
    float[][] x = new float[to - from][pixels];
    float[][] y = new float[to - from][10];
    int[] c = new int[to - from];
    for (int i = from; i < to; i++) {
      int k = order[i];
      for (int p = 0; p < pixels; p++) {
        x[i - from][p] = (images.pixels()[k * pixels + p] & 0xFF) / 255f;
      }
      c[i - from] = labels.labels()[k] & 0xFF;
      y[i - from][c[i - from]] = 1;
    }
    return new TrainingImages(Nd4j.create(x), Nd4j.create(y), c);
  }

  /** The same as doubles (the from-scratch layers compute in double). */
  TrainingImages asDouble() {
    return new TrainingImages(
        features.castTo(DataType.DOUBLE), labels.castTo(DataType.DOUBLE), classes);
  }

  /**
   * The same images, each moved by {@code (dy, dx)} drawn from one {@code Random(seed)} in order:
   * both uniform in -4..4, redrawn until the larger of {@code |dy|, |dx|} is at least 2; zeros
   * come in. The test's own copy of the shift the grader applies to its held-out images.
   */
  TrainingImages shifted(long seed) {
    float[][] x = features.toFloatMatrix(); // [n, 784], row-major 28 x 28
    Random r = new Random(seed);
    float[][] out = new float[x.length][784];
    for (int i = 0; i < x.length; i++) {
      int dy;
      int dx;
      do {
        dy = r.nextInt(9) - 4;
        dx = r.nextInt(9) - 4;
      } while (Math.max(Math.abs(dy), Math.abs(dx)) < 2);
      for (int row = Math.max(0, dy); row < Math.min(28, 28 + dy); row++) {
        for (int col = Math.max(0, dx); col < Math.min(28, 28 + dx); col++) {
          out[i][row * 28 + col] = x[i][(row - dy) * 28 + col - dx];
        }
      }
    }
    return new TrainingImages(Nd4j.create(out), labels, classes);
  }

  /** The grader's {@code dlcourse.data} folder, else where the course library finds the data. */
  private static Path folder() {
    String data = System.getProperty("dlcourse.data");
    if (data != null && Files.isDirectory(Path.of(data, "fashion-mnist"))) {
      return Path.of(data, "fashion-mnist");
    }
    return DataLocations.find(Catalogue.FASHION_MNIST).location().dir();
  }

  private static Path file(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : dir.resolve(name);
  }
}
