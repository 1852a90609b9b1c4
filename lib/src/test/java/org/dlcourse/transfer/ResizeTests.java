package org.dlcourse.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.DataLocations;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResizeTests {

  @Test
  void twoPixelsBecomeFourByLinearInterpolation() {
    // 1-D along the width: centres of 4 output pixels sit at -0.25 (clamped to 0), 0.25, 0.75,
    // 1.25 (clamped to 1) in input coordinates, so [a, b] -> [a, .75a+.25b, .25a+.75b, b]
    INDArray image = Nd4j.create(new float[] {2, 6}, new long[] {1, 1, 1, 2});
    INDArray resized = Resize.bilinear(image, 1, 4);
    assertArrayEquals(new float[] {2, 3, 5, 6}, resized.reshape(4).toFloatVector(), 1e-6f);
  }

  @Test
  void constantImagesStayConstantAndTheSameSizeIsTheIdentity() {
    INDArray constant = Nd4j.valueArrayOf(new long[] {3, 2, 8, 8}, 0.25f);
    INDArray resized = Resize.bilinear(constant, 28, 28);
    assertArrayEquals(new long[] {3, 2, 28, 28}, resized.shape());
    assertEquals(0.25, resized.minNumber().doubleValue(), 1e-6);
    assertEquals(0.25, resized.maxNumber().doubleValue(), 1e-6);

    INDArray random = Nd4j.rand(DataType.FLOAT, 2, 1, 5, 7);
    assertTrue(random.equalsWithEps(Resize.bilinear(random, 5, 7), 1e-6));
  }

  @Test
  void eachImageIsResizedOnItsOwn() {
    // image 0 all zeros, image 1 all ones: no mixing across the batch or channels
    INDArray two = Nd4j.concat(0, Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 4), Nd4j.ones(1, 1, 4, 4));
    INDArray resized = Resize.bilinear(two, 9, 6);
    assertEquals(0.0, resized.slice(0).sumNumber().doubleValue(), 1e-6);
    assertEquals(54.0, resized.slice(1).sumNumber().doubleValue(), 1e-4);
  }

  @Test
  void digitsLoadWithTheirCatalogueChecksumAndResizeTo28x28() {
    Path file = DataLocations.find(Catalogue.DIGITS).file(Catalogue.DIGITS.name());
    assertEquals(Catalogue.DIGITS.files().get(0).copies().get(0).sha256(), Checksums.sha256(file));

    Dataset digits = Datasets.digits();
    assertArrayEquals(new long[] {1797, 64}, digits.features().shape());
    Dataset big = Resize.bilinear(digits.asImages(1, 8, 8), 28, 28);
    assertArrayEquals(new long[] {1797, 1, 28, 28}, big.features().shape());
    assertEquals(digits.labels(), big.labels());
    assertTrue(big.features().minNumber().doubleValue() >= 0);
    assertTrue(big.features().maxNumber().doubleValue() <= 1 + 1e-6);
    // interpolation keeps the mean brightness (up to the clamped border rows)
    double before = digits.features().meanNumber().doubleValue();
    double after = big.features().meanNumber().doubleValue();
    assertEquals(before, after, 0.05 * before);
  }

  @Test
  void flatFeaturesAreRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Resize.bilinear(Datasets.digits(), 28, 28));
    assertTrue(e.getMessage().contains("asImages(1, 8, 8)"), e.getMessage());
  }
}
