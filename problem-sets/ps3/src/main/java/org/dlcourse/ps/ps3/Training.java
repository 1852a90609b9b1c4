package org.dlcourse.ps.ps3;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.FashionMnist;
import org.dlcourse.data.Splits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the grader trains and measures a network of q3 (given; nothing to write here). The grader
 * uses its own copy of this procedure, so changing this file changes only what your notebook shows.
 */
public final class Training {
  /** Training images, epochs, mini-batch size and test images. */
  public static final int TRAIN = 2_000;

  public static final int EPOCHS = 3;
  public static final int BATCH = 50;
  public static final int TEST = 1_000;

  private Training() {}

  /** The Fashion-MNIST subset of the grader: flat images [n, 784] in [0, 1], one-hot labels. */
  public static Splits data(long seed) {
    return FashionMnist.builder()
        .trainSize(TRAIN)
        .validationSize(100)
        .testSize(TEST)
        .seed(seed)
        .load();
  }

  /** The smallest and largest shift of a test image, in pixels (the grader's). */
  public static final int MIN_SHIFT = 2;

  public static final int MAX_SHIFT = 4;

  /** Test accuracy on the images as they are, and on the same images shifted ({@link #shifted}). */
  public record Accuracy(double plain, double shifted) {}

  /** Trains a fresh network of this configuration on data's training set; returns test accuracy. */
  public static double fitAndEvaluate(MultiLayerConfiguration conf, Splits data, long seed) {
    return fitAndEvaluate(conf, data, seed, EPOCHS);
  }

  /** The same with another number of epochs (the notebook's smoke mode uses 1). */
  public static double fitAndEvaluate(
      MultiLayerConfiguration conf, Splits data, long seed, int epochs) {
    return accuracy(fit(conf, data, seed, epochs), data.test());
  }

  /**
   * Trains as {@link #fitAndEvaluate} does and measures the test accuracy on plain and on shifted
   * test images: the grader's q3 target is on shifted images.
   */
  public static Accuracy fitAndMeasure(
      MultiLayerConfiguration conf, Splits data, long seed, int epochs) {
    MultiLayerNetwork net = fit(conf, data, seed, epochs);
    return new Accuracy(accuracy(net, data.test()), accuracy(net, shifted(data.test(), seed)));
  }

  private static MultiLayerNetwork fit(
      MultiLayerConfiguration conf, Splits data, long seed, int epochs) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    for (int epoch = 0; epoch < epochs; epoch++) {
      net.fit(data.train().batches(BATCH, true, seed * 1_000 + epoch));
    }
    return net;
  }

  /**
   * The test images moved as the grader moves its held-out images: per image {@code (dy, dx)},
   * both uniform in {@code -MAX_SHIFT..MAX_SHIFT} from one {@code Random(seed)}, redrawn until the
   * larger of {@code |dy|, |dx|} is at least {@code MIN_SHIFT}; pixels pushed out are lost, pixels
   * coming in are 0 (the background). The grader draws with its own seed on its own images.
   */
  public static Dataset shifted(Dataset test, long seed) {
    float[][] x = test.features().toFloatMatrix(); // [n, 784], row-major 28 x 28
    float[][] out = shift(x, MIN_SHIFT, MAX_SHIFT, seed);
    return Dataset.of(Nd4j.create(out), test.labels(), test.labelNames());
  }

  /**
   * Rows of 28 x 28 images {@code x} ({@code [n][784]}), each moved by {@code (dy, dx)} drawn per
   * image in order from one {@code Random(seed)}: both uniform in {@code -hi..hi}, redrawn until
   * {@code max(|dy|, |dx|)} is at least {@code lo}; pixels pushed out are lost, pixels coming in are
   * 0 (the background).
   */
  public static float[][] shift(float[][] x, int lo, int hi, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[x.length][784];
    for (int i = 0; i < x.length; i++) {
      int dy;
      int dx;
      do {
        dy = r.nextInt(2 * hi + 1) - hi;
        dx = r.nextInt(2 * hi + 1) - hi;
      } while (Math.max(Math.abs(dy), Math.abs(dx)) < lo);
      for (int row = Math.max(0, dy); row < Math.min(28, 28 + dy); row++) {
        for (int col = Math.max(0, dx); col < Math.min(28, 28 + dx); col++) {
          out[i][row * 28 + col] = x[i][(row - dy) * 28 + col - dx];
        }
      }
    }
    return out;
  }

  /** The fraction of {@code test} whose most probable class is the label. */
  public static double accuracy(MultiLayerNetwork net, Dataset test) {
    INDArray predicted = Nd4j.argMax(net.output(test.features()), 1);
    int[] truth = test.labelIndices();
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += predicted.getInt(i) == truth[i] ? 1 : 0;
    }
    return right / (double) truth.length;
  }
}
