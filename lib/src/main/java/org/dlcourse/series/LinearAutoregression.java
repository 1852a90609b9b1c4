package org.dlcourse.series;

import java.util.Arrays;

/**
 * The linear autoregressive model AR(w), the classical forecaster: {@code x̂_t = c + Σ_{k=1..w} a_k
 * x_{t-k}}, fitted by least squares on the training targets (normal equations {@code (XᵀX) β = Xᵀy}
 * with a column of ones for {@code c}, solved by Gaussian elimination with pivoting).
 *
 * <pre>{@code
 * LinearAutoregression ar = LinearAutoregression.fit(x, 20, 20, trainEnd);
 * double[] forecast = ar.forecast(x, testStart, x.length);
 * }</pre>
 */
public final class LinearAutoregression {

  private final double[] beta; // [c, a_1, …, a_w]

  private LinearAutoregression(double[] beta) {
    this.beta = beta;
  }

  /** Fits AR({@code window}) on the targets {@code from … to-1} of {@code values}. */
  public static LinearAutoregression fit(double[] values, int window, int from, int to) {
    if (window < 1 || from < window || to > values.length || to - from <= window + 1) {
      throw new IllegalArgumentException(
          "AR("
              + window
              + ") needs window <= from and more than window + 1 targets in [from, to) but got"
              + " from "
              + from
              + ", to "
              + to
              + " of "
              + values.length
              + " values");
    }
    int p = window + 1;
    double[][] a = new double[p][p + 1]; // augmented [XᵀX | Xᵀy]
    double[] row = new double[p];
    for (int t = from; t < to; t++) {
      row[0] = 1;
      for (int k = 1; k <= window; k++) {
        row[k] = values[t - k];
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          a[i][j] += row[i] * row[j];
        }
        a[i][p] += row[i] * values[t];
      }
    }
    return new LinearAutoregression(solve(a));
  }

  /** One-step-ahead forecasts of the targets {@code from … to-1}, from the true past values. */
  public double[] forecast(double[] values, int from, int to) {
    int window = beta.length - 1;
    if (from < window || to > values.length || from >= to) {
      throw new IllegalArgumentException(
          "need window <= from < to <= length but got window "
              + window
              + ", from "
              + from
              + ", to "
              + to
              + ", length "
              + values.length);
    }
    double[] forecast = new double[to - from];
    for (int t = from; t < to; t++) {
      double s = beta[0];
      for (int k = 1; k <= window; k++) {
        s += beta[k] * values[t - k];
      }
      forecast[t - from] = s;
    }
    return forecast;
  }

  /** The coefficients {@code [c, a_1, …, a_w]}. */
  public double[] coefficients() {
    return beta.clone();
  }

  /** Solves the augmented system {@code a = [A | b]} by Gaussian elimination, partial pivoting. */
  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException(
            "the AR normal equations are singular (e.g. a constant series); use a shorter window");
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }

  @Override
  public String toString() {
    return "LinearAutoregression(AR("
        + (beta.length - 1)
        + "), coefficients "
        + Arrays.toString(Arrays.stream(beta).map(b -> Math.round(b * 1000) / 1000.0).toArray())
        + ")";
  }
}
