package org.dlcourse.features;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;

/**
 * A small convolutional network that learns <em>local</em> features, as edge histograms are local
 * by design, on 28 x 28 grey images ({@code [n, 1, 28, 28]}, e.g. {@code train.asImages(1, 28,
 * 28)}).
 *
 * <p>Used in the notebook "01 · Why deep learning?" to compare learned and hand-crafted features at
 * a cost that fits a two-core laptop; notebook 07 (convolutional networks) builds such networks
 * layer by layer ({@code Cnns.lenet} is the larger classic). Built by {@link Cnns#builder()}, so
 * the layers and the fast path are the same as in every course CNN.
 *
 * <pre>{@code
 * // [n, 1, 28, 28] -conv 5x5, f1 filters, ReLU-> [n, f1, 24, 24] -max pool 2x2-> [n, f1, 12, 12]
 * //                -conv 5x5, f2 filters, ReLU-> [n, f2, 8, 8]  -max pool 2x2-> [n, f2, 4, 4]
 * //                -> [n, 16 f2] -dense, ReLU-> [n, 64] -softmax-> [n, numClasses]
 * Model model = SmallCnn.of(Seed.derive(3)); // f1 = 8, f2 = 16, 64 dense units, 10 classes
 * }</pre>
 */
public final class SmallCnn {

  /** Filters of the first convolution in {@link #of(long)}. */
  public static final int DEFAULT_FILTERS_1 = 8;

  /** Filters of the second convolution in {@link #of(long)}. */
  public static final int DEFAULT_FILTERS_2 = 16;

  /** Units of the dense layer before the output in {@link #of(long)}. */
  public static final int DEFAULT_DENSE = 64;

  /** Adam's learning rate in {@link #of(long)}. */
  public static final double DEFAULT_LEARNING_RATE = 2e-3;

  private SmallCnn() {}

  /**
   * The default network: 8 then 16 filters of 5 x 5, 10 classes, weights drawn from {@code seed}.
   */
  public static Model of(long seed) {
    return build(DEFAULT_FILTERS_1, DEFAULT_FILTERS_2, 10, seed);
  }

  /**
   * A network with {@code filters1} and {@code filters2} filters of 5 x 5 pixels, He
   * initialisation, Adam with {@code lr = 2e-3}.
   *
   * @param seed draws the initial weights (pass {@code Seed.derive(k)} so that the course's seed
   *     knob reaches it)
   */
  public static Model build(int filters1, int filters2, int numClasses, long seed) {
    return build(filters1, filters2, DEFAULT_DENSE, numClasses, DEFAULT_LEARNING_RATE, seed);
  }

  /**
   * As {@link #build(int, int, int, long)} with a dense ReLU layer of {@code dense} units before
   * the output (none when 0) and Adam's learning rate {@code learningRate}.
   */
  public static Model build(
      int filters1, int filters2, int dense, int numClasses, double learningRate, long seed) {
    if (filters1 < 1 || filters2 < 1) {
      throw new IllegalArgumentException(
          "filters must be >= 1 but were " + filters1 + " and " + filters2);
    }
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            configuration(filters1, filters2, dense, numClasses, learningRate, seed));
    network.init();
    return Model.of(network, "small CNN " + filters1 + "-" + filters2, 1, 28, 28);
  }

  /** The DL4J configuration of {@link #build(int, int, int, int, double, long)}. */
  public static MultiLayerConfiguration configuration(
      int filters1, int filters2, int dense, int numClasses, double learningRate, long seed) {
    return Cnns.builder()
        .filters(filters1, filters2)
        .dense(dense)
        .numClasses(numClasses)
        .learningRate(learningRate)
        .seed(seed)
        .configuration();
  }
}
