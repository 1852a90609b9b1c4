package org.dlcourse.recurrent;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between ND4J's off-heap arrays and Java {@code double[]}, for {@link GruPass}'s
 * element-wise loops: one {@code FloatBuffer}/{@code DoubleBuffer} pass over the native memory
 * instead of one native op per arithmetic step. Arrays are read in row-major order; only FLOAT and
 * DOUBLE arrays are supported.
 */
final class NativeRows {

  private NativeRows() {}

  /** The elements of {@code array} in row-major order. */
  static double[] read(INDArray array) {
    double[] out = new double[Math.toIntExact(array.length())];
    read(array, out, 0);
    return out;
  }

  /** Copies {@code array} (row-major) into {@code out} from index 0. */
  static void read(INDArray array, double[] out) {
    read(array, out, 0);
  }

  /** Copies {@code array} (row-major) into {@code out} from index {@code at}. */
  static void read(INDArray array, double[] out, int at) {
    INDArray a = plain(array) ? array : array.dup('c');
    int length = Math.toIntExact(a.length());
    if (a.dataType() == DataType.DOUBLE) {
      a.data().asNioDouble().get(out, at, length);
    } else {
      requireFloat(a);
      FloatBuffer buffer = a.data().asNioFloat();
      for (int k = 0; k < length; k++) {
        out[at + k] = buffer.get(k);
      }
    }
  }

  /**
   * Copies {@code target.length()} values of {@code source} from index {@code from} into {@code
   * target}, which must be a whole row-major array (as made by {@link #create}).
   */
  static void write(double[] source, int from, INDArray target) {
    if (!plain(target)) {
      throw new IllegalStateException("NativeRows.write needs a whole row-major array, not a view");
    }
    int length = Math.toIntExact(target.length());
    if (target.dataType() == DataType.DOUBLE) {
      target.data().asNioDouble().put(source, from, length);
    } else {
      requireFloat(target);
      FloatBuffer buffer = target.data().asNioFloat();
      for (int k = 0; k < length; k++) {
        buffer.put(k, (float) source[from + k]);
      }
    }
  }

  /**
   * A new row-major {@code [rows, cols]} array of {@code type} from the start of {@code values}.
   */
  static INDArray create(double[] values, long rows, long cols, DataType type) {
    INDArray out = Nd4j.createUninitialized(type, new long[] {rows, cols}, 'c');
    write(values, 0, out);
    return out;
  }

  /** Row-major, dense, starting at the beginning of its own buffer. */
  private static boolean plain(INDArray a) {
    return a.ordering() == 'c'
        && a.offset() == 0
        && Shape.hasDefaultStridesForShape(a)
        && a.data().length() == a.length();
  }

  private static void requireFloat(INDArray a) {
    if (a.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException(
          "the GRU layer computes in FLOAT or DOUBLE but got "
              + a.dataType()
              + "; build the network with .dataType(DataType.FLOAT) or DOUBLE");
    }
  }
}
