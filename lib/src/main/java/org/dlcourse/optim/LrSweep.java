package org.dlcourse.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.dlcourse.display.Rich;

/**
 * A learning-rate sweep on a 2-D function: one run per learning rate of a grid, and the one rate
 * chosen by a stated rule. Giving every optimiser the same grid is what "equal tuning effort" means
 * when optimisers are compared.
 *
 * <p><b>The choice rule.</b> Each run is scored by the mean of {@code f} over its last {@code
 * window} points (1: the final value; more smooths the jitter of noisy gradients). A run that
 * diverged (see {@link Trajectory#diverged()}) scores {@code +infinity}. The lowest score wins; on
 * a tie the smaller learning rate wins (the grid is sorted ascending).
 *
 * <pre>{@code
 * double[] grid = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1};
 * LrSweep adam = LrSweep.run(f, lr -> Optimizer2d.adam(lr), grid, start, 100);
 * adam.bestLr();       // the chosen rate
 * adam.best();         // its trajectory
 * }</pre>
 *
 * <p>Introduced in the notebook on optimisers ({@code 04-optimizers}).
 *
 * @param optimizer a short name of the swept optimiser (its name at the chosen rate)
 * @param grid the learning rates tried, ascending
 * @param runs one trajectory per rate of {@code grid}
 * @param scores the score of each run (lower is better; {@code +infinity} if it diverged)
 * @param bestIndex the index of the chosen rate in {@code grid}
 */
public record LrSweep(
    String optimizer, double[] grid, List<Trajectory> runs, double[] scores, int bestIndex)
    implements Rich {

  /** Copies the arrays so that the result never changes. */
  public LrSweep {
    grid = grid.clone();
    runs = List.copyOf(runs);
    scores = scores.clone();
  }

  /** Sweeps {@code grid} with exact gradients and scores each run by its final value. */
  public static LrSweep run(
      Function2d f,
      DoubleFunction<Optimizer2d> optimizer,
      double[] grid,
      double[] start,
      int numSteps) {
    return runNoisy(f, optimizer, grid, start, numSteps, 0, 0, 1);
  }

  /**
   * Sweeps {@code grid} with gradient noise of standard deviation {@code noise} (the same noise
   * sequence, from {@code seed}, for every rate) and scores each run by the mean of {@code f} over
   * its last {@code window} points.
   *
   * @throws IllegalArgumentException if the grid is empty, unsorted or holds a rate {@code <= 0},
   *     or {@code window} is not between 1 and {@code numSteps + 1}
   */
  public static LrSweep runNoisy(
      Function2d f,
      DoubleFunction<Optimizer2d> optimizer,
      double[] grid,
      double[] start,
      int numSteps,
      double noise,
      long seed,
      int window) {
    Objects.requireNonNull(f, "f must not be null");
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    requireGrid(grid);
    if (window < 1 || window > numSteps + 1) {
      throw new IllegalArgumentException(
          "window must be between 1 and numSteps + 1 = " + (numSteps + 1) + " but was " + window);
    }
    List<Trajectory> runs = new ArrayList<>();
    double[] scores = new double[grid.length];
    int best = 0;
    for (int i = 0; i < grid.length; i++) {
      Trajectory path = Descent.runNoisy(f, optimizer.apply(grid[i]), start, numSteps, noise, seed);
      runs.add(path);
      scores[i] = score(path, numSteps, window);
      if (scores[i] < scores[best]) {
        best = i; // strictly lower: ties keep the smaller rate
      }
    }
    return new LrSweep(runs.get(best).name(), grid, runs, scores, best);
  }

  /** Mean of the last {@code window} values; +infinity when the run diverged or stopped early. */
  static double score(Trajectory path, int numSteps, int window) {
    if (path.diverged() || path.numSteps() < numSteps) {
      return Double.POSITIVE_INFINITY;
    }
    double[] v = path.values();
    double sum = 0;
    for (int t = v.length - window; t < v.length; t++) {
      sum += v[t];
    }
    return sum / window;
  }

  /** The chosen learning rate. */
  public double bestLr() {
    return grid[bestIndex];
  }

  /** The score of the chosen rate. */
  public double bestScore() {
    return scores[bestIndex];
  }

  /** The trajectory at the chosen rate. */
  public Trajectory best() {
    return runs.get(bestIndex);
  }

  /** Whether the chosen rate is the smallest or the largest of the grid (widen the grid then). */
  public boolean atGridEdge() {
    return bestIndex == 0 || bestIndex == grid.length - 1;
  }

  @Override
  public String html() {
    StringBuilder html = new StringBuilder("<table><tr><th>lr</th><th>score</th></tr>");
    for (int i = 0; i < grid.length; i++) {
      String weight = i == bestIndex ? " style=\"font-weight:bold\"" : "";
      html.append(
          String.format(
              Locale.ROOT, "<tr%s><td>%s</td><td>%s</td></tr>", weight, grid[i], fmt(scores[i])));
    }
    return html.append("</table>").toString();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "LrSweep[%s chosen from %s, score %s]",
        optimizer,
        Arrays.toString(grid),
        fmt(bestScore()));
  }

  private static String fmt(double score) {
    return Double.isInfinite(score) ? "diverged" : String.format(Locale.ROOT, "%.3g", score);
  }

  private static void requireGrid(double[] grid) {
    if (grid == null || grid.length == 0) {
      throw new IllegalArgumentException(
          "the learning-rate grid must hold at least one rate, e.g. {0.01, 0.1, 1}");
    }
    for (int i = 0; i < grid.length; i++) {
      if (!(grid[i] > 0) || Double.isInfinite(grid[i])) {
        throw new IllegalArgumentException(
            "every learning rate must be > 0 but grid[" + i + "] was " + grid[i]);
      }
      if (i > 0 && !(grid[i] > grid[i - 1])) {
        throw new IllegalArgumentException(
            "the grid must be sorted ascending without repeats but was " + Arrays.toString(grid));
      }
    }
  }
}
