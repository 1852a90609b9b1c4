package org.dlcourse.ps.sample;

import java.util.function.ToDoubleFunction;

/** Numerical gradients, the oracle that checks backpropagation (notebook: sample.ipynb). */
public final class Gradients {
  private Gradients() {}

  /**
   * Central-difference gradient of {@code f} at {@code x}: {@code (f(x + h e_i) - f(x - h e_i)) /
   * 2h} for each coordinate i; the error is O(h²).
   */
  public static double[] numerical(ToDoubleFunction<double[]> f, double[] x, double h) {
    // BEGIN SOLUTION perturb each coordinate by +h and -h and take the central difference
    double[] grad = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      grad[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
    return grad;
    // END SOLUTION
  }
}
