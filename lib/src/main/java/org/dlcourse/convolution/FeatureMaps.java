package org.dlcourse.convolution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Turns feature maps (or filtered images) into pictures for {@code Plots.imageGrid}: each map is
 * stretched on its own to [0, 1], so that its darkest pixel is black and its brightest white.
 */
public final class FeatureMaps {

  private FeatureMaps() {}

  /**
   * The {@code f} maps of one example, {@code [1, f, h, w]} or {@code [f, h, w]}, as {@code f} grey
   * images {@code [f, 1, h, w]}, each scaled by its own minimum and maximum (a constant map is
   * grey).
   */
  public static INDArray asImages(INDArray maps) {
    INDArray m = maps.rank() == 4 && maps.size(0) == 1 ? maps.get(NDArrayIndex.point(0)) : maps;
    if (m.rank() != 3) {
      throw new IllegalArgumentException(
          "expected the feature maps of one example, [1, f, h, w] or [f, h, w], but got shape "
              + java.util.Arrays.toString(maps.shape())
              + "; pick one example with maps.get(NDArrayIndex.point(i))");
    }
    long f = m.size(0);
    INDArray images = Nd4j.create(m.dataType(), f, 1, m.size(1), m.size(2));
    for (int k = 0; k < f; k++) {
      INDArray map = m.get(NDArrayIndex.point(k)).dup(); // [h, w]
      double min = map.minNumber().doubleValue();
      double range = map.maxNumber().doubleValue() - min;
      INDArray scaled = range > 0 ? map.subi(min).divi(range) : map.assign(0.5);
      images.get(NDArrayIndex.point(k), NDArrayIndex.point(0)).assign(scaled);
    }
    return images;
  }
}
