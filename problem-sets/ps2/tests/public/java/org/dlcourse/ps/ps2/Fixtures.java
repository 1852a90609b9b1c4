package org.dlcourse.ps.ps2;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers of the tests: fixed double arrays and the tests' own numerical gradient. */
final class Fixtures {
  private Fixtures() {}

  /** A [rows, cols] double array with entries drawn from N(0, scale^2) by this seed. */
  static INDArray randn(long seed, int rows, int cols, double scale) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, rows, cols).muli(scale);
  }

  static INDArray matrix(double[][] rows) {
    return Nd4j.create(rows).castTo(DataType.DOUBLE);
  }

  static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " is null; did backward set it?");
    }
    return a.dup().reshape(a.length()).toDoubleVector();
  }

  /** Central differences of f at x, entry by entry (x is restored). */
  static double[] numerical(ToDoubleFunction<INDArray> f, INDArray x) {
    double h = 1e-6;
    INDArray flat = x.reshape(x.length());
    double[] g = new double[(int) x.length()];
    for (int i = 0; i < g.length; i++) {
      double old = flat.getDouble(i);
      flat.putScalar(i, old + h);
      double plus = f.applyAsDouble(x);
      flat.putScalar(i, old - h);
      double minus = f.applyAsDouble(x);
      flat.putScalar(i, old);
      g[i] = (plus - minus) / (2 * h);
    }
    return g;
  }

  /** The tests' own mean softmax cross-entropy of logits Z against one-hot Y. */
  static double crossEntropy(INDArray Z, INDArray Y) {
    double total = 0;
    for (int i = 0; i < Z.rows(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < Z.columns(); j++) {
        max = Math.max(max, Z.getDouble(i, j));
      }
      double sum = 0;
      for (int j = 0; j < Z.columns(); j++) {
        sum += Math.exp(Z.getDouble(i, j) - max);
      }
      for (int j = 0; j < Z.columns(); j++) {
        total -= Y.getDouble(i, j) * (Z.getDouble(i, j) - max - Math.log(sum));
      }
    }
    return total / Z.rows();
  }

  /** The first entry where got and want differ by more than tol, as a message, or null. */
  static String firstDifference(String what, long[] shape, double[] got, double[] want, double tol) {
    if (got.length != want.length) {
      return what + ": expected " + want.length + " entries but got " + got.length;
    }
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - want[i]) <= tol)) {
        String at = shape.length == 2 ? "[" + i / shape[1] + ", " + i % shape[1] + "]" : "[" + i + "]";
        return what
            + at
            + " is "
            + got[i]
            + " but the numerical gradient is "
            + want[i]
            + " (difference "
            + Math.abs(got[i] - want[i])
            + ")";
      }
    }
    return null;
  }
}
