package org.dlcourse.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link Model} on a {@link Dataset} with minibatch gradient descent and evaluates it.
 *
 * <pre>{@code
 * History history = Trainer.of(5).fit(model, data.train(), data.validation());
 * Evaluation result = Trainer.of(5).evaluate(model, data.test());
 * Trainer trainer = Trainer.builder().numEpochs(50).batchSize(64).earlyStopping(3).build();
 * }</pre>
 *
 * <p>Each epoch visits the training set once in a new random order (drawn from the seed), in
 * minibatches of {@code batchSize}; one optimizer step per minibatch. Introduced in the notebook on
 * training loops.
 */
public final class Trainer {

  /** The default minibatch size. */
  public static final int DEFAULT_BATCH_SIZE = 128;

  private static final int EVAL_BATCH_SIZE = 1024;

  private final int numEpochs;
  private final int batchSize;
  private final long seed;
  private final int patience; // 0: no early stopping
  private final boolean progress;

  private Trainer(Builder builder) {
    this.numEpochs = builder.numEpochs;
    this.batchSize = builder.batchSize;
    this.seed = builder.seed;
    this.patience = builder.patience;
    this.progress = builder.progress;
  }

  /** A trainer for {@code numEpochs} epochs with minibatches of 128, seed 42, live progress. */
  public static Trainer of(int numEpochs) {
    return builder().numEpochs(numEpochs).build();
  }

  /** A builder for the options: epochs, batch size, seed, early stopping, progress. */
  public static Builder builder() {
    return new Builder();
  }

  /** Trains without a validation set. */
  public History fit(Model model, Dataset train) {
    return fit(model, train, null);
  }

  /**
   * Trains {@code model} on {@code train}, measuring on {@code validation} after every epoch.
   *
   * <p>With early stopping, training stops once the validation loss has not improved for {@code
   * patience} epochs, and the model gets back the parameters of its best epoch.
   *
   * @param validation may be null (then no validation metrics and no early stopping)
   * @throws IllegalArgumentException if the data does not fit the model
   */
  public History fit(Model model, Dataset train, Dataset validation) {
    Objects.requireNonNull(model, "model must not be null");
    requireFits(model, train, "training set");
    if (validation != null) {
      requireFits(model, validation, "validation set");
    }
    if (patience > 0 && validation == null) {
      throw new IllegalArgumentException(
          "early stopping watches the validation loss; pass a validation set to fit(model, train,"
              + " validation)");
    }
    int numBatches = (train.size() + batchSize - 1) / batchSize;
    Progress shown = progress ? new Progress(numEpochs, numBatches) : null;
    BatchMetrics metrics = model.isGraph() ? null : new BatchMetrics(model.network());
    if (metrics != null) {
      model.network().addListeners(metrics);
    }
    List<Double> trainLoss = new ArrayList<>();
    List<Double> trainAccuracy = new ArrayList<>();
    List<Double> validationLoss = new ArrayList<>();
    List<Double> validationAccuracy = new ArrayList<>();
    List<Double> epochSeconds = new ArrayList<>();
    long start = System.nanoTime();
    INDArray bestParams = null;
    int bestEpoch = 0;
    double bestLoss = Double.POSITIVE_INFINITY;
    boolean stoppedEarly = false;
    DataSetIterator batches = train.batches(batchSize, true, seed);
    try {
      for (int epoch = 1; epoch <= numEpochs; epoch++) {
        long epochStart = System.nanoTime();
        batches.reset(); // a new order each epoch
        double lossSum = 0;
        double correctSum = 0;
        int seen = 0;
        int batch = 0;
        while (batches.hasNext()) {
          DataSet minibatch = batches.next(); // X [b, ...], y [b, k]
          int b = minibatch.numExamples();
          double[] lossAndAccuracy = step(model, metrics, minibatch);
          lossSum += lossAndAccuracy[0] * b;
          correctSum += lossAndAccuracy[1] * b;
          seen += b;
          batch++;
          if (shown != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            shown.batch(epoch, batch, lossSum / seen, correctSum / seen, seen / seconds);
          }
        }
        trainLoss.add(lossSum / seen);
        trainAccuracy.add(correctSum / seen);
        if (validation != null) {
          Evaluation v = evaluate(model, validation);
          validationLoss.add(v.loss());
          validationAccuracy.add(v.accuracy());
          if (v.loss() < bestLoss) {
            bestLoss = v.loss();
            bestEpoch = epoch;
            if (patience > 0) {
              bestParams = params(model).dup();
            }
          }
        } else {
          bestEpoch = epoch;
        }
        epochSeconds.add((System.nanoTime() - epochStart) / 1e9);
        History soFar =
            history(
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                epochSeconds,
                start,
                bestEpoch,
                false);
        if (shown != null) {
          shown.epoch(soFar);
        }
        if (patience > 0 && epoch - bestEpoch >= patience && epoch < numEpochs) {
          stoppedEarly = true;
          break;
        }
      }
    } finally {
      if (metrics != null) {
        removeListener(model.network(), metrics);
      }
    }
    if (bestParams != null) {
      setParams(model, bestParams); // restore the epoch with the lowest validation loss
    }
    return history(
        trainLoss,
        trainAccuracy,
        validationLoss,
        validationAccuracy,
        epochSeconds,
        start,
        bestEpoch,
        stoppedEarly);
  }

