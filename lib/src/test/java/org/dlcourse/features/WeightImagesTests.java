package org.dlcourse.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.models.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightImagesTests {

  // W [3 inputs, 3 units]: unit 0 is small, unit 1 zero, unit 2 large
  private static final INDArray W =
      Nd4j.createFromArray(new double[][] {{1, 0, -4}, {-2, 0, 2}, {0.5, 0, 0}});

  @Test
  @DisplayName("strongest columns are ordered by their L2 norm, largest first")
  void strongestColumnsByNorm() {
    assertArrayEquals(new int[] {2, 0}, WeightImages.strongestColumns(W, 2));
    assertThrows(IllegalArgumentException.class, () -> WeightImages.strongestColumns(W, 4));
  }

  @Test
  @DisplayName("a column becomes an image row: 0 -> 0.5, largest |w| -> 0 or 1")
  void columnsScaleAroundMidGrey() {
    INDArray images = WeightImages.columnsAsImages(W, new int[] {0, 1, 2});
    assertArrayEquals(new long[] {3, 3}, images.shape());
    assertArrayEquals(new double[] {0.75, 0, 0.625}, images.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, images.getRow(1).toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {0, 0.75, 0.5}, images.getRow(2).toDoubleVector(), 1e-12);
  }

  @Test
  @DisplayName("filters [nOut, 1, k, k] become rows of k*k pixels in reading order")
  void filtersBecomeRows() {
    INDArray filters = Nd4j.linspace(1, 8, 8).reshape(2, 1, 2, 2); // filter 0: 1 2 / 3 4
    INDArray images = WeightImages.filtersAsImages(filters);
    assertArrayEquals(new long[] {2, 4}, images.shape());
    assertArrayEquals(
        new double[] {0.625, 0.75, 0.875, 1.0}, images.getRow(0).toDoubleVector(), 1e-6);
    assertThrows(
        IllegalArgumentException.class, () -> WeightImages.filtersAsImages(Nd4j.zeros(2, 3, 2, 2)));
  }

  @Test
  @DisplayName("the small CNN's seed draws its weights; its first filters are [8, 1, 5, 5]")
  void smallCnnSeedAndShapes() {
    Model a = SmallCnn.of(1), b = SmallCnn.of(1), c = SmallCnn.of(2);
    INDArray filters = a.network().getLayer(0).getParam("W");
    assertArrayEquals(new long[] {8, 1, 5, 5}, filters.shape());
    assertEquals(a.network().params(), b.network().params());
    assertTrue(!a.network().params().equals(c.network().params()));
    // conv 8*(25+1) + conv 16*(8*25+1) + dense 64*(16*4*4+1) + output 10*(64+1)
    assertEquals(8 * 26 + 16 * 201 + 64 * 257 + 10 * 65, a.numParams());
  }
}
