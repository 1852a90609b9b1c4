package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CnnsTests {

  @Test
  void lenetMapsImagesToClassProbabilities() {
    Model lenet = Cnns.lenet(10);
    assertArrayEquals(new long[] {1, 28, 28}, lenet.inputShape());
    assertEquals(10, lenet.numClasses());
    // conv 20 x (1 x 5 x 5) + 20, conv 50 x (20 x 5 x 5) + 50, dense 800 x 500 + 500, 500 x 10 + 10
    assertEquals(520 + 25_050 + 400_500 + 5_010, lenet.numParams());
    Nd4j.getRandom().setSeed(1);
    INDArray X = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28); // [3, 1, 28, 28]
    INDArray yHat = lenet.predict(X); // [3, 10]
    assertArrayEquals(new long[] {3, 10}, yHat.shape());
    INDArray rowSums = yHat.sum(1);
    for (int i = 0; i < 3; i++) {
      assertEquals(1.0, rowSums.getDouble(i), 1e-5, "softmax row " + i + " sums to 1");
    }
  }

  @Test
  void lenetNeedsAtLeastTwoClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cnns.lenet(1));
    assertEquals("numClasses must be >= 2 but was 1", e.getMessage());
  }

  @Test
  void alexNetStyleHasBatchNormDropoutAndPaddedConvolutions() {
    Model alex = Cnns.alexNetStyle(10);
    // conv 32 (1*9+1), BN 4*32, conv 64 (32*9+1), BN 4*64, dense 3136 -> 256, 256 -> 10
    long expected = 32 * 10 + 128 + 64 * (32 * 9 + 1) + 256 + 256L * 3137 + 10 * 257;
    assertEquals(expected, alex.numParams());
    INDArray yHat = alex.predict(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28));
    assertArrayEquals(new long[] {2, 10}, yHat.shape());
  }

  @Test
  void builderRejectsBlocksThatShrinkTheImageAway() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cnns.builder().filters(8, 8, 8, 8).configuration());
    assertTrue(e.getMessage().contains("below one pixel"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cnns.builder().dropout(1.0));
    assertThrows(IllegalArgumentException.class, () -> Cnns.builder().filters());
  }
}
