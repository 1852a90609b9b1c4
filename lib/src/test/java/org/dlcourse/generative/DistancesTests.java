package org.dlcourse.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistancesTests {

  /** n correlated 3-D Gaussian samples, [n, 3] double: x = (g1, g1 + g2, 0.5 g3 - g1). */
  static INDArray correlated(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      double g1 = gaussian(r);
      double g2 = gaussian(r);
      double g3 = gaussian(r);
      x[i] = new double[] {g1 + 1, g1 + g2, 0.5 * g3 - g1};
    }
    return Nd4j.create(x);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  @DisplayName("MMD of a sample with itself is 0; a shifted copy is farther the larger the shift")
  void mmdIdenticalAndShifted() {
    INDArray X = correlated(300, 1);
    assertEquals(0, Mmd.squared(X, X, 1.0), 1e-12);
    double small = Mmd.of(X, X.add(0.2), 1.0);
    double large = Mmd.of(X, X.add(1.0), 1.0);
    assertTrue(small > 0.01, "MMD of a 0.2 shift should be clearly > 0 but was " + small);
    assertTrue(large > 2 * small, "MMD should grow with the shift: " + small + " vs " + large);
  }

  @Test
  @DisplayName("MMD of two single points: 2 - 2 exp(-d^2 / (2 sigma^2))")
  void mmdOfTwoPoints() {
    INDArray a = Nd4j.create(new double[][] {{0, 0}});
    INDArray b = Nd4j.create(new double[][] {{3, 4}}); // distance 5
    assertEquals(2 - 2 * Math.exp(-25 / 8.0), Mmd.squared(a, b, 2.0), 1e-12);
  }

  @Test
  @DisplayName("MMD refuses samples of different dimensions and a non-positive kernel width")
  void mmdBadInput() {
    INDArray a = Nd4j.zeros(3, 2);
    INDArray b = Nd4j.zeros(3, 3);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Mmd.of(a, b, 1))
            .getMessage()
            .contains("2 and 3"));
    assertThrows(IllegalArgumentException.class, () -> Mmd.of(a, a, 0));
  }

  @Test
  @DisplayName("1-D Wasserstein: a shift by 0.5 costs 0.5; samples of different sizes")
  void wassersteinOneD() {
    double[] a = {0.3, -1.2, 2.5, 0.0, 1.1};
    double[] b = a.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] += 0.5;
    }
    assertEquals(0.5, Wasserstein.oneD(a, b), 1e-12);
    assertEquals(0, Wasserstein.oneD(a, a), 1e-12);
    // F_a - F_b = 0.5 on [0, 0.5) and -0.5 on [0.5, 1): 0.25 + 0.25
    assertEquals(0.5, Wasserstein.oneD(new double[] {0, 1}, new double[] {0.5}), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Wasserstein.oneD(new double[0], a));
  }

  @Test
  @DisplayName("sliced Wasserstein: 0 for identical samples, between 0 and |shift| for a shift")
  void slicedWasserstein() {
    INDArray X = correlated(200, 2);
    assertEquals(0, Wasserstein.sliced(X, X, 20, 1), 1e-12);
    INDArray shift = Nd4j.create(new double[] {0.6, 0, -0.8}); // length 1
    double d = Wasserstein.sliced(X, X.addRowVector(shift), 50, 1);
    // each projection moves by |u . shift| <= 1; the mean over directions is about 1/2 in 3-D
    assertTrue(d > 0.3 && d <= 1 + 1e-9, "sliced W1 of a unit shift was " + d);
  }

  @Test
  @DisplayName("Fréchet distance of a set with itself is 0; of a shifted copy |shift|^2")
  void frechetIdenticalAndShifted() {
    INDArray X = correlated(400, 3);
    assertEquals(0, Frechet.distance(X, X), 1e-8);
    INDArray shift = Nd4j.create(new double[] {1, -2, 0.5});
    assertEquals(1 + 4 + 0.25, Frechet.distance(X, X.addRowVector(shift)), 1e-8);
  }

  @Test
  @DisplayName("Fréchet distance of X and 2X is |mu|^2 + Tr(C): checks the matrix square root")
  void frechetOfScaledCopy() {
    // C2 = 4 C1, so (C1 C2)^(1/2) = 2 C1 and FD = |mu - 2 mu|^2 + Tr(C1) (1 + 4 - 4)
    INDArray X = correlated(500, 4);
    double[][] x = X.toDoubleMatrix();
    double[] mu = Frechet.mean(x);
    double[][] c = Frechet.covariance(x, mu);
    double expected = mu[0] * mu[0] + mu[1] * mu[1] + mu[2] * mu[2] + c[0][0] + c[1][1] + c[2][2];
    assertEquals(expected, Frechet.distance(X, X.mul(2)), 1e-8 * expected);
  }

  @Test
  @DisplayName("Jacobi eigen-decomposition reconstructs a symmetric matrix")
  void eigenReconstructs() {
    double[][] a = {{4, 1, -2}, {1, 2, 0.5}, {-2, 0.5, 3}};
    double[][] back = SymmetricEigen.of(a).apply(l -> l);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(a[i][j], back[i][j], 1e-9);
      }
    }
    double[][] sqrt = SymmetricEigen.of(new double[][] {{4, 0}, {0, 9}}).apply(Math::sqrt);
    assertEquals(2, sqrt[0][0], 1e-12);
    assertEquals(3, sqrt[1][1], 1e-12);
  }

  @Test
  @DisplayName("class coverage: k equal classes give k, one class gives 1")
  void classCoverage() {
    ClassCoverage even = ClassCoverage.of(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, 4);
    assertEquals(4, even.effectiveNumber(), 1e-12);
    assertEquals(4, even.covered(0.2));
    ClassCoverage one = ClassCoverage.of(new int[] {2, 2, 2}, 4);
    assertEquals(1, one.effectiveNumber(), 1e-12);
    assertEquals(1, one.covered(0.01));
    assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new int[] {4}, 4));
  }

  @Test
  @DisplayName("ring: its own samples cover every mode; samples of one mode cover one")
  void ringCoverage() {
    Ring ring = Ring.of(8, 2, 0.05);
    INDArray X = ring.sample(2000, 5);
    assertEquals(8, ring.modesCovered(X));
    assertTrue(ring.shareNearModes(X) > 0.98, "share near modes " + ring.shareNearModes(X));
    INDArray oneMode = Nd4j.create(new float[][] {{2, 0}, {2.01f, 0.02f}, {1.98f, -0.03f}});
    assertEquals(1, ring.modesCovered(oneMode));
    assertEquals(1, ring.coverage(oneMode).effectiveNumber(), 1e-12);
    assertTrue(ring.coverage(X).effectiveNumber() > 7.9, ring.coverage(X).toString());
    assertEquals(0, ring.modesCovered(Nd4j.zeros(10, 2))); // the centre is far from every mode
  }
}