  /**
   * The accuracy, loss and confusion matrix of {@code model} on {@code data}.
   *
   * @throws IllegalArgumentException if the data does not fit the model
   */
  public Evaluation evaluate(Model model, Dataset data) {
    Objects.requireNonNull(model, "model must not be null");
    requireFits(model, data, "data set");
    // predict in chunks to bound memory: [n, ...] -> [n, k]
    List<INDArray> parts = new ArrayList<>();
    for (int from = 0; from < data.size(); from += EVAL_BATCH_SIZE) {
      int to = Math.min(from + EVAL_BATCH_SIZE, data.size());
      parts.add(model.predict(rows(data.features(), from, to)));
    }
    INDArray probabilities =
        parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    return Evaluation.of(probabilities, data.labels(), data.labelNames());
  }

  /** The number of epochs. */
  public int numEpochs() {
    return numEpochs;
  }

  /** The minibatch size. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Trainer[%d epochs, batch size %d, seed %d%s]",
        numEpochs,
        batchSize,
        seed,
        patience > 0 ? ", early stopping patience " + patience : "");
  }

  // ---------------------------------------------------------------- one step

  /** One optimizer step on a minibatch; returns {loss, accuracy} measured on that minibatch. */
  private static double[] step(Model model, BatchMetrics metrics, DataSet minibatch) {
    if (model.isGraph()) {
      double accuracy = accuracy(model.predict(minibatch.getFeatures()), minibatch.getLabels());
      model.graph().fit(minibatch);
      return new double[] {model.graph().score(), accuracy};
    }
    MultiLayerNetwork net = model.network();
    metrics.expect(minibatch.getLabels());
    net.fit(minibatch);
    if (metrics.measured()) {
      return new double[] {metrics.loss(), metrics.accuracy()};
    }
    // fallback: an extra inference pass (after the step) for the accuracy
    return new double[] {
      net.score(), accuracy(model.predict(minibatch.getFeatures()), minibatch.getLabels())
    };
  }

  private static double accuracy(INDArray probabilities, INDArray labels) {
    int[] predicted = probabilities.argMax(1).toIntVector();
    int[] actual = labels.argMax(1).toIntVector();
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      correct += predicted[i] == actual[i] ? 1 : 0;
    }
    return (double) correct / actual.length;
  }

  // ---------------------------------------------------------------- helpers

  private static History history(
      List<Double> trainLoss,
      List<Double> trainAccuracy,
      List<Double> validationLoss,
      List<Double> validationAccuracy,
      List<Double> epochSeconds,
      long start,
      int bestEpoch,
      boolean stoppedEarly) {
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

  private static void requireFits(Model model, Dataset data, String what) {
    Objects.requireNonNull(data, "the " + what + " must not be null");
    if (!Arrays.equals(data.exampleShape(), model.inputShape())) {
      try {
        model.requireInput(data.features());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the " + what + " does not fit the model: " + e.getMessage(), e);
      }
    }
    if (data.numClasses() != model.numClasses()) {
      throw new IllegalArgumentException(
          "the model has "
              + model.numClasses()
              + " outputs (classes) but the "
              + what
              + " has "
              + data.numClasses()
              + " classes "
              + data.labelNames()
              + "; build the model with "
              + data.numClasses()
              + " outputs");
    }
  }

  private static INDArray params(Model model) {
    return model.isGraph() ? model.graph().params() : model.network().params();
  }

  private static void setParams(Model model, INDArray params) {
    if (model.isGraph()) {
      model.graph().setParams(params);
    } else {
      model.network().setParams(params);
    }
  }

  private static void removeListener(MultiLayerNetwork net, BatchMetrics metrics) {
    List<org.deeplearning4j.optimize.api.TrainingListener> kept =
        new ArrayList<>(net.getListeners());
    kept.remove(metrics);
    net.setListeners(kept);
  }

  private static INDArray rows(INDArray a, int from, int to) {
    return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
  }

  /** Options for a {@link Trainer}; every option has a default. */
  public static final class Builder {
    private int numEpochs = 10;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long seed = 42;
    private int patience = 0;
    private boolean progress = true;

    private Builder() {}

    /** The number of passes over the training set (default 10). */
    public Builder numEpochs(int numEpochs) {
      if (numEpochs < 1) {
        throw new IllegalArgumentException("numEpochs must be >= 1 but was " + numEpochs);
      }
      this.numEpochs = numEpochs;
      return this;
    }

    /** The number of examples per minibatch, one optimizer step each (default 128). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The seed of the shuffling order (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Stops when the validation loss has not improved for {@code patience} epochs and restores the
     * best epoch's parameters.
     */
    public Builder earlyStopping(int patience) {
      if (patience < 1) {
        throw new IllegalArgumentException(
            "early stopping patience must be >= 1 epoch but was " + patience);
      }
      this.patience = patience;
      return this;
    }

    /** Whether to show live progress (default true). */
    public Builder progress(boolean progress) {
      this.progress = progress;
      return this;
    }

    /** The trainer. */
    public Trainer build() {
      return new Trainer(this);
    }
  }
}
