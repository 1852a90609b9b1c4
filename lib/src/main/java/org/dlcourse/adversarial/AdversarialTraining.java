package org.dlcourse.adversarial;

import java.util.Locale;
import java.util.Objects;
import org.dlcourse.Seed;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adversarial training, the defence: every minibatch is trained on together with its own
 * adversarial copy, made against the model <em>as it is at that step</em>.
 *
 * <pre>{@code
 * AdversarialTraining.builder().epsilon(0.1).numEpochs(5).build().fit(model, train);
 * }</pre>
 *
 * <p>The loss of a step is {@code ½ loss(x, y) + ½ loss(x', y)} with {@code x'} the FGSM example
 * (Goodfellow et al. 2015), or the PGD example with {@code pgdSteps(k)} (Madry et al. 2018): the
 * network learns to keep its answer inside the ε-ball. Introduced in notebook 09.
 */
public final class AdversarialTraining {

  private final double epsilon;
  private final int numEpochs;
  private final int batchSize;
  private final long seed;
  private final int pgdSteps; // 0: FGSM

  private AdversarialTraining(Builder b) {
    this.epsilon = b.epsilon;
    this.numEpochs = b.numEpochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.pgdSteps = b.pgdSteps;
  }

  /** A builder: ε (required), epochs (5), batch size (128), seed (the course seed), attack. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains {@code model} on clean and adversarial copies of {@code train}; returns the mean
   * training loss (clean and adversarial halves together) of each epoch.
   *
   * @throws IllegalArgumentException if the data does not fit the model
   */
  public double[] fit(Model model, Dataset train) {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(train, "train must not be null");
    model.requireInput(train.features());
    DataSetIterator batches = train.batchesInPlace(batchSize, true, seed); // concat copies below
    double[] epochLoss = new double[numEpochs];
    for (int epoch = 0; epoch < numEpochs; epoch++) {
      batches.reset();
      double sum = 0;
      int seen = 0;
      while (batches.hasNext()) {
        DataSet minibatch = batches.next(); // X [b, ...], y [b, k]
        INDArray X = minibatch.getFeatures().castTo(DataType.FLOAT);
        INDArray y = minibatch.getLabels().castTo(DataType.FLOAT);
        INDArray Xadv = adversarial(model, X, y);
        // [2b, ...]: the clean half and the adversarial half, the same labels
        model.fit(new DataSet(Nd4j.concat(0, X, Xadv), Nd4j.concat(0, y, y)));
        sum += model.score() * X.size(0);
        seen += (int) X.size(0);
      }
      epochLoss[epoch] = sum / seen;
    }
    return epochLoss;
  }

  private INDArray adversarial(Model model, INDArray X, INDArray y) {
    if (pgdSteps == 0) {
      return Attacks.fgsm(model, X, y, epsilon);
    }
    return Pgd.of(epsilon, 2.5 * epsilon / pgdSteps, pgdSteps).attack(model, X, y);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "AdversarialTraining[ε = %s, %s, %d epochs, batch size %d, seed %d]",
        epsilon,
        pgdSteps == 0 ? "FGSM" : "PGD " + pgdSteps + " steps",
        numEpochs,
        batchSize,
        seed);
  }

  /** Options of {@link AdversarialTraining}. */
  public static final class Builder {
    private double epsilon = Double.NaN;
    private int numEpochs = 5;
    private int batchSize = 128;
    private long seed = Seed.base();
    private int pgdSteps = 0;

    private Builder() {}

    /** The L∞ radius of the adversarial copies (required), e.g. 0.1. */
    public Builder epsilon(double epsilon) {
      Attacks.requireEpsilon(epsilon);
      this.epsilon = epsilon;
      return this;
    }

    /** Epochs (passes over the training set), default 5. */
    public Builder numEpochs(int numEpochs) {
      if (numEpochs < 1) {
        throw new IllegalArgumentException("numEpochs must be >= 1 but was " + numEpochs);
      }
      this.numEpochs = numEpochs;
      return this;
    }

    /** Clean examples per minibatch (each step sees twice as many with the copies), default 128. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The seed of the minibatch order, default {@code Seed.base()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Make the copies with PGD of {@code steps} steps (step size 2.5 ε / steps) instead of FGSM.
     */
    public Builder pgdSteps(int steps) {
      if (steps < 0) {
        throw new IllegalArgumentException("pgdSteps must be >= 0 (0: FGSM) but was " + steps);
      }
      this.pgdSteps = steps;
      return this;
    }

    /**
     * The configured training.
     *
     * @throws IllegalStateException if ε was not set
     */
    public AdversarialTraining build() {
      if (Double.isNaN(epsilon)) {
        throw new IllegalStateException(
            "set the radius of the adversarial copies first, e.g. builder().epsilon(0.1)");
      }
      return new AdversarialTraining(this);
    }
  }
}
