package org.dlcourse.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dlcourse.Seed;
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
 * <p>The same code path trains a {@code MultiLayerNetwork} and a {@code ComputationGraph}: the
 * trainer only uses the operations of {@link Model}.
 *
 * <p>Each epoch visits the training set once in a new random order (drawn from the seed), in
 * minibatches of {@code batchSize}; one optimizer step per minibatch. Introduced in notebook 01
 * (why deep learning); notebooks 04–06 vary its options.
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

  /**
   * A trainer for {@code numEpochs} epochs with minibatches of 128, the course seed ({@link
   * Seed#base()}) and live progress.
   */
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
    Progress shown = progress ? new Progress(numEpochs, numBatches, model.name()) : null;
    BatchMetrics metrics = new BatchMetrics(model);
    model.addListener(metrics);
    try {
      // in place: each step is done with its minibatch before the next one is gathered
      DataSetIterator batches = train.batchesInPlace(batchSize, true, seed);
      return epochs(model, batches, validation, metrics, shown);
    } finally {
      model.removeListener(metrics);
    }
  }

  /** The epoch loop: train, validate, record, maybe stop early; restores the best parameters. */
  private History epochs(
      Model model,
      DataSetIterator batches,
      Dataset validation,
      BatchMetrics metrics,
      Progress shown) {
    HistoryRecorder recorder = new HistoryRecorder();
    INDArray bestParams = null;
    boolean stoppedEarly = false;
    for (int epoch = 1; epoch <= numEpochs; epoch++) {
      long epochStart = System.nanoTime();
      batches.reset(); // a new order each epoch
      HistoryRecorder.EpochMeans means = epoch(model, batches, metrics, shown, epoch);
      Evaluation v = validation == null ? null : Evaluation.of(model, validation);
      boolean best = recorder.record(means, v, (System.nanoTime() - epochStart) / 1e9);
      if (best && patience > 0) {
        bestParams = model.params().dup(); // a snapshot, not the live view
      }
      if (shown != null) {
        shown.epoch(recorder.history(false));
      }
      if (patience > 0 && epoch - recorder.bestEpoch() >= patience && epoch < numEpochs) {
        stoppedEarly = true;
        break;
      }
    }
    if (bestParams != null) {
      model.setParams(bestParams); // restore the epoch with the lowest validation loss
    }
    return recorder.history(stoppedEarly);
  }

  /** One pass over the training set; the minibatch means weighted by minibatch size. */
  private static HistoryRecorder.EpochMeans epoch(
      Model model, DataSetIterator batches, BatchMetrics metrics, Progress shown, int epoch) {
    long epochStart = System.nanoTime();
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
    return new HistoryRecorder.EpochMeans(lossSum / seen, correctSum / seen);
  }

  /**
   * The accuracy, loss and confusion matrix of {@code model} on {@code data}.
   *
   * @throws IllegalArgumentException if the data does not fit the model
   */
  public Evaluation evaluate(Model model, Dataset data) {
    return Evaluation.of(model, data);
  }

  /**
   * The class probabilities of {@code model} on {@code data}, {@code [n, ...] -> [n, k]}, computed
   * in chunks to bound memory (used by {@link Evaluation#of(Model, Dataset)}).
   */
  static INDArray predictInChunks(Model model, Dataset data) {
    Objects.requireNonNull(model, "model must not be null");
    requireFits(model, data, "data set");
    List<INDArray> parts = new ArrayList<>();
    for (int from = 0; from < data.size(); from += EVAL_BATCH_SIZE) {
      int to = Math.min(from + EVAL_BATCH_SIZE, data.size());
      parts.add(model.predict(rows(data.features(), from, to)));
    }
    return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
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

  /**
   * One optimizer step on a minibatch; returns {loss, accuracy} of the parameters before the step
   * on that minibatch (see {@link BatchMetrics}), the same for layer stacks and graphs.
   */
  private static double[] step(Model model, BatchMetrics metrics, DataSet minibatch) {
    double[] fast = model.fastStep(minibatch); // null where DL4J's fit trains this model
    if (fast != null) {
      return fast;
    }
    INDArray X = minibatch.getFeatures();
    INDArray y = minibatch.getLabels();
    // an output layer the listener cannot read: accuracy from an inference pass before the step
    double before = metrics.supported() ? Double.NaN : accuracy(model.output(X, false), y);
    metrics.expect(y);
    model.fit(minibatch);
    if (metrics.measured()) {
      return new double[] {metrics.loss(), metrics.accuracy()};
    }
    // the step's score is its forward pass's loss, i.e. also before the update
    return new double[] {
      model.score(), Double.isNaN(before) ? accuracy(model.output(X, false), y) : before
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

  static void requireFits(Model model, Dataset data, String what) {
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

  private static INDArray rows(INDArray a, int from, int to) {
    return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
  }

  /** Options for a {@link Trainer}; every option has a default. */
  public static final class Builder {
    private int numEpochs = 10;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long seed = Seed.base();
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

    /** The seed of the shuffling order (default {@link Seed#base()}, 42 unless DLCOURSE_SEED). */
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
