package org.dlcourse.ps.ps3;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.data.IdxReader;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Instructor tool (never released): CNNs and the best dense models within the q3 budget, each
 * trained exactly as the hidden q3 test trains a design (the same 2,000 training images, 3 epochs,
 * batches of 50), and measured as the judge measures it: accuracy on the first 2,000 Fashion-MNIST
 * test images, plain and <em>shifted</em> (each image moved by the grader's own draw, {@link
 * #shift}: the same algorithm and seed as the grader's {@code run/ShiftedHeldOut}). Seed {@code s}
 * initialises the network with {@code s} and shuffles epoch {@code e} with {@code s * 1000 + e};
 * seed 1 is exactly the hidden test's run. Run it with {@code problem-sets/measure.sh ps3 1 2 3};
 * {@code -Dmodels=reference,mlp10} picks models by name (default: all of {@link #models}).
 */
public final class SeedSweep {
  /** The grader's seed for the shifts ({@code ShiftedHeldOut.SEED}). */
  static final long SHIFT_SEED = 20_261_130L;

  private SeedSweep() {}

  public static void main(String[] args) {
    TrainingImages train = TrainingImages.load(2_000, 500, 1)[0];
    Path dir = Path.of(System.getProperty("fashion.mnist", "/usr/share/datasets/fashion-mnist"));
    IdxReader.Images images = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
    IdxReader.Labels labels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    int n = 2_000;
    float[][] x = new float[n][784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 784; p++) {
        x[i][p] = (images.pixels()[i * 784 + p] & 0xFF) / 255f;
      }
      y[i] = labels.labels()[i] & 0xFF;
    }
    Map<String, INDArray> tests = new LinkedHashMap<>();
    tests.put("plain", Nd4j.create(x));
    tests.put("shift 2-4", Nd4j.create(shift(x, 2, 4, SHIFT_SEED)));
    tests.put("shift 1-2", Nd4j.create(shift(x, 1, 2, SHIFT_SEED)));
    String picked = System.getProperty("models", "");
    for (String arg : args) {
      long seed = Long.parseLong(arg);
      for (Map.Entry<String, MultiLayerConfiguration> m : models(seed).entrySet()) {
        if (picked.isEmpty() || picked.contains(m.getKey())) {
          report(m.getKey(), m.getValue(), seed, train, tests, y);
        }
      }
    }
  }

  /** The images moved as {@link Training#shift} moves them (the grader's algorithm). */
  static float[][] shift(float[][] x, int lo, int hi, long seed) {
    return Training.shift(x, lo, hi, seed);
  }

  private static void report(
      String what,
      MultiLayerConfiguration conf,
      long seed,
      TrainingImages data,
      Map<String, INDArray> tests,
      int[] y) {
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
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, INDArray> t : tests.entrySet()) {
      INDArray predicted = Nd4j.argMax(net.output(t.getValue()), 1);
      int right = 0;
      for (int i = 0; i < y.length; i++) {
        right += predicted.getInt(i) == y[i] ? 1 : 0;
      }
      line.append(String.format(" %s %.4f", t.getKey(), right / (double) y.length));
    }
    System.out.printf(
        "ps3 seed %d: %s (%d parameters)%s (%.0f s)%n",
        seed, what, net.numParams(), line, (System.nanoTime() - start) / 1e9);
  }

  /** The networks measured: CNNs a student might design, and dense adversaries, all <= 8,000. */
  static Map<String, MultiLayerConfiguration> models(long seed) {
    Map<String, MultiLayerConfiguration> m = new LinkedHashMap<>();
    m.put("reference", CnnDesign.configuration(seed));
    // conv 3x3x8, pool, conv 3x3x16, pool, softmax: 5,258 parameters.
    m.put("cnn3x3", cnn(seed, 3, 8, 16, 0, 3e-3));
    // conv 5x5x6, pool, conv 5x5x12, pool, dense 24, softmax: 6,850 parameters.
    m.put("cnn5x5-dense24", cnn(seed, 5, 6, 12, 24, 3e-3));
    m.put("mlp10-lr3e-3", dense(seed, new int[] {10}, 3e-3, false));
    m.put("mlp10-lr1e-2", dense(seed, new int[] {10}, 1e-2, false));
    m.put("mlp10-lr1e-3", dense(seed, new int[] {10}, 1e-3, false));
    m.put("mlp9-16", dense(seed, new int[] {9, 16}, 3e-3, false));
    m.put("softmax-regression", dense(seed, new int[] {}, 3e-3, false));
    m.put("softmax-regression-lr1e-2", dense(seed, new int[] {}, 1e-2, false));
    m.put("mlp10-relu-init", dense(seed, new int[] {10}, 3e-3, true));
    // Weight decay smooths a dense layer's templates: does that tolerate shifts better?
    m.put("softmax-l2-1e-3", dense(seed, new int[] {}, 3e-3, false, 1e-3));
    m.put("softmax-l2-1e-2", dense(seed, new int[] {}, 3e-3, false, 1e-2));
    m.put("mlp10-l2-1e-3", dense(seed, new int[] {10}, 3e-3, false, 1e-3));
    // A 1x1 convolution in front of an MLP: satisfies "has a conv layer", behaves as an MLP.
    m.put("conv1x1-mlp10", conv1x1Mlp(seed, false));
    // The same with the reference's WeightInit.RELU: mutants/conv1x1-mlp.patch.
    m.put("conv1x1-mlp10-relu-init", conv1x1Mlp(seed, true));
    // Max-pooling 2x2 in front of an MLP (no convolution): 196-32-10, 6,634 parameters.
    m.put("pool2-mlp32", pooledMlp(seed, 32));
    return m;
  }

  private static MultiLayerConfiguration cnn(
      long seed, int k, int c1, int c2, int denseUnits, double lr) {
    var list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(new Adam(lr))
            .weightInit(WeightInit.RELU)
            .list()
            .layer(new ConvolutionLayer.Builder(k, k).nOut(c1).activation(Activation.RELU).build())
            .layer(pool(2))
            .layer(new ConvolutionLayer.Builder(k, k).nOut(c2).activation(Activation.RELU).build())
            .layer(pool(2));
    if (denseUnits > 0) {
      list.layer(new DenseLayer.Builder().nOut(denseUnits).activation(Activation.RELU).build());
    }
    return list.layer(output())
        .setInputType(InputType.convolutionalFlat(28, 28, 1))
        .build();
  }

  private static MultiLayerConfiguration dense(
      long seed, int[] hidden, double lr, boolean reluInit) {
    return dense(seed, hidden, lr, reluInit, 0);
  }

  /** The same with L2 weight decay {@code l2} (0: none), which smooths a dense layer's templates. */
  private static MultiLayerConfiguration dense(
      long seed, int[] hidden, double lr, boolean reluInit, double l2) {
    var b = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(lr)).l2(l2);
    if (reluInit) {
      b.weightInit(WeightInit.RELU);
    }
    var list = b.list();
    for (int h : hidden) {
      list.layer(new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build());
    }
    return list.layer(output()).setInputType(InputType.feedForward(784)).build();
  }

  private static MultiLayerConfiguration conv1x1Mlp(long seed, boolean reluInit) {
    var b = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(3e-3));
    if (reluInit) {
      b.weightInit(WeightInit.RELU);
    }
    return b.list()
        .layer(new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build())
        .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
        .layer(output())
        .setInputType(InputType.convolutionalFlat(28, 28, 1))
        .build();
  }

  private static MultiLayerConfiguration pooledMlp(long seed, int units) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(3e-3))
        .list()
        .layer(pool(2))
        .layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build())
        .layer(output())
        .setInputType(InputType.convolutionalFlat(28, 28, 1))
        .build();
  }

  private static SubsamplingLayer pool(int k) {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(k, k)
        .stride(k, k)
        .build();
  }

  private static OutputLayer output() {
    return new OutputLayer.Builder(LossFunction.MCXENT)
        .nOut(10)
        .activation(Activation.SOFTMAX)
        .build();
  }
}
