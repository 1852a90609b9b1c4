package org.dlcourse.series;

/**
 * Standardisation with statistics of the training part only: {@code z = (x - mean) / std}. The
 * network sees {@code z}; its forecasts are turned back with {@code x = mean + std z}.
 *
 * @param mean the training part's mean
 * @param std the training part's standard deviation (population, {@code > 0})
 */
public record Scaling(double mean, double std) {

  /** Checks that {@code std > 0}. */
  public Scaling {
    if (!(std > 0) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException(
          "scaling needs a finite mean and std > 0 but got mean "
              + mean
              + ", std "
              + std
              + "; the training part must hold at least two different values");
    }
  }

  /** Mean and standard deviation of {@code values[from … to-1]}. */
  public static Scaling fit(double[] values, int from, int to) {
    if (from < 0 || to > values.length || to - from < 2) {
      throw new IllegalArgumentException(
          "scaling needs at least 2 values in [from, to) but got from = "
              + from
              + ", to = "
              + to
              + " of "
              + values.length);
    }
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += values[i];
    }
    mean /= to - from;
    double var = 0;
    for (int i = from; i < to; i++) {
      var += (values[i] - mean) * (values[i] - mean);
    }
    return new Scaling(mean, Math.sqrt(var / (to - from)));
  }

  /** {@code (x - mean) / std} for every value. */
  public double[] apply(double[] values) {
    double[] z = new double[values.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (values[i] - mean) / std;
    }
    return z;
  }

  /** {@code mean + std z} for every value. */
  public double[] invert(double[] z) {
    double[] x = new double[z.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = mean + std * z[i];
    }
    return x;
  }
}
