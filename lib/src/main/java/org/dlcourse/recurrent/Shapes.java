package org.dlcourse.recurrent;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks with messages that name the expected and the actual shape. */
final class Shapes {

  private Shapes() {}

  /** Requires {@code x} of shape {@code [batch, features, time]} with {@code features} given. */
  static void requireSequence(INDArray x, long features, String what) {
    if (x == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (x.rank() != 3 || x.size(1) != features) {
      String hint =
          x.rank() == 3 && x.size(2) == features
              ? "; it looks time-major-last-features [batch, time, features]: use x.permute(0, 2, 1)"
              : x.rank() == 2
                  ? "; for one sequence add the batch dimension: x.reshape(1, f, T)"
                  : "";
      throw new IllegalArgumentException(
          "expected "
              + what
              + " of shape [batch, "
              + features
              + ", time] (DL4J's batch-major layout) but got "
              + Arrays.toString(x.shape())
              + hint);
    }
  }

  /** Requires {@code a} to have exactly {@code shape}. */
  static void requireShape(INDArray a, String what, long... shape) {
    if (a == null || !Arrays.equals(a.shape(), shape)) {
      throw new IllegalArgumentException(
          "expected "
              + what
              + " of shape "
              + Arrays.toString(shape)
              + " but got "
              + (a == null ? "null" : Arrays.toString(a.shape())));
    }
  }

  /** {@code a} in double precision (a copy when it is not). */
  static INDArray asDouble(INDArray a) {
    return a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
  }
}
