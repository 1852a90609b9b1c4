package org.dlcourse.ps.ps1;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers of the tests: double-precision arrays from Java literals. */
final class Arrays2 {
  private Arrays2() {}

  static INDArray matrix(double[][] rows) {
    return Nd4j.create(rows).castTo(DataType.DOUBLE);
  }

  static INDArray vector(double... values) {
    return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
  }

  /** The entries of a in order, whatever its shape; a message instead of a crash when null. */
  static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " returned null; return an INDArray");
    }
    return a.dup().reshape(a.length()).toDoubleVector();
  }

  /** The test's own central difference (never the student's), for checking gradients. */
  static double[] centralDifference(java.util.function.ToDoubleFunction<INDArray> f, INDArray x) {
    double h = 1e-6;
    double[] g = new double[(int) x.length()];
    for (int i = 0; i < g.length; i++) {
      INDArray plus = x.dup();
      INDArray minus = x.dup();
      plus.putScalar(i, x.getDouble(i) + h);
      minus.putScalar(i, x.getDouble(i) - h);
      g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }
    return g;
  }
}
