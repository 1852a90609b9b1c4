package org.dlcourse.recurrent;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Small recurrent networks for sequence tasks: one recurrent layer and a softmax output.
 *
 * <pre>{@code
 * MultiLayerNetwork lstm = RecurrentNets.classifier(Cell.LSTM, 8, 32, 4, seed);   // label at the end
 * MultiLayerNetwork tagger = RecurrentNets.tagger(Cell.LSTM, 4, 32, 4, true, seed); // label per step
 * }</pre>
 *
 * Adam with learning rate {@value #LEARNING_RATE}, Xavier initialisation, float32; gradients are
 * clipped element-wise at 1 (a common guard against exploding gradients through time). The networks
 * are plain DL4J objects: train them with {@code SequenceTraining} or their own {@code fit}.
 */
public final class RecurrentNets {

  /** The Adam learning rate of every network built here. */
  public static final double LEARNING_RATE = 0.01;

  /** The recurrent layer type. */
  public enum Cell {
    /** DL4J's {@code SimpleRnn}: {@code h_t = tanh(x_t W + h_{t-1} RW + b)}. */
    SIMPLE_RNN,
    /** DL4J's {@code LSTM} (forget-gate bias initialised to 1). */
    LSTM,
    /** The course's {@link Gru}. */
    GRU;

    /** Lower-case name for printing, e.g. "lstm". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private RecurrentNets() {}

  /**
   * A sequence classifier: the recurrent layer's last step feeds a softmax over {@code numClasses}.
   */
  public static MultiLayerNetwork classifier(
      Cell cell, int nIn, int hidden, int numClasses, long seed) {
    return classifier(cell, nIn, hidden, numClasses, seed, DataType.FLOAT);
  }

  /**
   * As {@link #classifier(Cell, int, int, int, long)} in the given precision (DOUBLE for checks).
   */
  public static MultiLayerNetwork classifier(
      Cell cell, int nIn, int hidden, int numClasses, long seed, DataType dataType) {
    return classifier(cell, nIn, hidden, numClasses, seed, dataType, new Adam(LEARNING_RATE));
  }

  /**
   * As {@link #classifier(Cell, int, int, int, long)} with another optimiser, e.g. {@code new
   * Nesterovs(0.05, 0.9)} (SGD with momentum): Adam rescales every parameter's step by the size of
   * its own gradient, which hides much of a vanishing gradient; plain SGD does not.
   */
  public static MultiLayerNetwork classifier(
      Cell cell,
      int nIn,
      int hidden,
      int numClasses,
      long seed,
      DataType dataType,
      IUpdater updater) {
    requireSizes(nIn, hidden, numClasses);
    Layer output =
        new OutputLayer.Builder(LossFunction.MCXENT)
            .activation(Activation.SOFTMAX)
            .nIn(hidden)
            .nOut(numClasses)
            .build();
    Layer last =
        cell == Cell.GRU
            ? Gru.lastStep(nIn, hidden)
            : new LastTimeStep(recurrent(cell, nIn, hidden));
    return build(last, output, nIn, seed, dataType, updater);
  }

  /**
   * A sequence tagger: a softmax over {@code numClasses} at every step; {@code bidirectional} wraps
   * the recurrent layer in DL4J's {@code Bidirectional} (two layers of {@code hidden} units, one
   * reading backwards, outputs concatenated: {@code 2 hidden} features per step).
   */
  public static MultiLayerNetwork tagger(
      Cell cell, int nIn, int hidden, int numClasses, boolean bidirectional, long seed) {
    return tagger(cell, nIn, hidden, numClasses, bidirectional, seed, DataType.FLOAT);
  }

  /** As {@link #tagger(Cell, int, int, int, boolean, long)} in the given precision. */
  public static MultiLayerNetwork tagger(
      Cell cell,
      int nIn,
      int hidden,
      int numClasses,
      boolean bidirectional,
      long seed,
      DataType dataType) {
    requireSizes(nIn, hidden, numClasses);
    Layer layer = recurrent(cell, nIn, hidden);
    int features = hidden;
    if (bidirectional) {
      layer = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
      features = 2 * hidden;
    }
    Layer output =
        new RnnOutputLayer.Builder(LossFunction.MCXENT)
            .activation(Activation.SOFTMAX)
            .nIn(features)
            .nOut(numClasses)
            .build();
    return build(layer, output, nIn, seed, dataType, new Adam(LEARNING_RATE));
  }

  /** The recurrent layer alone (tanh activation), for building other networks. */
  public static Layer recurrent(Cell cell, int nIn, int hidden) {
    return switch (cell) {
      case SIMPLE_RNN ->
          new SimpleRnn.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH).build();
      case LSTM -> new LSTM.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH).build();
      case GRU -> new Gru(nIn, hidden);
    };
  }

  private static MultiLayerNetwork build(
      Layer recurrent, Layer output, int nIn, long seed, DataType dataType, IUpdater updater) {
    if (updater == null) {
      throw new IllegalArgumentException(
          "updater must not be null; pass e.g. new Adam(RecurrentNets.LEARNING_RATE)");
    }
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(dataType)
            .updater(updater)
            .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER)
            .gradientNormalization(
                org.deeplearning4j.nn.conf.GradientNormalization.ClipElementWiseAbsoluteValue)
            .gradientNormalizationThreshold(1.0)
            .list()
            .layer(recurrent)
            .layer(output)
            .setInputType(InputType.recurrent(nIn))
            .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return network;
  }

  private static void requireSizes(int nIn, int hidden, int numClasses) {
    if (nIn <= 0 || hidden <= 0 || numClasses < 2) {
      throw new IllegalArgumentException(
          String.format(
              "expected nIn > 0, hidden > 0, numClasses >= 2 but got %d, %d, %d",
              nIn, hidden, numClasses));
    }
  }
}
