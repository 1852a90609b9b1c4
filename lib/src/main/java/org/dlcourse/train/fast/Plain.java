package org.dlcourse.train.fast;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** Which arrays Java may read and write in bulk through their buffers. */
final class Plain {

  private Plain() {}

  /**
   * Whether {@code a} is a FLOAT array that owns its whole buffer in {@code c} order (offset 0,
   * default strides, buffer as long as the array), so that element {@code i} in row-major order is
   * element {@code i} of {@code a.data().asNioFloat()}.
   */
  static boolean whole(INDArray a) {
    return a.dataType() == DataType.FLOAT
        && a.ordering() == 'c'
        && a.offset() == 0
        && Shape.hasDefaultStridesForShape(a)
        && a.data().length() == a.length();
  }
}
