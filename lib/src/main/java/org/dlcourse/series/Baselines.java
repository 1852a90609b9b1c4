package org.dlcourse.series;

/**
 * One-step-ahead baselines that a forecaster must beat; each forecasts {@code x_t} for the targets
 * {@code t = from … to-1} from the true values before {@code t}.
 *
 * <ul>
 *   <li><b>naive</b>: {@code x̂_t = x_{t-1}} ("tomorrow is like today");
 *   <li><b>seasonal naive</b> with period {@code m}: {@code x̂_t = x_{t-m}} ("like one season
 *       ago").
 * </ul>
 */
public final class Baselines {

  private Baselines() {}

  /** {@code x̂_t = x_{t-1}} for {@code t = from … to-1}. */
  public static double[] naive(double[] values, int from, int to) {
    return seasonalNaive(values, 1, from, to);
  }

  /** {@code x̂_t = x_{t-period}} for {@code t = from … to-1}. */
  public static double[] seasonalNaive(double[] values, int period, int from, int to) {
    if (period < 1 || from < period || to > values.length || from >= to) {
      throw new IllegalArgumentException(
          "need 1 <= period <= from < to <= length but got period "
              + period
              + ", from "
              + from
              + ", to "
              + to
              + ", length "
              + values.length
              + "; the first target needs a value one period before it");
    }
    double[] forecast = new double[to - from];
    for (int t = from; t < to; t++) {
      forecast[t - from] = values[t - period];
    }
    return forecast;
  }
}
