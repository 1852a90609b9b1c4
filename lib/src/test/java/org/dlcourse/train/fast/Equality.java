package org.dlcourse.train.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains two copies of one network on the same minibatches, one with DL4J's {@code fit} and one
 * with the {@link DenseStepper}, and records how far apart they end up.
 */
final class Equality {

  /** The largest differences seen: per-step loss and accuracy, final parameters and state. */
  record Gaps(
      double lossRelative,
      double accuracy,
      double paramsRelative,
      double stateRelative,
      int steps) {
    @Override
    public String toString() {
      return String.format(
          "loss rel %.2e, accuracy %.2e, params rel %.2e, state rel %.2e over %d steps",
          lossRelative, accuracy, paramsRelative, stateRelative, steps);
    }
  }

  static final long MASK_SEED = 1_000;

  private Equality() {}

  /**
   * Minibatches of random features and random one-hot labels, batch size {@code b} except every
   * seventh of 19 rows (so that the stepper's buffers for a second batch size are exercised).
   */
  static List<DataSet> batches(int steps, int b, int nIn, int k, long seed) {
    Random random = new Random(seed);
    List<DataSet> out = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      int rows = s % 7 == 6 ? 19 : b;
      float[][] x = new float[rows][nIn];
      float[][] y = new float[rows][k];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < nIn; j++) {
          x[i][j] = (float) random.nextGaussian();
        }
        y[i][random.nextInt(k)] = 1f;
      }
      out.add(new DataSet(Nd4j.create(x), Nd4j.create(y)));
    }
    return out;
  }

  /**
   * Runs {@code reference} with {@code fit} and a clone with the stepper over {@code batches};
   * {@code between} runs on both networks before step {@code changeAt} (e.g. a new learning rate).
   *
   * <p>Before step s the reference's training-mode output (for the expected accuracy), its {@code
   * fit} and the stepper each start from {@code Nd4j.getRandom().setSeed(MASK_SEED + s)}: the three
   * draw their dropout masks with the same op in the same layer order, so they drop the same units
   * (networks without dropout draw nothing).
   */
  static Gaps compare(
      MultiLayerNetwork reference,
      List<DataSet> batches,
      int changeAt,
      java.util.function.Consumer<MultiLayerNetwork> between) {
    return compare(reference, batches, changeAt, between, true);
  }

  /**
   * As above; with {@code javaRows} false the stepper does its element-wise work with native ops,
   * else in Java ({@link RowKernels}), and every step is checked to have taken that way.
   */
  static Gaps compare(
      MultiLayerNetwork reference,
      List<DataSet> batches,
      int changeAt,
      java.util.function.Consumer<MultiLayerNetwork> between,
      boolean javaRows) {
    MultiLayerNetwork fast = reference.clone();
    DenseStepper stepper = DenseStepper.of(fast, javaRows);
    double loss = 0;
    double accuracy = 0;
    for (int s = 0; s < batches.size(); s++) {
      if (s == changeAt) {
        between.accept(reference);
        between.accept(fast);
      }
      DataSet batch = batches.get(s);
      Nd4j.getRandom().setSeed(MASK_SEED + s);
      double expectedAccuracy = accuracy(reference.output(batch.getFeatures(), true), batch);
      Nd4j.getRandom().setSeed(MASK_SEED + s);
      reference.fit(batch);
      Nd4j.getRandom().setSeed(MASK_SEED + s);
      double[] got = stepper.step(batch);
      if (got == null) {
        throw new AssertionError("the stepper refused minibatch " + s);
      }
      loss = Math.max(loss, Math.abs(got[0] - reference.score()) / Math.abs(reference.score()));
      accuracy = Math.max(accuracy, Math.abs(got[1] - expectedAccuracy));
      if (fast.score() != got[0]) {
        throw new AssertionError("network.score() is not the step's loss");
      }
    }
    long expectedRowSteps = javaRows ? batches.size() : 0;
    if (stepper.javaRowSteps() != expectedRowSteps) {
      throw new AssertionError(
          "steps with the element-wise work in Java: "
              + stepper.javaRowSteps()
              + ", expected "
              + expectedRowSteps);
    }
    if (fast.getIterationCount() != reference.getIterationCount()) {
      throw new AssertionError(
          "iteration count " + fast.getIterationCount() + " vs " + reference.getIterationCount());
    }
    double params = relative(fast.params(), reference.params());
    INDArray stateRef = reference.getUpdater().getStateViewArray();
    INDArray state = fast.getUpdater().getStateViewArray();
    double stateGap = stateRef == null ? 0 : relative(state, stateRef);
    return new Gaps(loss, accuracy, params, stateGap, batches.size());
  }

  /** {@code max |a - b| / max |b|}. */
  static double relative(INDArray a, INDArray b) {
    double scale = b.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
    double gap =
        a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    return gap / Math.max(scale, 1e-30);
  }

  private static double accuracy(INDArray p, DataSet batch) {
    int[] predicted = p.argMax(1).toIntVector();
    int[] actual = batch.getLabels().argMax(1).toIntVector();
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      correct += predicted[i] == actual[i] ? 1 : 0;
    }
    return (double) correct / actual.length;
  }
}
