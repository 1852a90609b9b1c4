package org.dlcourse.ps.sample;

/** Activation functions on plain arrays (notebook: sample.ipynb). */
public final class Activations {
  private Activations() {}

  /** ReLU applied to each element: {@code max(0, x)}; returns a new array of the same length. */
  public static double[] relu(double[] z) {
    // BEGIN SOLUTION apply max(0, z[i]) to each element and return a new array
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.max(0, z[i]);
    }
    return out;
    // END SOLUTION
  }

  /**
   * Softmax: {@code exp(z_i) / sum_j exp(z_j)}, computed stably by subtracting {@code max(z)}
   * first (the result is unchanged because the factor {@code exp(-max)} cancels).
   */
  public static double[] softmax(double[] z) {
    // BEGIN SOLUTION subtract max(z), exponentiate, divide by the sum
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] out = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      out[i] = Math.exp(z[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < z.length; i++) {
      out[i] /= sum;
    }
    return out;
    // END SOLUTION
  }
}
