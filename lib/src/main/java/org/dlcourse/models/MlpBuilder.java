package org.dlcourse.models;

import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.Seed;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Options for a multilayer perceptron; start from {@link Models#mlpBuilder()}.
 *
 * <p>Every option has the course default, so only what differs needs to be set. Introduced in
 * notebook 01 ({@code 01-why-deep-learning}); dropout and L2 in notebook 06 ({@code
 * 06-generalisation}).
 */
public final class MlpBuilder {

  private int[] layerSizes;
  private Activation activation = Activation.RELU;
  private Activation outputActivation = Activation.SOFTMAX;
  private WeightInit weightInit = WeightInit.RELU; // He et al. 2015: N(0, 2 / nIn)
  private IUpdater updater = Optimizers.adam(1e-3);
  private double l2 = 0;
  private double dropout = 0; // probability to DROP a hidden unit, as in the lectures
  private long seed = Seed.base(); // DLCOURSE_SEED, default 42
  private LossFunction loss = LossFunction.MCXENT; // cross-entropy
  private String name;

  MlpBuilder() {}

  /**
   * The number of inputs, the hidden layer sizes, then the number of classes (at least two sizes).
   */
  public MlpBuilder layerSizes(int... layerSizes) {
    Objects.requireNonNull(layerSizes, "layerSizes must not be null");
    if (layerSizes.length < 2) {
      throw new IllegalArgumentException(
          "expected at least 2 layer sizes (inputs, classes), e.g. mlp(784, 256, 10), but got "
              + Arrays.toString(layerSizes));
    }
    for (int size : layerSizes) {
      if (size <= 0) {
        throw new IllegalArgumentException(
            "every layer size must be >= 1 but got " + Arrays.toString(layerSizes));
      }
    }
    this.layerSizes = layerSizes.clone();
    return this;
  }

  /** The activation of the hidden layers (default ReLU). */
  public MlpBuilder activation(Activation activation) {
    this.activation = Objects.requireNonNull(activation, "activation");
    return this;
  }

  /** The activation of the output layer (default softmax, which goes with cross-entropy). */
  public MlpBuilder outputActivation(Activation outputActivation) {
    this.outputActivation = Objects.requireNonNull(outputActivation, "outputActivation");
    return this;
  }

  /** How the weights are initialised (default He: {@code WeightInit.RELU}). */
  public MlpBuilder weightInit(WeightInit weightInit) {
    this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
    return this;
  }

  /** The optimizer, e.g. {@code Optimizers.sgd(0.1)} (default {@code Optimizers.adam(1e-3)}). */
  public MlpBuilder updater(IUpdater updater) {
    this.updater = Objects.requireNonNull(updater, "updater");
    return this;
  }

  /** The L2 penalty {@code l2 * sum(w^2) / 2} added to the loss, on weights only (default 0). */
  public MlpBuilder l2(double l2) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be >= 0 but was " + l2);
    }
    this.l2 = l2;
    return this;
  }

  /**
   * The probability to drop (zero) each hidden unit during training, as in the lectures and
   * PyTorch's {@code nn.Dropout(p)}; 0 turns dropout off (the default).
   *
   * <p>Dropout is applied to the output of every hidden layer, not to the input features.
   */
  public MlpBuilder dropout(double dropProbability) {
    if (!(dropProbability >= 0 && dropProbability < 1)) {
      throw new IllegalArgumentException(
          "dropout is the probability to DROP a unit and must be in [0, 1) but was "
              + dropProbability);
    }
    this.dropout = dropProbability;
    return this;
  }

  /** The random seed for the initial weights and dropout masks (default {@link Seed#base()}). */
  public MlpBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The loss function (default cross-entropy, {@code LossFunction.MCXENT}). */
  public MlpBuilder loss(LossFunction loss) {
    this.loss = Objects.requireNonNull(loss, "loss");
    return this;
  }

  /** The name shown when the model prints (default {@code "mlp 784-256-10"}). */
  public MlpBuilder name(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  /** DL4J's dropout argument: the probability to KEEP a unit, {@code 1 - dropProbability}. */
  static double dl4jRetainProbability(double dropProbability) {
    // DL4J's Dropout(p) keeps each unit with probability p and scales it by 1/p ("inverted
    // dropout"); the lectures' p is the probability to drop. So DL4J's p = 1 - ours.
    return 1.0 - dropProbability;
  }

  /** The DL4J configuration this builder describes (the second level of the API). */
  public MultiLayerConfiguration configuration() {
    if (layerSizes == null) {
      throw new IllegalStateException(
          "set the layer sizes first: Models.mlpBuilder().layerSizes(784, 256, 10)");
    }
    NeuralNetConfiguration.Builder base =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(weightInit)
            .updater(updater);
    if (l2 > 0) {
      base.l2(l2);
    }
    NeuralNetConfiguration.ListBuilder list = base.list();
    int numLayers = layerSizes.length - 1;
    for (int i = 0; i < numLayers; i++) {
      int nIn = layerSizes[i];
      int nOut = layerSizes[i + 1];
      boolean output = i == numLayers - 1;
      // [batch, nIn] -> [batch, nOut]: h = activation(h W + b)
      org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<?> layer =
          output
              ? new OutputLayer.Builder(loss).activation(outputActivation)
              : new DenseLayer.Builder().activation(activation);
      layer.nIn(nIn).nOut(nOut);
      // DL4J applies a layer's dropout to that layer's INPUT, so dropout after hidden layer i is
      // set on layer i + 1; the first layer sees the raw features and gets none.
      if (dropout > 0 && i > 0) {
        layer.dropOut(dl4jRetainProbability(dropout));
      }
      list.layer(layer.build());
    }
    return list.build();
  }

  /** The initialised model. */
  public Model build() {
    MultiLayerNetwork network = new MultiLayerNetwork(configuration());
    network.init();
    return Model.of(network, name != null ? name : defaultName(), layerSizes[0]);
  }

  private String defaultName() {
    StringJoiner sizes = new StringJoiner("-");
    for (int size : layerSizes) {
      sizes.add(Integer.toString(size));
    }
    return (layerSizes.length == 2 ? "linear " : "mlp ") + sizes;
  }
}
