package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.Gru;
import org.dlcourse.recurrent.QuietSameDiff;
import org.dlcourse.train.History;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training and evaluating a recurrent network on {@link SequenceBatch}es, masks included.
 *
 * <pre>{@code
 * History history = SequenceTraining.fit(net, train, validation, 20, 50, seed);
 * double accuracy = SequenceTraining.accuracy(net, test);   // counts only unmasked labels
 * }</pre>
 *
 * <p>The loss is DL4J's (cross-entropy averaged over the labelled steps); padded steps and steps
 * without a label are excluded from both the loss and the accuracy by the masks.
 */
public final class SequenceTraining {

  private SequenceTraining() {}

  /**
   * Trains {@code network} for {@code numEpochs} epochs of minibatches of {@code batchSize}, in an
   * order drawn from {@code seed} anew each epoch; validation loss and accuracy after each epoch.
   */
  public static History fit(
      MultiLayerNetwork network,
      SequenceBatch train,
      SequenceBatch validation,
      int numEpochs,
      int batchSize,
      long seed) {
    return QuietSameDiff.call(
        () -> fitLoudly(network, train, validation, numEpochs, batchSize, seed));
  }

  private static History fitLoudly(
      MultiLayerNetwork network,
      SequenceBatch train,
      SequenceBatch validation,
      int numEpochs,
      int batchSize,
      long seed) {
    requireFits(network, train, "train");
    requireFits(network, validation, "validation");
    if (numEpochs <= 0) {
      throw new IllegalArgumentException("numEpochs must be > 0 but was " + numEpochs);
    }
    List<Double> loss = new ArrayList<>(), accuracy = new ArrayList<>();
    List<Double> validationLoss = new ArrayList<>(), validationAccuracy = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    long start = System.nanoTime();
    for (int epoch = 0; epoch < numEpochs; epoch++) {
      long epochStart = System.nanoTime();
      double sum = 0;
      List<DataSet> batches = train.minibatches(batchSize, seed + epoch);
      for (DataSet batch : batches) {
        network.fit(batch);
        sum += network.score();
      }
      loss.add(sum / batches.size());
      accuracy.add(accuracy(network, train));
      validationLoss.add(network.score(validation.toDataSet(), false));
      validationAccuracy.add(accuracy(network, validation));
      seconds.add((System.nanoTime() - epochStart) / 1e9);
    }
    double total = (System.nanoTime() - start) / 1e9;
    return new History(
        loss,
        accuracy,
        validationLoss,
        validationAccuracy,
        seconds,
        total,
        bestEpoch(validationLoss),
        false);
  }

  /**
   * Requires {@code data}'s features per step to match the network's first layer, naming both sizes
   * (DL4J's own message for this mistake is a matrix-multiplication shape error).
   */
  static void requireFits(MultiLayerNetwork network, SequenceBatch data, String what) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(data, what + " must not be null");
    long nIn = firstLayerInputs(network);
    if (nIn > 0 && data.features().size(1) != nIn) {
      throw new IllegalArgumentException(
          "the network reads "
              + nIn
              + " features per step but the "
              + what
              + " sequences have "
              + data.features().size(1)
              + " (features "
              + java.util.Arrays.toString(data.features().shape())
              + " = [batch, features, time]); build the network with nIn = "
              + data.features().size(1));
    }
  }

  /** The first layer's inputs per step, looking inside DL4J's recurrent wrappers; -1 if unknown. */
  private static long firstLayerInputs(MultiLayerNetwork network) {
    Layer layer = network.getLayerWiseConfigurations().getConf(0).getLayer();
    if (layer instanceof LastTimeStep wrapper) {
      layer = wrapper.getUnderlying();
    } else if (layer instanceof Bidirectional wrapper) {
      layer = wrapper.getFwd();
    }
    if (layer instanceof FeedForwardLayer dense) {
      return dense.getNIn();
    }
    if (layer instanceof Gru gru) {
      return gru.getNIn();
    }
    return -1;
  }

  private static int bestEpoch(List<Double> validationLoss) {
    int best = 0;
    for (int e = 1; e < validationLoss.size(); e++) {
      if (validationLoss.get(e) < validationLoss.get(best)) {
        best = e;
      }
    }
    return best + 1;
  }

  /**
   * Share of labels predicted right: one per sequence, or one per labelled step (where {@code
   * labelMask} is 1) for tagging tasks.
   */
  public static double accuracy(MultiLayerNetwork network, SequenceBatch data) {
    requireFits(network, data, "data");
    INDArray yHat = predict(network, data);
    INDArray predicted = yHat.argMax(1); // [n] or [n, T]
    INDArray actual = data.labels().argMax(1);
    INDArray right = predicted.eq(actual).castTo(yHat.dataType());
    if (!data.perStep()) {
      return right.meanNumber().doubleValue();
    }
    INDArray mask = data.labelMask() == null ? right.like().assign(1) : data.labelMask();
    return right.mul(mask.castTo(right.dataType())).sumNumber().doubleValue()
        / mask.sumNumber().doubleValue();
  }

  /** The network's class probabilities: {@code [n, classes]} or {@code [n, classes, T]}. */
  public static INDArray predict(MultiLayerNetwork network, SequenceBatch data) {
    INDArray x = data.features().castTo(network.params().dataType());
    return network.output(x, false, data.featureMask(), data.labelMask());
  }
}
