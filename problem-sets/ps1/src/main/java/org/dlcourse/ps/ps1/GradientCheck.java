package org.dlcourse.ps.ps1;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numerical gradient, the oracle that checks every analytic gradient of this course (notebook:
 * ps1.ipynb, question q4).
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * The central-difference gradient of {@code f} at {@code x}: for each entry {@code i}, {@code
   * (f(x + h e_i) - f(x - h e_i)) / (2h)}, whose error is {@code O(h^2)}. {@code x} itself must be
   * unchanged afterwards.
   *
   * @param x any shape; the result has the same shape
   */
  public static INDArray numerical(Function<INDArray, Double> f, INDArray x, double h) {
    // BEGIN SOLUTION perturb one entry of a copy of x at a time, by +h and by -h
    INDArray probe = x.dup();
    INDArray flat = probe.reshape(probe.length()); // a view: writing it writes probe
    double[] grad = new double[(int) x.length()];
    for (int i = 0; i < grad.length; i++) {
      double old = flat.getDouble(i);
      flat.putScalar(i, old + h);
      double plus = f.apply(probe);
      flat.putScalar(i, old - h);
      double minus = f.apply(probe);
      flat.putScalar(i, old);
      grad[i] = (plus - minus) / (2 * h);
    }
    return org.nd4j.linalg.factory.Nd4j.createFromArray(grad).reshape(x.shape());
    // END SOLUTION
  }

  /**
   * The relative error {@code max_i |a_i - b_i| / max(max_i (|a_i| + |b_i|), 1e-12)}: about 1e-8 or
   * less for a correct analytic gradient in double precision, 1e-2 or more for a wrong one.
   */
  public static double relativeError(INDArray a, INDArray b) {
    // BEGIN SOLUTION the largest absolute difference over the largest magnitude, never dividing by 0
    if (!java.util.Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          "shapes differ: "
              + java.util.Arrays.toString(a.shape())
              + " vs "
              + java.util.Arrays.toString(b.shape()));
    }
    double diff = 0;
    double scale = 0;
    INDArray fa = a.reshape(a.length());
    INDArray fb = b.reshape(b.length());
    for (long i = 0; i < fa.length(); i++) {
      diff = Math.max(diff, Math.abs(fa.getDouble(i) - fb.getDouble(i)));
      scale = Math.max(scale, Math.abs(fa.getDouble(i)) + Math.abs(fb.getDouble(i)));
    }
    return diff / Math.max(scale, 1e-12);
    // END SOLUTION
  }
}
