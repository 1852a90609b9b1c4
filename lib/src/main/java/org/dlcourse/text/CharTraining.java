package org.dlcourse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.train.Progress;
import org.dlcourse.train.Steps;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains a character model on random windows of the training text and measures validation
 * cross-entropy after every epoch.
 *
 * <p>An "epoch" here is a fixed number of minibatches of windows at random positions ({@code
 * stepsPerEpoch}), not a pass over the corpus: the cost of training is then set by the budget, not
 * by the size of the text.
 *
 * <pre>{@code
 * CharTraining.Result r = CharTraining.fit(net, trainWindows, validationBatches, 8, 25, 64, seed);
 * r.validationPerplexity();   // exp(validation cross-entropy) after each epoch
 * }</pre>
 */
public final class CharTraining {

  private CharTraining() {}

  /**
   * Loss per epoch, in nats per character.
   *
   * @param trainLoss mean minibatch cross-entropy during each epoch
   * @param validationLoss cross-entropy on the validation windows after each epoch
   * @param seconds wall-clock seconds of each epoch, validation included
   */
  public record Result(List<Double> trainLoss, List<Double> validationLoss, List<Double> seconds) {

    /** Copies the lists. */
    public Result {
      trainLoss = List.copyOf(trainLoss);
      validationLoss = List.copyOf(validationLoss);
      seconds = List.copyOf(seconds);
    }

    /** {@code exp(validationLoss)} per epoch. */
    public double[] validationPerplexity() {
      return validationLoss.stream().mapToDouble(Math::exp).toArray();
    }

    /** The validation cross-entropy after the last epoch. */
    public double lastValidationLoss() {
      return validationLoss.get(validationLoss.size() - 1);
    }

    /** Total seconds. */
    public double totalSeconds() {
      return seconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "CharTraining.Result(%d epochs, validation %.3f nats/char = perplexity %.2f, %.0f s)",
          validationLoss.size(),
          lastValidationLoss(),
          Math.exp(lastValidationLoss()),
          totalSeconds());
    }
  }

  /**
   * Trains {@code network} for {@code numEpochs} × {@code stepsPerEpoch} minibatches of {@code
   * batchSize} random windows (positions drawn from {@code seed}); shows progress.
   */
  public static Result fit(
      MultiLayerNetwork network,
      TextWindows train,
      List<DataSet> validation,
      int numEpochs,
      int stepsPerEpoch,
      int batchSize,
      long seed) {
    if (numEpochs < 1 || stepsPerEpoch < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          String.format(
              "numEpochs, stepsPerEpoch and batchSize must be >= 1 but were %d, %d, %d",
              numEpochs, stepsPerEpoch, batchSize));
    }
    Random random = new Random(seed);
    List<Double> trainLoss = new ArrayList<>(), validationLoss = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    Steps progress = Progress.steps("character model", numEpochs * stepsPerEpoch);
    for (int epoch = 1; epoch <= numEpochs; epoch++) {
      long start = System.nanoTime();
      double sum = 0;
      for (int step = 0; step < stepsPerEpoch; step++) {
        network.fit(train.randomBatch(batchSize, random));
        // DL4J's score for a per-step output: the loss summed over the T steps, averaged over
        // the batch; divided by T it is the cross-entropy per character.
        sum += network.score() / train.length();
        progress.step(String.format(Locale.ROOT, "epoch %d, loss %.3f", epoch, sum / (step + 1)));
      }
      trainLoss.add(sum / stepsPerEpoch);
      validationLoss.add(CharModel.crossEntropy(network, validation));
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    return new Result(trainLoss, validationLoss, seconds);
  }
}
