package org.dlcourse.ps.ps3;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.IdxReader;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Instructor tool (never released): the reference {@link CnnDesign} and the largest
 * one-hidden-layer MLP within the budget (784-10-10, ReLU, Adam 3e-3: 7,960 parameters), each
 * trained exactly as the hidden q3 test trains a design (the same 2,000 training images, 3 epochs,
 * batches of 50) for several seeds, and measured as the judge measures it: accuracy on the first
 * 2,000 Fashion-MNIST test images. Seed {@code s} initialises the network with {@code s} and
 * shuffles epoch {@code e} with {@code s * 1000 + e}; seed 1 is exactly the hidden test's run. Run
 * it with {@code problem-sets/measure.sh ps3 1 2 3}.
 */
public final class SeedSweep {
  private SeedSweep() {}

  public static void main(String[] args) {
    TrainingImages train = TrainingImages.load(2_000, 500, 1)[0];
    Path dir = Path.of(System.getProperty("fashion.mnist", "/usr/share/datasets/fashion-mnist"));
    IdxReader.Images images = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
    IdxReader.Labels labels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    int n = 2_000;
    float[][] x = new float[n][784];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 784; p++) {
        x[i][p] = (images.pixels()[i * 784 + p] & 0xFF) / 255f;
      }
    }
    INDArray test = Nd4j.create(x);
    // -Dmlp=10,7 (hidden units of the one-hidden-layer MLPs, 0 = softmax regression 784-10),
    // -Dcnn=false to measure only the MLPs, -Dlr=3e-3 (the MLPs' Adam rate).
    String[] hidden = System.getProperty("mlp", "10").split(",");
    double lr = Double.parseDouble(System.getProperty("lr", "3e-3"));
    for (String arg : args) {
      long seed = Long.parseLong(arg);
      if (Boolean.parseBoolean(System.getProperty("cnn", "true"))) {
        report("CNN", CnnDesign.configuration(seed), seed, train, test, labels);
      }
      for (String h : hidden) {
        int units = Integer.parseInt(h.strip());
        String what = units == 0 ? "softmax regression 784-10" : "MLP 784-" + units + "-10";
        report(what + ", Adam " + lr, mlp(seed, units, lr), seed, train, test, labels);
      }
    }
  }

  private static void report(
      String what,
      MultiLayerConfiguration conf,
      long seed,
      TrainingImages data,
      INDArray test,
      IdxReader.Labels labels) {
    long start = System.nanoTime();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    DataSet train = new DataSet(data.features(), data.labels());
    for (int epoch = 0; epoch < 3; epoch++) {
      train.shuffle(seed * 1_000 + epoch);
      for (DataSet batch : train.batchBy(50)) {
        net.fit(batch);
      }
    }
    INDArray predicted = Nd4j.argMax(net.output(test), 1);
    int right = 0;
    for (int i = 0; i < test.rows(); i++) {
      right += predicted.getInt(i) == (labels.labels()[i] & 0xFF) ? 1 : 0;
    }
    System.out.printf(
        "ps3 seed %d: %s (%d parameters) held-out accuracy %.4f (%d of %d) (%.0f s)%n",
        seed,
        what,
        net.numParams(),
        right / (double) test.rows(),
        right,
        test.rows(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * A one-hidden-layer ReLU MLP 784-units-10 (784-10-10, 7,960 parameters, is the largest within
   * 8,000), or softmax regression 784-10 (7,850 parameters) when {@code units} is 0.
   */
  private static MultiLayerConfiguration mlp(long seed, int units, double lr) {
    var list = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(lr)).list();
    int in = 784;
    if (units > 0) {
      list.layer(new DenseLayer.Builder().nIn(784).nOut(units).activation(Activation.RELU).build());
      in = units;
    }
    return list.layer(
            new OutputLayer.Builder(LossFunction.MCXENT)
                .nIn(in)
                .nOut(10)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
  }
}
