package org.dlcourse.series;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forecasting as supervised learning: for every target time {@code t}, the input is the window of
 * the {@code w} values before it, {@code x_{t-w}, …, x_{t-1}}, and the label is {@code x_t} (one
 * step ahead).
 *
 * <pre>{@code
 * Windows test = Windows.of(z, 20, testStart, z.length);  // targets testStart … end
 * test.features();   // [n, 1, 20]: one feature over 20 time steps
 * test.labels();     // [n, 1]
 * }</pre>
 *
 * @param features the windows, {@code [n, 1, w]} float32
 * @param labels the next values, {@code [n, 1]} float32
 * @param targets the index in the series of each label
 */
public record Windows(INDArray features, INDArray labels, int[] targets) {

  /**
   * The windows whose targets are the indices {@code from … to-1} of {@code values}.
   *
   * @throws IllegalArgumentException if a window would reach before the start of the series
   */
  public static Windows of(double[] values, int window, int from, int to) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1 but was " + window);
    }
    if (from < window || to > values.length || from >= to) {
      throw new IllegalArgumentException(
          "targets must satisfy window <= from < to <= length (the first target needs "
              + window
              + " values before it) but were from = "
              + from
              + ", to = "
              + to
              + " with window "
              + window
              + " and "
              + values.length
              + " values");
    }
    int n = to - from;
    float[] x = new float[n * window];
    float[] y = new float[n];
    int[] targets = new int[n];
    for (int i = 0; i < n; i++) {
      int t = from + i;
      for (int k = 0; k < window; k++) {
        x[i * window + k] = (float) values[t - window + k]; // [i, 0, k] in C order
      }
      y[i] = (float) values[t];
      targets[i] = t;
    }
    return new Windows(
        Nd4j.create(x, new long[] {n, 1, window}, 'c'),
        Nd4j.create(y, new long[] {n, 1}, 'c'),
        targets);
  }

  /** The number of windows. */
  public int size() {
    return targets.length;
  }

  /** Features and labels as one DL4J data set. */
  public DataSet toDataSet() {
    return new DataSet(features, labels);
  }

  @Override
  public String toString() {
    return "Windows("
        + size()
        + " windows of "
        + features.size(2)
        + " steps, targets "
        + targets[0]
        + "…"
        + targets[targets.length - 1]
        + ")";
  }
}
