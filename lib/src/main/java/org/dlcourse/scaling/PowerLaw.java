package org.dlcourse.scaling;

import java.util.Locale;

/**
 * A power law {@code error ≈ a · n^(-b)}, fitted by least squares in log-log space, where it is a
 * straight line: {@code log(error) = log(a) - b · log(n)}.
 *
 * <pre>{@code
 * PowerLaw law = PowerLaw.fit(trainSizes, testErrors);  // error ≈ 3.1 · n^(-0.21), r² = 0.98
 * law.b();                                              // the exponent: how fast error falls
 * law.predict(100_000);                                 // extrapolate (with care)
 * }</pre>
 *
 * <p>Introduced in the notebook on generalisation ({@code 06-generalisation}), for the curve of
 * test error against training-set size.
 *
 * @param a the error at {@code n = 1} (the intercept {@code exp(log a)} of the log-log line)
 * @param b the exponent: error falls by a factor {@code 2^b} each time {@code n} doubles
 * @param rSquared the share of the variance of {@code log(error)} the line explains (1 = every
 *     point on the line)
 */
public record PowerLaw(double a, double b, double rSquared) {

  /**
   * Fits {@code y ≈ a · x^(-b)} by ordinary least squares on {@code (log x, log y)}.
   *
   * @param x the sizes, every one {@code > 0}, not all equal
   * @param y the values, every one {@code > 0}, one per size
   * @throws IllegalArgumentException for fewer than 2 points, lengths that differ, a value that is
   *     not positive and finite, or sizes that are all equal
   */
  public static PowerLaw fit(double[] x, double[] y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("x and y must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "expected one y per x but x has " + x.length + " values and y has " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException(
          "a power law needs at least 2 points to fit but got " + x.length);
    }
    int m = x.length;
    double[] u = new double[m]; // log x
    double[] v = new double[m]; // log y
    for (int i = 0; i < m; i++) {
      u[i] = logOf(x[i], "x", i);
      v[i] = logOf(y[i], "y", i);
    }
    double meanU = mean(u);
    double meanV = mean(v);
    double suu = 0;
    double suv = 0;
    double svv = 0;
    for (int i = 0; i < m; i++) {
      suu += (u[i] - meanU) * (u[i] - meanU);
      suv += (u[i] - meanU) * (v[i] - meanV);
      svv += (v[i] - meanV) * (v[i] - meanV);
    }
    if (suu == 0) {
      throw new IllegalArgumentException(
          "every x is " + x[0] + ": a slope needs at least two different sizes");
    }
    // the line v = c + s·u minimising sum (v - c - s·u)^2: s = Suv / Suu, c = mean v - s · mean u
    double slope = suv / suu;
    double intercept = meanV - slope * meanU;
    double residual = 0;
    for (int i = 0; i < m; i++) {
      double r = v[i] - intercept - slope * u[i];
      residual += r * r;
    }
    // r² = 1 - SS_res / SS_tot; a flat line through constant y explains everything there is
    double rSquared = svv == 0 ? 1.0 : 1.0 - residual / svv;
    return new PowerLaw(Math.exp(intercept), -slope, rSquared);
  }

  /** The fitted value {@code a · x^(-b)}. */
  public double predict(double x) {
    return a * Math.pow(x, -b);
  }

  /** The fitted values {@code a · x[i]^(-b)}, e.g. to draw the line beside the measurements. */
  public double[] predict(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = predict(x[i]);
    }
    return y;
  }

  /** For example {@code "error ≈ 2.310 · n^(-0.274), r² = 0.991"}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "error ≈ %.4g · n^(-%.3f), r² = %.3f", a, b, rSquared);
  }

  private static double logOf(double value, String name, int i) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name
              + "["
              + i
              + "] = "
              + value
              + " but a power law is fitted on logarithms, which need values > 0 and finite;"
              + " remove that point");
    }
    return Math.log(value);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }
}
