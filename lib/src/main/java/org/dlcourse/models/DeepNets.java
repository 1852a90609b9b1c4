package org.dlcourse.models;

import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.Distribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Deep stacks of equal-width dense layers, plain or with residual (skip) connections, to study what
 * makes deep networks trainable.
 *
 * <pre>{@code
 * Model plain = DeepNets.plain(20, 64, Activation.SIGMOID);    // 20 hidden layers of 64, 784 -> 10
 * Model residual = DeepNets.residual(20, 64, Activation.SIGMOID);
 * Model normalised = DeepNets.builder().depth(20).activation(Activation.SIGMOID).batchNorm(true).plain();
 * }</pre>
 *
 * <p>{@code depth} counts the layers with weights below the output layer; both kinds have exactly
 * the same parameters (without batch normalisation). The plain net is a {@code MultiLayerNetwork}:
 * {@code h <- activation(h W + b)} per layer. The residual net is a {@code ComputationGraph}: a
 * first dense layer maps the inputs to {@code width} units, then every further block adds a branch
 * to its input, {@code h <- h + (activation(h) W + b)} (a "pre-activation" block joined by an
 * {@code ElementWiseVertex} Add), so the gradient has a path to every layer that skips all the
 * layers above it. The branches start small (weights drawn from {@code N(0, 1 / (width * depth))}),
 * so that adding up {@code depth} of them does not blow up the signal; the first layer uses the
 * builder's initialisation. Introduced in the notebook on making deep networks trainable ({@code
 * 05-deep-networks}).
 */
public final class DeepNets {

  private DeepNets() {}

  /** A plain stack of {@code depth} hidden layers of {@code width} units for Fashion-MNIST. */
  public static Model plain(int depth, int width, Activation activation) {
    return builder().depth(depth).width(width).activation(activation).plain();
  }

  /** A residual stack of {@code depth} hidden layers of {@code width} units for Fashion-MNIST. */
  public static Model residual(int depth, int width, Activation activation) {
    return builder().depth(depth).width(width).activation(activation).residual();
  }

  /** A builder with the options: inputs, classes, depth, width, activation, init, etc. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options for a deep stack; every option has a default (784 inputs, 10 classes, depth 10, width
   * 64, ReLU, Xavier initialisation, no batch normalisation, SGD with {@code lr = 0.1}, seed 42).
   */
  public static final class Builder {
    private int inputs = 784;
    private int classes = 10;
    private int depth = 10;
    private int width = 64;
    private Activation activation = Activation.RELU;
    private IWeightInit weightInit = WeightInit.XAVIER.getWeightInitFunction();
    private String weightInitName = "Xavier";
    private double biasInit = 0;
    private boolean batchNorm;
    private IUpdater updater = Optimizers.sgd(0.1);
    private long seed = org.dlcourse.Seed.base(); // DLCOURSE_SEED, default 42
    private String name;

    private Builder() {}

    /** The number of input features (default 784). */
    public Builder inputs(int inputs) {
      this.inputs = positive(inputs, "inputs");
      return this;
    }

    /** The number of classes (default 10). */
    public Builder classes(int classes) {
      if (classes < 2) {
        throw new IllegalArgumentException("classes must be >= 2 but was " + classes);
      }
      this.classes = classes;
      return this;
    }

    /** The number of hidden dense layers (default 10). */
    public Builder depth(int depth) {
      this.depth = positive(depth, "depth");
      return this;
    }

    /** The number of units in every hidden layer (default 64). */
    public Builder width(int width) {
      this.width = positive(width, "width");
      return this;
    }

