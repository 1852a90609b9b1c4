package org.dlcourse.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
    Objects.requireNonNull(network, "network must not be null");
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
