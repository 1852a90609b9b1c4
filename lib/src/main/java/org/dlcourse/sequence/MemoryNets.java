package org.dlcourse.sequence;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.recurrent.Gru;
import org.dlcourse.recurrent.Lstm;
import org.dlcourse.recurrent.PlainRnn;
import org.dlcourse.recurrent.QuietSameDiff;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Sequence classifiers for the long-range memory race of notebook 11: every cell built the same
 * way, so that only the cell differs.
 *
 * <pre>{@code
 * MultiLayerNetwork lstm = MemoryNets.classifier(Cell.LSTM, 5, 32, 4, 0.01, 3.0, seed);
 * MultiLayerNetwork rnn  = MemoryNets.classifier(Cell.SIMPLE_RNN, 5, 32, 4, 0.01, 3.0, seed);
 * }</pre>
 *
 * <p>One recurrent layer of {@code hidden} units (its last step only) and a softmax over {@code
 * numClasses}; Adam with the given learning rate, Xavier initialisation, float32, and the gradient
 * of each layer clipped to L2 norm {@value #CLIP} (the usual guard against exploding gradients
 * through time) for every cell alike. The layers are the course's: {@link PlainRnn} (DL4J's {@code
 * SimpleRnn}), {@link Lstm} (DL4J's {@code LSTM}) and {@link Gru}; the first two compute exactly
 * what DL4J's layers compute, from the same initial values, several times faster.
 *
 * <p>{@code gateBias} sets the gates that keep the state, so that at initialisation each gated cell
 * keeps nearly all of its state and admits little new input: the GRU's update gate {@code u} in
 * {@code h' = u ⊙ h + (1 - u) ⊙ c} gets bias {@code gateBias} (columns {@code [hidden, 2 hidden)}
 * of {@code Gru.BIAS}), which does both at once; the LSTM, which has two gates for this, gets
 * forget-gate bias {@code +gateBias} in {@code c_t = f ⊙ c_{t-1} + i ⊙ a} and input-gate bias
 * {@code -gateBias} ("chrono" initialisation, Tallec and Ollivier 2018: {@code b_i = -b_f}). With
 * {@code gateBias = 5}: {@code σ(5) ≈ 0.993} kept, {@code σ(-5) ≈ 0.007} admitted per step. The
 * plain RNN has no gate; the argument does not change it.
 */
public final class MemoryNets {

  /** The largest L2 norm of one layer's gradient per update. */
  public static final double CLIP = 1.0;

  private MemoryNets() {}

  /** The classifier described above, trained by Adam; {@code numParams()} tells its size. */
  public static MultiLayerNetwork classifier(
      Cell cell,
      int nIn,
      int hidden,
      int numClasses,
      double learningRate,
      double gateBias,
      long seed) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("expected learningRate > 0 but got " + learningRate);
    }
    return classifier(cell, nIn, hidden, numClasses, new Adam(learningRate), gateBias, seed);
  }

  /**
   * As above with another optimiser, e.g. {@code new Nesterovs(0.05, 0.9)} (SGD with momentum:
   * unlike Adam it does not rescale a parameter's step by the size of its own gradient, so a
   * gradient that vanished through time stays small).
   */
  public static MultiLayerNetwork classifier(
      Cell cell,
      int nIn,
      int hidden,
      int numClasses,
      IUpdater updater,
      double gateBias,
      long seed) {
    if (nIn <= 0 || hidden <= 0 || numClasses < 2 || updater == null) {
      throw new IllegalArgumentException(
          String.format(
              "expected nIn > 0, hidden > 0, numClasses >= 2 and an updater but got %d, %d, %d, %s",
              nIn, hidden, numClasses, updater));
    }
    Layer last =
        switch (cell) {
          case SIMPLE_RNN -> PlainRnn.lastStep(nIn, hidden);
          case LSTM -> Lstm.lastStep(nIn, hidden, gateBias);
          case GRU -> Gru.lastStep(nIn, hidden);
        };
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .gradientNormalization(GradientNormalization.ClipL2PerLayer)
            .gradientNormalizationThreshold(CLIP)
            .list()
            .layer(last)
            .layer(
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX)
                    .nIn(hidden)
                    .nOut(numClasses)
                    .build())
            .setInputType(InputType.recurrent(nIn))
            .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    if (cell == Cell.GRU) {
      // b [1, 3 hidden] holds the gate blocks r, u, c: the update gate u is [hidden, 2 hidden)
      network
          .getLayer(0)
          .getParam(Gru.BIAS)
          .get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 2 * hidden))
          .assign(gateBias);
    }
    if (cell == Cell.LSTM) {
      // b [1, 4 hidden] holds a, f, o, i: the forget gate [hidden, 2 hidden) got +gateBias (Lstm),
      // the input gate is [3 hidden, 4 hidden)
      network
          .getLayer(0)
          .getParam(Lstm.BIAS)
          .get(NDArrayIndex.all(), NDArrayIndex.interval(3 * hidden, 4 * hidden))
          .assign(-gateBias);
    }
    return network;
  }

  /**
   * Trains {@code network} for up to {@code numEpochs} epochs of minibatches of {@code batchSize}
   * (order drawn from {@code seed} anew each epoch) and returns the validation accuracy after each
   * epoch. Unlike {@code SequenceTraining.fit} it evaluates only the validation set (the training
   * accuracy costs another pass) and stops early once the validation accuracy reaches {@code
   * solved}; pass a value above 1 to train every epoch.
   */
  public static double[] fit(
      MultiLayerNetwork network,
      SequenceBatch train,
      SequenceBatch validation,
      int numEpochs,
      int batchSize,
      double solved,
      long seed) {
    // QuietSameDiff: without it a SameDiff layer lists every op it differentiates (none of the
    // course's cells is one since the GRU's rewrite; the wrapper is kept for a layer a student
    // adds)
    return QuietSameDiff.call(
        () -> fitLoudly(network, train, validation, numEpochs, batchSize, solved, seed));
  }

  private static double[] fitLoudly(
      MultiLayerNetwork network,
      SequenceBatch train,
      SequenceBatch validation,
      int numEpochs,
      int batchSize,
      double solved,
      long seed) {
    SequenceTraining.requireFits(network, train, "train");
    if (numEpochs <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException(
          "expected numEpochs > 0 and batchSize > 0 but got " + numEpochs + ", " + batchSize);
    }
    double[] accuracy = new double[numEpochs];
    int epoch = 0;
    for (; epoch < numEpochs; epoch++) {
      for (DataSet batch : train.minibatches(batchSize, seed + epoch)) {
        network.fit(batch);
      }
      accuracy[epoch] = SequenceTraining.accuracy(network, validation);
      if (accuracy[epoch] >= solved) {
        epoch++;
        break;
      }
    }
    return Arrays.copyOf(accuracy, epoch);
  }
}
