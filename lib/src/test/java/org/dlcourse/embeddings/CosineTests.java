package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineTests {

  @Test
  void sameDirectionIsOneOppositeIsMinusOneOrthogonalIsZero() {
    assertEquals(1.0, Cosine.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
    assertEquals(-1.0, Cosine.of(new double[] {1, 2, 3}, new double[] {-1, -2, -3}), 1e-12);
    assertEquals(0.0, Cosine.of(new double[] {1, 0}, new double[] {0, 5}), 1e-12);
  }

  @Test
  void matchesTheTextbookFormulaOnAnExample() {
    // (1*4 + 2*5 + 3*6) / (sqrt(14) * sqrt(77)) = 32 / sqrt(1078)
    assertEquals(
        32 / Math.sqrt(1078), Cosine.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 1e-12);
  }

  @Test
  void unitVectorsHaveLengthOneAndKeepDirection() {
    double[] u = Cosine.unit(new double[] {3, 4});
    assertEquals(0.6, u[0], 1e-12);
    assertEquals(0.8, u[1], 1e-12);
    assertEquals(0.0, Cosine.unit(new double[] {0, 0})[0]);
  }

  @Test
  void unequalLengthsAreRefusedWithBothLengths() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cosine.of(new double[] {1, 2}, new double[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
  }
}