    /** The activation of the hidden layers (default ReLU). */
    public Builder activation(Activation activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    /** How weights are drawn, e.g. {@code WeightInit.XAVIER} or {@code WeightInit.RELU} (He). */
    public Builder weightInit(WeightInit weightInit) {
      Objects.requireNonNull(weightInit, "weightInit");
      this.weightInit = weightInit.getWeightInitFunction();
      this.weightInitName = weightInit.name();
      return this;
    }

    /** Weights drawn from a distribution, e.g. {@code new NormalDistribution(0, 1)}. */
    public Builder weightInit(Distribution distribution) {
      Objects.requireNonNull(distribution, "distribution");
      this.weightInit = new WeightInitDistribution(distribution);
      this.weightInitName = distribution.toString();
      return this;
    }

    /** The initial value of every hidden bias (default 0); negative values kill ReLU units. */
    public Builder biasInit(double biasInit) {
      if (!Double.isFinite(biasInit)) {
        throw new IllegalArgumentException("biasInit must be finite but was " + biasInit);
      }
      this.biasInit = biasInit;
      return this;
    }

    /**
     * Whether every hidden layer normalises its pre-activations over the minibatch: dense
     * (identity) → {@code BatchNormalization} → activation (default false).
     */
    public Builder batchNorm(boolean batchNorm) {
      this.batchNorm = batchNorm;
      return this;
    }

    /** The optimizer (default {@code Optimizers.sgd(0.1)}). */
    public Builder updater(IUpdater updater) {
      this.updater = Objects.requireNonNull(updater, "updater");
      return this;
    }

    /** The seed of the initial weights (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The name shown when the model prints. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The plain stack, a {@code MultiLayerNetwork}. */
    public Model plain() {
      NeuralNetConfiguration.ListBuilder list = base().list();
      int index = 0;
      for (int i = 0; i < depth; i++) {
        int nIn = i == 0 ? inputs : width;
        if (batchNorm) {
          // [b, nIn] -> [b, width] -> normalised per unit over the minibatch -> activation
          list.layer(index++, dense(nIn, Activation.IDENTITY));
          list.layer(index++, new BatchNormalization.Builder().nOut(width).build());
          list.layer(index++, new ActivationLayer.Builder().activation(activation).build());
        } else {
          list.layer(index++, dense(nIn, activation)); // [b, nIn] -> [b, width]
        }
      }
      list.layer(index, output());
      MultiLayerConfiguration conf = list.build();
      MultiLayerNetwork network = new MultiLayerNetwork(conf);
      network.init();
      return Model.of(network, name != null ? name : describe("plain"), inputs);
    }

    /** The residual stack, a {@code ComputationGraph}: {@code h <- h + activation(h W + b)}. */
    public Model residual() {
      if (batchNorm) {
        throw new IllegalStateException(
            "the residual stack has no batch-normalisation option; build it with batchNorm(false)"
                + " or use plain()");
      }
      ComputationGraphConfiguration.GraphBuilder graph =
          base().graphBuilder().addInputs("input").setOutputs("output");
      // the first layer changes the width: [b, inputs] -> [b, width]; no skip around it
      graph.addLayer("dense1", dense(inputs, activation), "input");
      String h = "dense1";
      for (int i = 2; i <= depth; i++) {
        String act = "act" + i;
        String dense = "dense" + i;
        String add = "add" + i;
        // the branch f(h) = activation(h) W + b ("pre-activation" block), W ~ N(0, 1 / (width *
        // depth)): it starts near 0 whatever the activation, so the sum over all blocks stays of
        // the order of h itself
        graph.addLayer(act, new ActivationLayer.Builder().activation(activation).build(), h);
        graph.addLayer(
            dense,
            new DenseLayer.Builder()
                .nIn(width)
                .nOut(width)
                .activation(Activation.IDENTITY)
                .weightInit(new NormalDistribution(0, 1.0 / Math.sqrt((double) width * depth)))
                .biasInit(0)
                .build(),
            act);
        graph.addVertex(add, new ElementWiseVertex(ElementWiseVertex.Op.Add), h, dense); // h + f(h)
        h = add;
      }
      graph.addLayer("output", output(), h);
      ComputationGraph network = new ComputationGraph(graph.build());
      network.init();
      return Model.of(network, name != null ? name : describe("residual"), inputs);
    }

    private NeuralNetConfiguration.Builder base() {
      return new NeuralNetConfiguration.Builder()
          .seed(seed)
          .dataType(DataType.FLOAT)
          .weightInit(weightInit)
          .updater(updater);
    }

    private DenseLayer dense(int nIn, Activation act) {
      return new DenseLayer.Builder()
          .nIn(nIn)
          .nOut(width)
          .activation(act)
          .biasInit(biasInit)
          .build();
    }

    private OutputLayer output() {
      // [b, width] -> [b, classes], softmax + cross-entropy
      return new OutputLayer.Builder(LossFunction.MCXENT)
          .nIn(width)
          .nOut(classes)
          .activation(Activation.SOFTMAX)
          .biasInit(0)
          .build();
    }

    private String describe(String kind) {
      return String.format(
          Locale.ROOT,
          "%s %d x %d %s%s, %s init",
          kind,
          depth,
          width,
          activation.name().toLowerCase(Locale.ROOT),
          batchNorm ? " + batch norm" : "",
          weightInitName);
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be >= 1 but was " + value);
      }
      return value;
    }
  }
}
