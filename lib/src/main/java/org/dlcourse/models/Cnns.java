package org.dlcourse.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Seed;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Convolutional networks of the lectures, on grey images ({@code [n, 1, 28, 28]}, e.g. {@code
 * Datasets.fashionMnist().train().asImages(1, 28, 28)}). Taught in notebook 07 (convolutional
 * networks); the layers come from {@link ConvBlocks}.
 *
 * <p>Three levels: {@link #lenet(int)} and {@link #alexNetStyle(int)} in one line, {@link
 * #builder()} for the options (filters, filter size, padding, batch norm, dense units, dropout,
 * learning rate, seed), and {@link Model#network()} for the DL4J network itself.
 */
public final class Cnns {

  private Cnns() {}

  /**
   * LeNet (LeCun et al. 1998, in its modern form): two blocks of 5 x 5 convolution (20, then 50
   * filters, ReLU) and 2 x 2 max pooling, a dense layer of 500 ReLU units and a softmax output; He
   * initialisation, Adam with {@code lr = 1e-3}, the course seed.
   *
   * <pre>{@code
   * // [n, 1, 28, 28] -conv 5x5-> [n, 20, 24, 24] -pool-> [n, 20, 12, 12]
   * //                -conv 5x5-> [n, 50, 8, 8]   -pool-> [n, 50, 4, 4] -> [n, 800] -> [n, 500]
   * //                -> [n, numClasses]
   * Model model = Cnns.lenet(10);
   * }</pre>
   */
  public static Model lenet(int numClasses) {
    return builder().numClasses(numClasses).build();
  }

  /** The DL4J configuration of {@link #lenet(int)}. */
  public static MultiLayerConfiguration lenetConfiguration(int numClasses) {
    return builder().numClasses(numClasses).configuration();
  }

  /**
   * An AlexNet-style network scaled to 28 x 28 images (Krizhevsky et al. 2012: ReLU, max pooling,
   * more filters, dropout; batch normalisation, Ioffe and Szegedy 2015, came later): two blocks of
   * 3 x 3 convolution with padding 1 (32, then 64 filters), batch norm and 2 x 2 max pooling, a
   * dense layer of 256 ReLU units with dropout 0.5 (the probability to drop) and a softmax output;
   * Adam {@code lr = 1e-3}.
   *
   * <pre>{@code
   * // [n, 1, 28, 28] -conv 3x3 pad 1-> [n, 32, 28, 28] -BN, pool-> [n, 32, 14, 14]
   * //                -conv 3x3 pad 1-> [n, 64, 14, 14] -BN, pool-> [n, 64, 7, 7] -> [n, 3136]
   * //                -> [n, 256] -> [n, numClasses]
   * }</pre>
   */
  public static Model alexNetStyle(int numClasses) {
    return alexNetStyleBuilder().numClasses(numClasses).build();
  }

  /** The options of {@link #alexNetStyle(int)}, to change some of them. */
  public static Builder alexNetStyleBuilder() {
    return builder()
        .name("AlexNet-style CNN")
        .filters(32, 64)
        .filterSize(3)
        .padding(1)
        .batchNorm(true)
        .dense(256)
        .dropout(0.5);
  }

  /**
   * Adam whose learning rate falls linearly from {@code learningRate} at the first step to 0 after
   * {@code numSteps} optimizer steps (one step per minibatch: {@code numSteps = epochs *
   * ceil(trainSize / batchSize)}); later steps keep 0. With a budget of only a few epochs a
   * decaying rate ends training in a flatter, lower part of the loss than a constant one:
   *
   * <pre>{@code
   * // lr(t) = learningRate * (1 - t / numSteps), t = 0, 1, ... optimizer steps
   * Model model = Cnns.alexNetStyleBuilder().updater(Cnns.adamLinearDecay(3e-3, 2 * 430)).build();
   * }</pre>
   */
  public static IUpdater adamLinearDecay(double learningRate, int numSteps) {
    return new Adam(new LinearDecaySchedule(learningRate, numSteps));
  }

  /** A builder whose defaults are {@link #lenet(int)} for 10 classes. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options of a convolutional network: blocks of convolution (+ batch norm) + 2 x 2 max pooling,
   * one per entry of {@link #filters(int...)}, then an optional dense ReLU layer and a softmax.
   */
  public static final class Builder {
    private String name = "lenet";
    private int[] filters = {20, 50};
    private int filterSize = 5;
    private int padding = 0;
    private boolean batchNorm = false;
    private int dense = 500;
    private double dropout = 0.0;
    private double learningRate = 1e-3;
    private IUpdater updater = null; // null: Adam with learningRate
    private long seed = Seed.base();
    private int numClasses = 10;
    private int[] input = {1, 28, 28}; // channels, height, width

    private Builder() {}

    /** The name the model prints with. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Filters of each convolution block, e.g. {@code filters(20, 50)} for two blocks. */
    public Builder filters(int... filters) {
      if (filters.length == 0 || Arrays.stream(filters).anyMatch(f -> f < 1)) {
        throw new IllegalArgumentException(
            "filters must be one or more counts >= 1 but was " + Arrays.toString(filters));
      }
      this.filters = filters.clone();
      return this;
    }

    /** Width and height of every filter (pixels). */
    public Builder filterSize(int filterSize) {
      if (filterSize < 1) {
        throw new IllegalArgumentException("filterSize must be >= 1 but was " + filterSize);
      }
      this.filterSize = filterSize;
      return this;
    }

    /** Zero pixels added on every side before each convolution. */
    public Builder padding(int padding) {
      if (padding < 0) {
        throw new IllegalArgumentException("padding must be >= 0 but was " + padding);
      }
      this.padding = padding;
      return this;
    }

    /** Batch normalisation after every convolution. */
    public Builder batchNorm(boolean batchNorm) {
      this.batchNorm = batchNorm;
      return this;
    }

    /** Units of the dense ReLU layer before the output; 0 for none. */
    public Builder dense(int dense) {
      if (dense < 0) {
        throw new IllegalArgumentException("dense must be >= 0 but was " + dense);
      }
      this.dense = dense;
      return this;
    }

    /**
     * Probability to DROP an input of the dense layer while training (the course's convention, see
     * GLOSSARY.md; 0 = no dropout).
     */
    public Builder dropout(double dropout) {
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("dropout must be in [0, 1) but was " + dropout);
      }
      this.dropout = dropout;
      return this;
    }

    /** Adam's learning rate (constant; replaces an earlier {@link #updater(IUpdater)}). */
    public Builder learningRate(double learningRate) {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learning rate must be > 0 but was " + learningRate);
      }
      this.learningRate = learningRate;
      this.updater = null;
      return this;
    }

    /**
     * The optimizer, instead of Adam with a constant {@link #learningRate(double)}; e.g. {@link
     * Cnns#adamLinearDecay(double, int)}.
     */
    public Builder updater(IUpdater updater) {
      this.updater = Objects.requireNonNull(updater, "updater must not be null");
      return this;
    }

    /** Draws the initial weights (pass {@code Seed.derive(k)}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of classes of the softmax output. */
    public Builder numClasses(int numClasses) {
      if (numClasses < 2) {
        throw new IllegalArgumentException("numClasses must be >= 2 but was " + numClasses);
      }
      this.numClasses = numClasses;
      return this;
    }

    /** Shape of one input image; default {@code 1, 28, 28}. */
    public Builder input(int channels, int height, int width) {
      if (channels < 1 || height < 1 || width < 1) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "input must be channels, height, width >= 1 but was %d, %d, %d",
                channels,
                height,
                width));
      }
      this.input = new int[] {channels, height, width};
      return this;
    }

    /** The DL4J configuration. */
    public MultiLayerConfiguration configuration() {
      requireFits();
      NeuralNetConfiguration.ListBuilder layers =
          (updater == null
                  ? ConvBlocks.settings(seed, learningRate)
                  : ConvBlocks.settings(seed, updater))
              .list();
      for (int f : filters) {
        layers.layer(ConvBlocks.conv(f, filterSize, padding));
        if (batchNorm) {
          layers.layer(ConvBlocks.batchNorm());
        }
        layers.layer(ConvBlocks.maxPool(2));
      }
      if (dense > 0) {
        layers.layer(ConvBlocks.dense(dense, dropout));
      }
      return layers
          .layer(ConvBlocks.softmax(numClasses))
          .setInputType(InputType.convolutional(input[1], input[2], input[0]))
          .build();
    }

    /** The initialised network as a course model. */
    public Model build() {
      MultiLayerNetwork network = new MultiLayerNetwork(configuration());
      network.init();
      return Model.of(network, name, input[0], input[1], input[2]);
    }

    /** Fails early, with the sizes, when the blocks shrink the image below one pixel. */
    private void requireFits() {
      int h = input[1];
      int w = input[2];
      for (int f : filters) {
        h = (h + 2 * padding - filterSize + 1) / 2; // convolution, then 2 x 2 pooling
        w = (w + 2 * padding - filterSize + 1) / 2;
        if (h < 1 || w < 1) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%d blocks of %dx%d filters (padding %d) and 2x2 pooling shrink a %dx%d image"
                      + " below one pixel; use fewer filters(...) entries, padding, or a smaller"
                      + " filterSize",
                  filters.length,
                  filterSize,
                  filterSize,
                  padding,
                  input[1],
                  input[2]));
        }
      }
    }
  }
}
