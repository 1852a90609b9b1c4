package org.dlcourse.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.Speed;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The one place that builds the layers of the course's convolutional networks ({@link Cnns}, {@code
 * org.dlcourse.features.SmallCnn}), and their common settings. Taught in notebook 07 (convolutional
 * networks).
 *
 * <p>Every block keeps the shape rule of the lesson: a {@code k x k} convolution without padding,
 * stride 1, maps {@code [n, c, h, w]} to {@code [n, f, h - k + 1, w - k + 1]}; a {@code p x p} max
 * pooling with stride {@code p} maps {@code [n, f, h, w]} to {@code [n, f, h / p, w / p]}.
 */
public final class ConvBlocks {

  static {
    Speed.enableHelpers(); // oneDNN convolution, pooling and batch norm (see Speed)
  }

  private ConvBlocks() {}

  /**
   * The common settings: float32, He initialisation (ReLU networks), Adam with {@code
   * learningRate}, weights drawn from {@code seed}, and the fast path chosen in
   * bench/CNN-OPTIONS.md ({@link Speed#CONV_WORKSPACE}, {@link Speed#CONV_CACHE}).
   */
  public static NeuralNetConfiguration.Builder settings(long seed, double learningRate) {
    return settings(seed, Optimizers.adam(learningRate));
  }

  /**
   * As {@link #settings(long, double)} with any optimizer, e.g. Adam whose learning rate follows a
   * schedule ({@link Cnns#adamLinearDecay(double, int)}).
   */
  public static NeuralNetConfiguration.Builder settings(long seed, IUpdater updater) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.RELU)
        .updater(updater)
        .trainingWorkspaceMode(Speed.CONV_WORKSPACE)
        .inferenceWorkspaceMode(Speed.CONV_WORKSPACE)
        .cacheMode(Speed.CONV_CACHE);
  }

  /** {@code numFilters} filters of {@code size x size} pixels, stride 1, no padding, ReLU. */
  public static ConvolutionLayer conv(int numFilters, int size) {
    return conv(numFilters, size, 0);
  }

  /**
   * As {@link #conv(int, int)} with {@code padding} zero pixels on every side: {@code [n, c, h, w]
   * -> [n, numFilters, h + 2 padding - size + 1, w + 2 padding - size + 1]}.
   */
  public static ConvolutionLayer conv(int numFilters, int size, int padding) {
    checkPositive(numFilters, "numFilters");
    checkPositive(size, "filter size");
    return new ConvolutionLayer.Builder(size, size)
        .stride(1, 1)
        .padding(padding, padding)
        .nOut(numFilters)
        .activation(Activation.RELU)
        .build();
  }

  /** Max pooling over {@code size x size} windows with stride {@code size}. */
  public static SubsamplingLayer maxPool(int size) {
    checkPositive(size, "pool size");
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(size, size)
        .stride(size, size)
        .build();
  }

  /** Batch normalisation over the channels of a convolution (or the units of a dense layer). */
  public static BatchNormalization batchNorm() {
    return new BatchNormalization.Builder().build();
  }

  /**
   * A dense ReLU layer of {@code units} that drops each input with probability {@code dropout}
   * while training (0: never; DL4J's own argument is the probability to keep, {@code 1 - dropout}).
   */
  public static DenseLayer dense(int units, double dropout) {
    checkPositive(units, "units");
    DenseLayer.Builder layer = new DenseLayer.Builder().nOut(units).activation(Activation.RELU);
    if (dropout > 0) {
      layer.dropOut(1 - dropout);
    }
    return layer.build();
  }

  /** The softmax output layer with cross-entropy loss over {@code numClasses} classes. */
  public static OutputLayer softmax(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2 but was " + numClasses);
    }
    return new OutputLayer.Builder(LossFunction.MCXENT)
        .nOut(numClasses)
        .activation(Activation.SOFTMAX)
        .build();
  }

  private static void checkPositive(int value, String what) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1 but was " + value);
    }
  }
}
