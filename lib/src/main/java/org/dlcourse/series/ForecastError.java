package org.dlcourse.series;

/** Errors of a forecast against the truth, in the series' own units. */
public final class ForecastError {

  private ForecastError() {}

  /** Mean absolute error {@code (1/n) Σ |ŷ_i - y_i|}. */
  public static double mae(double[] forecast, double[] truth) {
    requireSameLength(forecast, truth);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += Math.abs(forecast[i] - truth[i]);
    }
    return sum / truth.length;
  }

  /** Root mean squared error {@code sqrt((1/n) Σ (ŷ_i - y_i)²)}. */
  public static double rmse(double[] forecast, double[] truth) {
    requireSameLength(forecast, truth);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += (forecast[i] - truth[i]) * (forecast[i] - truth[i]);
    }
    return Math.sqrt(sum / truth.length);
  }

  /** The values of {@code series} at the indices {@code from … to-1} (the truth to compare). */
  public static double[] truth(double[] series, int from, int to) {
    return java.util.Arrays.copyOfRange(series, from, to);
  }

  private static void requireSameLength(double[] forecast, double[] truth) {
    if (forecast.length != truth.length || truth.length == 0) {
      throw new IllegalArgumentException(
          "a forecast needs one value per true value (at least one) but had "
              + forecast.length
              + " forecasts for "
              + truth.length
              + " values");
    }
  }
}
