package org.dlcourse.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EdgeHistogramsTests {

  /** An 8 x 8 image, flattened to [1, 64], whose left half is black and right half white. */
  private static INDArray verticalEdge() {
    float[] pixels = new float[64];
    for (int r = 0; r < 8; r++) {
      for (int c = 4; c < 8; c++) {
        pixels[r * 8 + c] = 1f;
      }
    }
    return Nd4j.create(pixels, new long[] {1, 64}, 'c');
  }

  @Test
  @DisplayName("a vertical edge votes into the horizontal-gradient bin only")
  void verticalEdgeVotesIntoTheZeroDegreeBins() {
    // 8x8 image, one 8x8 cell, 4 bins centred at 22.5, 67.5, 112.5, 157.5 degrees.
    INDArray features = EdgeHistograms.of(8, 4).transform(verticalEdge());
    assertArrayEquals(new long[] {1, 4}, features.shape());
    // The gradient points along +x (θ = 0), halfway between the first and the last bin centres.
    float[] h = features.data().asFloat();
    assertEquals(h[0], h[3], 1e-5, "θ = 0 is split evenly between bins 0 and 3");
    assertEquals(0f, h[1], 1e-6);
    assertEquals(0f, h[2], 1e-6);
    assertEquals(1.0, Math.sqrt(h[0] * h[0] + h[3] * h[3]), 1e-3, "each cell is L2-normalised");
  }

  @Test
  void featureCountIsCellsTimesBins() {
    EdgeHistograms standard = EdgeHistograms.standard();
    assertEquals(144, standard.numFeatures(28));
    assertEquals(441, EdgeHistograms.of(4, 9).numFeatures(28));
    INDArray images = Nd4j.rand(3, 784);
    assertArrayEquals(new long[] {3, 144}, standard.transform(images).shape());
    INDArray asImages = images.reshape(3, 1, 28, 28);
    assertEquals(standard.transform(images), standard.transform(asImages));
  }

  @Test
  void contrastDoesNotChangeTheFeatures() {
    INDArray image = verticalEdge();
    INDArray dim = image.mul(0.2);
    assertTrue(
        EdgeHistograms.of(4, 9)
            .transform(image)
            .equalsWithEps(EdgeHistograms.of(4, 9).transform(dim), 1e-3));
  }

  @Test
  void nonSquareImagesAreRejectedWithTheShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EdgeHistograms.standard().transform(Nd4j.rand(2, 3, 28, 28)));
    assertTrue(e.getMessage().contains("[2, 3, 28, 28]"), e.getMessage());
  }
}
