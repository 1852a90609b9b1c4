package org.dlcourse.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects one entry per epoch while training runs and hands out {@link History} snapshots.
 *
 * <p>Keeps the bookkeeping of {@link Trainer#fit} in one place: the per-epoch lists, the wall
 * clock, and which epoch had the lowest validation loss (the one early stopping restores).
 */
final class HistoryRecorder {

  private final List<Double> trainLoss = new ArrayList<>();
  private final List<Double> trainAccuracy = new ArrayList<>();
  private final List<Double> validationLoss = new ArrayList<>();
  private final List<Double> validationAccuracy = new ArrayList<>();
  private final List<Double> epochSeconds = new ArrayList<>();
  private final long start = System.nanoTime();
  private int bestEpoch;
  private double bestLoss = Double.POSITIVE_INFINITY;

  /**
   * Records one finished epoch.
   *
   * @param train the minibatch means of the epoch
   * @param validation the evaluation after the epoch, or null without a validation set
   * @return whether this epoch is the new best (lowest validation loss; always true without one)
   */
  boolean record(EpochMeans train, Evaluation validation, double seconds) {
    trainLoss.add(train.loss());
    trainAccuracy.add(train.accuracy());
    epochSeconds.add(seconds);
    int epoch = trainLoss.size();
    if (validation == null) {
      bestEpoch = epoch;
      return true;
    }
    validationLoss.add(validation.loss());
    validationAccuracy.add(validation.accuracy());
    if (validation.loss() < bestLoss) {
      bestLoss = validation.loss();
      bestEpoch = epoch;
      return true;
    }
    return false;
  }

  /** The number of epochs recorded. */
  int epochs() {
    return trainLoss.size();
  }

  /**
   * The epoch (1-based) with the lowest validation loss so far; the last one without validation.
   */
  int bestEpoch() {
    return bestEpoch;
  }

  /** The history so far. */
  History history(boolean stoppedEarly) {
    return new History(
        trainLoss,
        trainAccuracy,
        validationLoss,
        validationAccuracy,
        epochSeconds,
        (System.nanoTime() - start) / 1e9,
        bestEpoch,
        stoppedEarly);
  }

  /** The mean minibatch loss and accuracy over one epoch, weighted by minibatch size. */
  record EpochMeans(double loss, double accuracy) {}
}
