package org.dlcourse.ps.ps5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.DataLocations;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.IdxReader;
import org.dlcourse.data.Splits;
import org.dlcourse.generative.ChainRuleLoss;
import org.dlcourse.grading.JudgedModel;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Helpers of the tests: the grader's own copies of the networks, data and training procedure (the
 * student's GanSetup and Robustness may be edited), seeded arrays and numerical gradients.
 */
final class Fixtures {
  private Fixtures() {}

  /** A double array of this shape with entries drawn from N(0, 1) by this seed. */
  static INDArray randn(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, shape);
  }

  /** A double array of this shape with entries uniform in [0, 1) drawn by this seed. */
  static INDArray rand(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape);
  }

  /** n one-hot rows over k classes, class i % k for row i. */
  static INDArray oneHot(int n, int k) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, k);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 7 + 3) % k, 1);
    }
    return y;
  }

  static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " is null; did you return it?");
    }
    return a.dup().castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
  }

  // ------------------------------------------------------------------ the GAN (copy of GanSetup)

  /** G: LATENT -> 16 -> 16 -> 1, leaky ReLU, identity output trained through ChainRuleLoss. */
  static MultiLayerNetwork generator(long seed, IUpdater updater) {
    return gan(seed, 4, 1, true, updater);
  }

  /** D: 1 -> 16 -> 16 -> 1, leaky ReLU, sigmoid output, binary cross-entropy. */
  static MultiLayerNetwork discriminator(long seed, IUpdater updater) {
    return gan(seed, 1, 1, false, updater);
  }

  /** GanSetup's updater: Adam 2e-3, beta1 0.5. */
  static IUpdater ganAdam() {
    return new Adam(2e-3, 0.5, 0.999, 1e-8);
  }

  private static MultiLayerNetwork gan(
      long seed, int in, int out, boolean generator, IUpdater updater) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .list()
                .layer(dense(in, 16))
                .layer(dense(16, 16))
                .layer(
                    new OutputLayer.Builder(generator ? new ChainRuleLoss() : new LossBinaryXENT())
                        .nIn(16)
                        .nOut(out)
                        .activation(generator ? Activation.IDENTITY : Activation.SIGMOID)
                        .build())
                .build());
    net.init();
    return net;
  }

  private static DenseLayer dense(int in, int out) {
    return new DenseLayer.Builder().nIn(in).nOut(out).activation(new ActivationLReLU(0.2)).build();
  }

  /** Central differences of f with respect to every parameter of net (restored afterwards). */
  static double[] parameterGradient(MultiLayerNetwork net, ToDoubleFunction<MultiLayerNetwork> f) {
    INDArray p = net.params();
    double h = 1e-6;
    double[] g = new double[(int) p.length()];
    for (int i = 0; i < g.length; i++) {
      double old = p.getDouble(i);
      p.putScalar(i, old + h);
      double plus = f.applyAsDouble(net);
      p.putScalar(i, old - h);
      double minus = f.applyAsDouble(net);
      p.putScalar(i, old);
      g[i] = (plus - minus) / (2 * h);
    }
    return g;
  }

  /** The first entry where got and want differ by more than tol, as a message, or null. */
  static String firstDifference(String what, double[] got, double[] want, double tol, String hint) {
    if (got.length != want.length) {
      return what + ": expected " + want.length + " entries but got " + got.length;
    }
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])))) {
        return what
            + "["
            + i
            + "] is "
            + got[i]
            + " but should be "
            + want[i]
            + " (difference "
            + Math.abs(got[i] - want[i])
            + "): "
            + hint;
      }
    }
    return null;
  }

  /**
   * A trained dense DL4J network as data for the grader's judge ({@link JudgedModel}): each layer's
   * W [in, out] (row-major) and b [out] with the given activations, one per layer in order.
   */
  static JudgedModel judged(MultiLayerNetwork net, int inputs, String... activations) {
    if (net.getnLayers() != activations.length) {
      throw new AssertionError(
          "expected " + activations.length + " layers but the network has " + net.getnLayers());
    }
    JudgedModel m = JudgedModel.flat(inputs);
    for (int i = 0; i < activations.length; i++) {
      INDArray W = net.getParam(i + "_W");
      INDArray b = net.getParam(i + "_b");
      m =
          m.dense(
              (int) W.size(1),
              activations[i],
              W.dup('c').reshape(W.length()).castTo(DataType.DOUBLE).toDoubleVector(),
              b.dup('c').reshape(b.length()).castTo(DataType.DOUBLE).toDoubleVector());
    }
    return m;
  }

  // ------------------------------------------------------- the classifier (copy of Robustness)

  static final int TRAIN = 2_000;
  static final int EPOCHS = 3;
  static final int BATCH = 50;
  static final int TEST = 500;
  static final double EPS = 0.1;

  /**
   * TRAIN training, 100 validation and TEST "test" images, disjoint samples (seed 1) of
   * Fashion-MNIST's 60,000 <em>training</em> images. The grader withholds the real test images from
   * every test JVM of this problem set ({@code heldOut=fashion-mnist-test}): its judge attacks the
   * adversarially trained model on them itself, outside the sandbox.
   */
  static Splits data() {
    Path dir = folder();
    IdxReader.Images images = IdxReader.readImages(file(dir, "train-images-idx3-ubyte"));
    IdxReader.Labels labels = IdxReader.readLabels(file(dir, "train-labels-idx1-ubyte"));
    int[] order = order(images.count());
    return new Splits(
        pick(images, labels, order, 0, TRAIN),
        pick(images, labels, order, TRAIN, TRAIN + 100),
        pick(images, labels, order, TRAIN + 100, TRAIN + 100 + TEST));
  }

  /** The seeded (1) order in which data() picks the n training images. */
  private static int[] order(int n) {
    int[] order = new int[n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(1);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The indices, in Fashion-MNIST's 60,000 training images, of data().test()'s first k rows. */
  static int[] testIndices(int k) {
    int[] order = order(60_000);
    int[] idx = new int[k];
    System.arraycopy(order, TRAIN + 100, idx, 0, k);
    return idx;
  }

  /** Images order[from..to) as flat float rows [n, 784] in [0, 1] with one-hot labels [n, 10]. */
  private static Dataset pick(
      IdxReader.Images images, IdxReader.Labels labels, int[] order, int from, int to) {
    int pixels = images.rows() * images.columns();
    float[][] x = new float[to - from][pixels];
    float[][] y = new float[to - from][10];
    for (int i = from; i < to; i++) {
      int k = order[i];
      for (int p = 0; p < pixels; p++) {
        x[i - from][p] = (images.pixels()[k * pixels + p] & 0xFF) / 255f;
      }
      y[i - from][labels.labels()[k] & 0xFF] = 1;
    }
    return Dataset.of(Nd4j.create(x), Nd4j.create(y));
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

  static MultiLayerNetwork classifier(long seed, DataType dataType) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(1e-3))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nIn(64)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    return net;
  }

  interface Step {
    void take(MultiLayerNetwork net, INDArray x, INDArray y);
  }

  /** A float classifier of seed 1 trained EPOCHS epochs on data's training set with step. */
  static MultiLayerNetwork train(Splits data, Step step) {
    MultiLayerNetwork net = classifier(1, DataType.FLOAT);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      DataSetIterator batches = data.train().batches(BATCH, true, 1_000 + epoch);
      while (batches.hasNext()) {
        DataSet batch = batches.next();
        step.take(net, batch.getFeatures(), batch.getLabels());
      }
    }
    return net;
  }

  static double accuracy(MultiLayerNetwork net, INDArray x, INDArray y) {
    INDArray predicted = Nd4j.argMax(net.output(x), 1);
    return predicted.eq(Nd4j.argMax(y, 1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
  }
}
