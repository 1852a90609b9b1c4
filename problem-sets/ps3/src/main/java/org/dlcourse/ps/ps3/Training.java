package org.dlcourse.ps.ps3;

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

  /** Trains a fresh network of this configuration on data's training set; returns test accuracy. */
  public static double fitAndEvaluate(MultiLayerConfiguration conf, Splits data, long seed) {
    return fitAndEvaluate(conf, data, seed, EPOCHS);
  }

  /** The same with another number of epochs (the notebook's smoke mode uses 1). */
  public static double fitAndEvaluate(
      MultiLayerConfiguration conf, Splits data, long seed, int epochs) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    for (int epoch = 0; epoch < epochs; epoch++) {
      net.fit(data.train().batches(BATCH, true, seed * 1_000 + epoch));
    }
    return accuracy(net, data.test());
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
