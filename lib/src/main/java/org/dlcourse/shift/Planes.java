package org.dlcourse.shift;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images {@code [n, c, h, w]} as {@code n * c} planes of {@code h * w} floats, for corruptions that
 * work pixel by pixel in plain Java (cheaper than many small native ops on 28 x 28 images).
 */
final class Planes {

  private Planes() {}

  /** Throws unless {@code X} is a batch of images {@code [n, c, h, w]}. */
  static void requireImages(INDArray X) {
    if (X == null || X.rank() != 4) {
      throw new IllegalArgumentException(
          "expected images of shape [n, channels, height, width] but got "
              + (X == null ? "null" : Arrays.toString(X.shape()))
              + "; call dataset.asImages(1, 28, 28) first");
    }
  }

  /** The pixels, plane after plane: {@code [n * c][h * w]}. */
  static float[][] of(INDArray X) {
    requireImages(X);
    int planes = (int) (X.size(0) * X.size(1));
    int size = (int) (X.size(2) * X.size(3));
    float[] flat = X.castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[][] out = new float[planes][];
    for (int p = 0; p < planes; p++) {
      out[p] = Arrays.copyOfRange(flat, p * size, (p + 1) * size);
    }
    return out;
  }

  /** The planes back as float32 images of {@code shape} {@code [n, c, h, w]}. */
  static INDArray toImages(float[][] planes, long[] shape) {
    int size = planes.length == 0 ? 0 : planes[0].length;
    float[] flat = new float[planes.length * size];
    for (int p = 0; p < planes.length; p++) {
      System.arraycopy(planes[p], 0, flat, p * size, size);
    }
    return Nd4j.create(flat, shape, 'c');
  }
}
