package org.dlcourse.generative;

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
import org.dlcourse.models.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Generator and discriminator networks (dense layers) for {@link Gan}, as course {@link Model}s
 * whose DL4J network is {@code model.network()}.
 *
 * <pre>{@code
 * Model G = GanNets.generator(8, 64, 64, 2);  // z [n, 8] -> x [n, 2], identity output
 * Model D = GanNets.discriminator(2, 64, 64); // x [n, 2] -> D(x) [n, 1], the probability "real"
 * Model G2 = GanNets.generatorBuilder().layerSizes(64, 256, 784).outputActivation(Activation.SIGMOID).build();
 * }</pre>
 *
 * <p>Defaults follow Radford et al. (2016): leaky ReLU (slope 0.2) in hidden layers, Adam with
 * learning rate 2e-4 and beta1 = 0.5. The generator's output layer carries {@link ChainRuleLoss}:
 * it is trained on the gradient the discriminator passes back. The discriminator ends in one
 * sigmoid unit with binary cross-entropy.
 */
public final class GanNets {

  private GanNets() {}

  /** A generator: latent size, hidden sizes, data size; identity output (real-valued data). */
  public static Model generator(int... layerSizes) {
    return generatorBuilder().layerSizes(layerSizes).build();
  }

  /** A discriminator: data size, hidden sizes; one sigmoid output unit is added. */
  public static Model discriminator(int... layerSizes) {
    return discriminatorBuilder().layerSizes(layerSizes).build();
  }

  /** Options for a generator; set at least the layer sizes. */
  public static Builder generatorBuilder() {
    return new Builder(true);
  }

  /** Options for a discriminator; set at least the layer sizes. */
  public static Builder discriminatorBuilder() {
    return new Builder(false);
  }

  /** Options for one of the two networks, each with a default. */
  public static final class Builder {
    private final boolean generator;
    private int[] layerSizes;
    private IActivation hidden = new ActivationLReLU(0.2);
    private Activation output = Activation.IDENTITY;
    private IUpdater updater = new Adam(2e-4, 0.5, 0.999, 1e-8);
    private long seed = Seed.base();
    private String name;

    private Builder(boolean generator) {
      this.generator = generator;
    }

    /**
     * Generator: latent size, hidden sizes, data size (at least 2 numbers). Discriminator: data
     * size and hidden sizes (at least 1); the output unit is added.
     */
    public Builder layerSizes(int... layerSizes) {
      Objects.requireNonNull(layerSizes, "layerSizes");
      int min = generator ? 2 : 1;
      if (layerSizes.length < min || Arrays.stream(layerSizes).anyMatch(s -> s < 1)) {
        throw new IllegalArgumentException(
            (generator
                    ? "a generator needs sizes latent, hidden..., data (e.g. 8, 64, 2)"
                    : "a discriminator needs sizes data, hidden... (e.g. 2, 64, 64)")
                + ", all >= 1, but got "
                + Arrays.toString(layerSizes));
      }
      this.layerSizes = layerSizes.clone();
      return this;
    }

    /** The activation of the hidden layers (default leaky ReLU with slope 0.2). */
    public Builder hiddenActivation(IActivation hidden) {
      this.hidden = Objects.requireNonNull(hidden, "hidden");
      return this;
    }

    /** The generator's output activation (default identity; sigmoid for pixels in [0, 1]). */
    public Builder outputActivation(Activation output) {
      if (!generator) {
        throw new IllegalArgumentException(
            "the discriminator's output is one sigmoid unit (a probability); outputActivation"
                + " is a generator option");
      }
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /** The optimizer (default Adam, learning rate 2e-4, beta1 0.5). */
    public Builder updater(IUpdater updater) {
      this.updater = Objects.requireNonNull(updater, "updater");
      return this;
    }

    /** The seed of the initial weights (default {@link Seed#base()}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The name shown when the model prints. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The DL4J configuration (the second level of the API). */
    public MultiLayerConfiguration configuration() {
      if (layerSizes == null) {
        throw new IllegalStateException(
            "set the layer sizes first, e.g. GanNets.generatorBuilder().layerSizes(8, 64, 2)");
      }
      int[] sizes = generator ? layerSizes : append(layerSizes, 1);
      NeuralNetConfiguration.ListBuilder list =
          new NeuralNetConfiguration.Builder()
              .seed(seed)
              .dataType(DataType.FLOAT)
              .weightInit(WeightInit.XAVIER)
              .updater(updater)
              .list();
      for (int i = 0; i < sizes.length - 1; i++) {
        // [n, sizes[i]] -> [n, sizes[i+1]]: h = act(h W + b)
        if (i < sizes.length - 2) {
          list.layer(
              new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(hidden).build());
        } else {
          ILossFunction loss = generator ? new ChainRuleLoss() : new LossBinaryXENT();
          Activation act = generator ? output : Activation.SIGMOID;
          list.layer(
              new OutputLayer.Builder(loss)
                  .nIn(sizes[i])
                  .nOut(sizes[i + 1])
                  .activation(act)
                  .build());
        }
      }
      return list.build();
    }

    /** The initialised network as a course model. */
    public Model build() {
      MultiLayerNetwork network = new MultiLayerNetwork(configuration());
      network.init();
      return Model.of(network, name != null ? name : defaultName(), layerSizes[0]);
    }

    private String defaultName() {
      StringJoiner sizes = new StringJoiner("-");
      for (int s : generator ? layerSizes : append(layerSizes, 1)) {
        sizes.add(Integer.toString(s));
      }
      return (generator ? "generator " : "discriminator ") + sizes;
    }

    private static int[] append(int[] sizes, int last) {
      int[] out = Arrays.copyOf(sizes, sizes.length + 1);
      out[sizes.length] = last;
      return out;
    }
  }
}
