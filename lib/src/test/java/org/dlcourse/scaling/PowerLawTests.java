package org.dlcourse.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerLawTests {

  private static final double[] SIZES = {100, 300, 1_000, 3_000, 10_000};

  private static double[] exactLaw(double a, double b) {
    double[] y = new double[SIZES.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = a * Math.pow(SIZES[i], -b);
    }
    return y;
  }

  @Test
  void recoversAnExactPowerLaw() {
    PowerLaw law = PowerLaw.fit(SIZES, exactLaw(3.5, 0.37));
    assertEquals(3.5, law.a(), 1e-9);
    assertEquals(0.37, law.b(), 1e-12);
    assertEquals(1.0, law.rSquared(), 1e-12);
    assertEquals(3.5 * Math.pow(500, -0.37), law.predict(500), 1e-12);
  }

  @Test
  void aRisingCurveHasANegativeExponent() {
    PowerLaw law = PowerLaw.fit(SIZES, exactLaw(0.01, -0.5));
    assertEquals(-0.5, law.b(), 1e-12);
  }

  @Test
  void noiseLowersRSquaredButKeepsTheExponentClose() {
    Random random = new Random(7);
    double[] y = exactLaw(2.0, 0.3);
    for (int i = 0; i < y.length; i++) {
      y[i] *= Math.exp(0.05 * random.nextGaussian()); // 5% multiplicative noise
    }
    PowerLaw law = PowerLaw.fit(SIZES, y);
    assertTrue(law.rSquared() < 1.0 && law.rSquared() > 0.9, law.toString());
    assertEquals(0.3, law.b(), 0.05);
  }

  @Test
  void aConstantCurveHasExponentZero() {
    PowerLaw law = PowerLaw.fit(new double[] {1, 10, 100}, new double[] {0.2, 0.2, 0.2});
    assertEquals(0.0, law.b(), 1e-12);
    assertEquals(0.2, law.a(), 1e-12);
    assertEquals(1.0, law.rSquared(), 0.0);
  }

  @Test
  void rejectsValuesThatAreNotPositive() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> PowerLaw.fit(new double[] {1, 2, 3}, new double[] {0.5, 0.0, 0.1}));
    assertTrue(zero.getMessage().contains("y[1] = 0.0"), zero.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> PowerLaw.fit(new double[] {-1, 2, 3}, new double[] {0.5, 0.2, 0.1}));
    assertTrue(negative.getMessage().contains("x[0] = -1.0"), negative.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PowerLaw.fit(new double[] {1, 2}, new double[] {Double.NaN, 0.1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PowerLaw.fit(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {0.2, 0.1}));
  }

  @Test
  void rejectsTooFewPointsMismatchedLengthsAndEqualSizes() {
    assertThrows(
        IllegalArgumentException.class, () -> PowerLaw.fit(new double[] {10}, new double[] {0.1}));
    IllegalArgumentException lengths =
        assertThrows(
            IllegalArgumentException.class,
            () -> PowerLaw.fit(new double[] {1, 2, 3}, new double[] {0.1, 0.2}));
    assertTrue(lengths.getMessage().contains("3") && lengths.getMessage().contains("2"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PowerLaw.fit(new double[] {5, 5, 5}, new double[] {0.1, 0.2, 0.3}));
    assertThrows(IllegalArgumentException.class, () -> PowerLaw.fit(null, new double[] {1}));
  }

  @Test
  void printsTheLawInOneLine() {
    String line = PowerLaw.fit(SIZES, exactLaw(2.0, 0.25)).toString();
    assertTrue(line.contains("n^(-0.250)") && line.contains("r² = 1.000"), line);
  }
}
