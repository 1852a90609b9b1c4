package org.dlcourse.sequence;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.RecurrentNets.Cell;

/**
 * One cell's entry in the memory race of notebook 11, with its learning rate chosen on validation.
 *
 * <pre>{@code
 * MemoryRace.Result lstm = MemoryRace.run(Cell.LSTM, 32, 5.0, new double[] {0.003, 0.01, 0.03},
 *     seeds, train, validation, test, 3, 25);
 * lstm.testAccuracy();   // one test accuracy per seed, each after the same budget of epochs
 * }</pre>
 *
 * <p>The protocol, the same for every cell: (1) with the first seed, train one network per learning
 * rate of the grid (Adam) for {@code numEpochs} epochs and keep the learning rate with the best
 * final <b>validation</b> accuracy, where every network that solved the task (below) counts as best
 * and among those the one that solved it in the fewest epochs wins (remaining ties: the first in
 * the grid); (2) train the other seeds with that learning rate and the same budget; (3) read the
 * <b>test</b> set once per seed, at the end. Every network sees the same training sequences and
 * batch size, and at most the same number of updates: a network stops early once its validation
 * accuracy reaches {@value #SOLVED} (it has solved the task; more updates could not raise its score
 * much), so a curve may be shorter than {@code numEpochs}. A grid of one rate skips step (1)'s
 * choice: that rate was fixed beforehand (the notebook reuses rates chosen this way in an earlier
 * run, where training a grid costs minutes).
 *
 * @param cell the recurrent cell
 * @param units its hidden units
 * @param learningRates the grid, in the order tried
 * @param gridAccuracy final validation accuracy per learning rate (first seed)
 * @param chosenRate the learning rate chosen on validation
 * @param curves validation accuracy after each epoch {@code [seed][epoch]} at the chosen rate
 * @param testAccuracy test accuracy per seed at the chosen rate, after the last epoch
 * @param numParams parameters of one network
 * @param firstNetwork the first seed's trained network at the chosen rate (for a closer look)
 */
public record MemoryRace(
    Cell cell,
    int units,
    double[] learningRates,
    double[] gridAccuracy,
    double chosenRate,
    double[][] curves,
    double[] testAccuracy,
    long numParams,
    MultiLayerNetwork firstNetwork) {

  /** Validation accuracy at which a network counts as solved and stops training. */
  public static final double SOLVED = 0.99;

  /** As below, silently. */
  public static MemoryRace run(
      Cell cell,
      int units,
      double gateBias,
      double[] learningRates,
      long[] seeds,
      SequenceBatch train,
      SequenceBatch validation,
      SequenceBatch test,
      int numEpochs,
      int batchSize) {
    return run(
        cell,
        units,
        gateBias,
        learningRates,
        seeds,
        train,
        validation,
        test,
        numEpochs,
        batchSize,
        line -> {});
  }

  /**
   * Runs the protocol above; {@code seeds[s]} draws seed {@code s}'s weights and batch order, and
   * {@code progress} gets one line per trained network (a run takes minutes in full mode).
   */
  public static MemoryRace run(
      Cell cell,
      int units,
      double gateBias,
      double[] learningRates,
      long[] seeds,
      SequenceBatch train,
      SequenceBatch validation,
      SequenceBatch test,
      int numEpochs,
      int batchSize,
      Consumer<String> progress) {
    Objects.requireNonNull(cell, "cell must not be null");
    if (learningRates == null || learningRates.length == 0 || seeds == null || seeds.length == 0) {
      throw new IllegalArgumentException(
          "expected at least one learning rate and one seed but got "
              + Arrays.toString(learningRates)
              + " and "
              + Arrays.toString(seeds));
    }
    int numInputs = (int) train.features().size(1), numClasses = (int) train.labels().size(1);
    double[] grid = new double[learningRates.length];
    double[][] gridCurves = new double[learningRates.length][];
    MultiLayerNetwork[] gridNets = new MultiLayerNetwork[learningRates.length];
    int best = 0;
    for (int i = 0; i < learningRates.length; i++) {
      gridNets[i] =
          MemoryNets.classifier(
              cell, numInputs, units, numClasses, learningRates[i], gateBias, seeds[0]);
      gridCurves[i] =
          MemoryNets.fit(
              gridNets[i], train, validation, numEpochs, batchSize, SOLVED, seeds[0] + 1);
      grid[i] = gridCurves[i][gridCurves[i].length - 1];
      progress.accept(describe(cell, "seed 1, learning rate " + learningRates[i], gridCurves[i]));
      if (better(gridCurves[i], gridCurves[best])) {
        best = i;
      }
    }
    double[][] curves = new double[seeds.length][];
    double[] testAccuracy = new double[seeds.length];
    curves[0] = gridCurves[best];
    testAccuracy[0] = SequenceTraining.accuracy(gridNets[best], test);
    for (int s = 1; s < seeds.length; s++) {
      MultiLayerNetwork net =
          MemoryNets.classifier(
              cell, numInputs, units, numClasses, learningRates[best], gateBias, seeds[s]);
      curves[s] =
          MemoryNets.fit(net, train, validation, numEpochs, batchSize, SOLVED, seeds[s] + 1);
      testAccuracy[s] = SequenceTraining.accuracy(net, test);
      progress.accept(
          describe(cell, "seed " + (s + 1) + ", learning rate " + learningRates[best], curves[s]));
    }
    return new MemoryRace(
        cell,
        units,
        learningRates.clone(),
        grid,
        learningRates[best],
        curves,
        testAccuracy,
        gridNets[best].numParams(),
        gridNets[best]);
  }

  /**
   * Whether validation curve {@code a} beats {@code b}: solved (last value at least {@value
   * #SOLVED}) beats unsolved; two solved curves, the shorter (fewer epochs); two unsolved, the
   * higher last value.
   */
  static boolean better(double[] a, double[] b) {
    double lastA = a[a.length - 1], lastB = b[b.length - 1];
    boolean solvedA = lastA >= SOLVED, solvedB = lastB >= SOLVED;
    if (solvedA != solvedB) {
      return solvedA;
    }
    return solvedA ? a.length < b.length : lastA > lastB;
  }

  private static String describe(Cell cell, String what, double[] curve) {
    StringBuilder line = new StringBuilder(cell.label() + ", " + what + ": validation accuracy");
    for (double v : curve) {
      line.append(String.format(Locale.ROOT, " %.3f", v));
    }
    return line.toString();
  }

  /** Mean of the test accuracies over seeds. */
  public double meanTest() {
    return Arrays.stream(testAccuracy).average().orElse(Double.NaN);
  }

  /** Largest minus smallest test accuracy over seeds: the seed-to-seed spread. */
  public double spreadTest() {
    return Arrays.stream(testAccuracy).max().orElse(Double.NaN)
        - Arrays.stream(testAccuracy).min().orElse(Double.NaN);
  }

  /** Smallest test accuracy over seeds. */
  public double worstTest() {
    return Arrays.stream(testAccuracy).min().orElse(Double.NaN);
  }
}
