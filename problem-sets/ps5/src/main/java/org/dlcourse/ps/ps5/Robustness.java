package org.dlcourse.ps.ps5;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.FashionMnist;
import org.dlcourse.data.Splits;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The classifier, data and training procedure of q2 and q3 (given; nothing to write here). The
 * grader uses its own copy, so editing this file changes only what your notebook shows.
 *
 * <p>Classifier: an MLP 784-64-10 (ReLU, softmax, cross-entropy, Adam 1e-3) on flat Fashion-MNIST
 * images {@code [n, 784]} with pixels in [0, 1]; {@link #TRAIN} training images, {@link #EPOCHS}
 * epochs in batches of {@link #BATCH}; {@link #TEST} held-out test images.
 */
public final class Robustness {
  public static final int TRAIN = 2_000;
  public static final int EPOCHS = 3;
  public static final int BATCH = 50;
  public static final int TEST = 500;

  /** The attack's size in pixel units (pixels lie in [0, 1]). */
  public static final double EPS = 0.1;

  /** One training step on a batch (plain: net.fit(x, y); adversarial: your step). */
  public interface Step {
    void take(MultiLayerNetwork net, INDArray x, INDArray y);
  }

  private Robustness() {}

  /** The Fashion-MNIST subset: flat images [n, 784] in [0, 1], one-hot labels [n, 10]. */
  public static Splits data(long seed) {
    return FashionMnist.builder()
        .trainSize(TRAIN)
        .validationSize(100)
        .testSize(TEST)
        .seed(seed)
        .load();
  }

  /** The classifier, freshly initialised from {@code seed}, in float or double precision. */
  public static MultiLayerNetwork classifier(long seed, DataType dataType) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(dataType)
            .weightInit(WeightInit.RELU)
            .updater(new Adam(1e-3))
            .list()
            .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .nIn(64)
                    .nOut(10)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** A fresh float classifier of {@code seed} trained on data's training set with {@code step}. */
  public static MultiLayerNetwork train(Splits data, long seed, int epochs, Step step) {
    MultiLayerNetwork net = classifier(seed, DataType.FLOAT);
    for (int epoch = 0; epoch < epochs; epoch++) {
      DataSetIterator batches = data.train().batches(BATCH, true, seed * 1_000 + epoch);
      while (batches.hasNext()) {
        DataSet batch = batches.next();
        step.take(net, batch.getFeatures(), batch.getLabels());
      }
    }
    return net;
  }

  /** The provided trained model of q2: plain training, seed 1. */
  public static MultiLayerNetwork standard(Splits data) {
    return train(data, 1, EPOCHS, MultiLayerNetwork::fit);
  }

  /** The fraction of {@code x} whose most probable class is the label. */
  public static double accuracy(MultiLayerNetwork net, INDArray x, INDArray y) {
    INDArray predicted = Nd4j.argMax(net.output(x), 1);
    INDArray truth = Nd4j.argMax(y, 1);
    return predicted.eq(truth).castTo(DataType.DOUBLE).meanNumber().doubleValue();
  }

  /** Accuracy on FGSM examples of {@code test} made against {@code net} itself (white box). */
  public static double robustAccuracy(MultiLayerNetwork net, Dataset test, double eps) {
    INDArray adversarial = Fgsm.attack(net, test.features(), test.labels(), eps);
    return accuracy(net, adversarial, test.labels());
  }
}
