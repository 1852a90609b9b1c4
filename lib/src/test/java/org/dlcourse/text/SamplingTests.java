package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SamplingTests {

  private static final double[] P = {0.1, 0.2, 0.7};

  @Test
  @DisplayName("temperature 1 keeps p; temperature τ gives p^(1/τ) normalised")
  void temperatureReweightsByPower() {
    assertArrayEquals(P, Sampling.withTemperature(P, 1.0), 1e-12);
    double[] half = Sampling.withTemperature(P, 0.5); // p² / Σ p²
    double z = 0.01 + 0.04 + 0.49;
    assertArrayEquals(new double[] {0.01 / z, 0.04 / z, 0.49 / z}, half, 1e-12);
  }

  @Test
  @DisplayName("τ → 0 is greedy, τ → ∞ tends to uniform")
  void limits() {
    assertArrayEquals(new double[] {0, 0, 1}, Sampling.withTemperature(P, 0), 0);
    double[] hot = Sampling.withTemperature(P, 1e6);
    for (double q : hot) {
      assertEquals(1.0 / 3, q, 1e-5);
    }
    assertThrows(IllegalArgumentException.class, () -> Sampling.withTemperature(P, -1));
  }

  @Test
  void drawFollowsTheProbabilities() {
    Random random = new Random(3);
    int[] counts = new int[3];
    for (int i = 0; i < 100_000; i++) {
      counts[Sampling.draw(P, random)]++;
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(P[i], counts[i] / 100_000.0, 0.01, "share of " + i);
    }
    assertTrue(Sampling.draw(new double[] {0, 1, 0}, random) == 1);
  }
}
