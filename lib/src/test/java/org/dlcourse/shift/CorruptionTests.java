package org.dlcourse.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CorruptionTests {

  /** One 3 x 3 image [1, 1, 3, 3] with a single 1 at (r, c). */
  private static INDArray dot(int r, int c) {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 3);
    X.putScalar(new long[] {0, 0, r, c}, 1f);
    return X;
  }

  private static INDArray randomImages(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, 2, 1, 9, 9);
  }

  @Test
  @DisplayName("a quarter turn counter-clockwise moves the top-right pixel to the top-left")
  void quarterTurnMovesCorners() {
    INDArray rotated = Rotation.of(dot(0, 2), 90);
    assertEquals(1.0, rotated.getDouble(0, 0, 0, 0), 1e-6);
    assertEquals(1.0, rotated.sumNumber().doubleValue(), 1e-6);
    INDArray back = Rotation.of(rotated, -90);
    assertArrayEquals(dot(0, 2).data().asFloat(), back.data().asFloat(), 1e-6f);
  }

  @Test
  @DisplayName("rotation by 0 and by 360 degrees leaves the images unchanged")
  void fullTurnIsIdentity() {
    INDArray X = randomImages(1);
    assertArrayEquals(X.data().asFloat(), Rotation.of(X, 0).data().asFloat(), 1e-6f);
    assertArrayEquals(X.data().asFloat(), Rotation.of(X, 360).data().asFloat(), 1e-5f);
    assertArrayEquals(X.shape(), Rotation.of(X, 30).shape());
  }

  @Test
  @DisplayName("the blur kernel sums to 1, is symmetric and spans 3 sigma each side")
  void blurKernel() {
    double[] g = Blur.kernel(1.0);
    assertEquals(7, g.length);
    double sum = 0;
    for (double v : g) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(g[0], g[6], 1e-12);
    assertTrue(g[3] > g[2] && g[2] > g[1]);
    assertArrayEquals(new double[] {1}, Blur.kernel(0), 0);
  }

  @Test
  @DisplayName("blurring a centre impulse keeps its mass and spreads it as g(dr) g(dc)")
  void blurImpulse() {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 1, 1, 9, 9);
    X.putScalar(new long[] {0, 0, 4, 4}, 1f);
    INDArray blurred = Blur.of(X, 0.8);
    double[] g = Blur.kernel(0.8); // radius 3, centre index 3
    assertEquals(1.0, blurred.sumNumber().doubleValue(), 1e-5);
    assertEquals(g[3] * g[3], blurred.getDouble(0, 0, 4, 4), 1e-6);
    assertEquals(g[3] * g[4], blurred.getDouble(0, 0, 4, 5), 1e-6);
    assertEquals(g[2] * g[4], blurred.getDouble(0, 0, 3, 5), 1e-6);
    assertArrayEquals(X.data().asFloat(), Blur.of(X, 0).data().asFloat(), 0f);
  }

  @Test
  @DisplayName("noise with the same seed repeats, stays in [0, 1] and has the asked-for spread")
  void noise() {
    INDArray grey = Nd4j.valueArrayOf(new long[] {4, 1, 28, 28}, 0.5f);
    INDArray a = PixelShifts.noise(grey, 0.1, 7);
    INDArray b = PixelShifts.noise(grey, 0.1, 7);
    assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f);
    assertNotEquals(a.getDouble(0, 0, 0, 0), PixelShifts.noise(grey, 0.1, 8).getDouble(0, 0, 0, 0));
    // 3136 draws of N(0.5, 0.01) (clipping at 5 sigma is negligible): mean and sd within a few %
    assertEquals(0.5, a.meanNumber().doubleValue(), 0.01);
    assertEquals(0.1, a.stdNumber().doubleValue(), 0.005);
    INDArray strong = PixelShifts.noise(grey, 2.0, 7);
    assertTrue(strong.minNumber().doubleValue() >= 0 && strong.maxNumber().doubleValue() <= 1);
  }

  @Test
  @DisplayName("full inversion is 1 - x, half inversion a flat grey 0.5")
  void inversion() {
    INDArray X = randomImages(2);
    assertArrayEquals(
        X.rsub(1.0).data().asFloat(), PixelShifts.invert(X, 1).data().asFloat(), 1e-6f);
    INDArray half = PixelShifts.invert(X, 0.5);
    assertEquals(0.5, half.minNumber().doubleValue(), 1e-6);
    assertEquals(0.5, half.maxNumber().doubleValue(), 1e-6);
  }

  @Test
  @DisplayName("a strength maps linearly onto each shift's parameter, and leaves X unchanged")
  void strengthsMapToParameters() {
    assertEquals(45, Corruption.ROTATION.parameter(0.5), 1e-12);
    assertEquals(3, Corruption.BLUR.parameter(1), 1e-12);
    assertEquals(0.25, Corruption.NOISE.parameter(0.5), 1e-12);
    INDArray X = randomImages(3);
    INDArray copy = X.dup();
    for (Corruption c : Corruption.values()) {
      INDArray clean = c.apply(X, 0, 1);
      assertArrayEquals(X.data().asFloat(), clean.data().asFloat(), 1e-6f, c.label());
      c.apply(X, 1, 1);
    }
    assertEquals(copy, X);
  }

  @Test
  @DisplayName("bad input is rejected with what was expected and what was given")
  void badInput() {
    var strength =
        assertThrows(IllegalArgumentException.class, () -> Corruption.BLUR.parameter(1.5));
    assertTrue(strength.getMessage().contains("[0, 1]") && strength.getMessage().contains("1.5"));
    var flat =
        assertThrows(
            IllegalArgumentException.class,
            () -> Rotation.of(Nd4j.zeros(DataType.FLOAT, 2, 784), 10));
    assertTrue(flat.getMessage().contains("[2, 784]") && flat.getMessage().contains("asImages"));
    assertThrows(IllegalArgumentException.class, () -> Blur.of(dot(0, 0), -1));
    assertThrows(IllegalArgumentException.class, () -> PixelShifts.invert(dot(0, 0), 2));
  }
}
