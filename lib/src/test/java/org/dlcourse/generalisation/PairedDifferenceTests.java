package org.dlcourse.generalisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PairedDifferenceTests {

  @Test
  @DisplayName("difference and standard error of the per-example differences")
  void differenceAndStandardError() {
    int[] labels = {0, 1, 2, 3};
    int[] a = {0, 1, 2, 0}; // right on 0, 1, 2
    int[] b = {0, 0, 0, 0}; // right on 0 only
    PairedDifference p = PairedDifference.of(a, b, labels);
    // d = (0, 1, 1, 0): mean 0.5, sample variance (2 - 4 * 0.25) / 3 = 1/3
    assertEquals(0.5, p.difference(), 1e-12);
    assertEquals(Math.sqrt(1.0 / 3 / 4), p.standardError(), 1e-12);
    assertEquals(4, p.n());
    assertEquals(0.5 / Math.sqrt(1.0 / 12), p.zScore(), 1e-9);
  }

  @Test
  @DisplayName("identical predictions: no difference and no noise")
  void identicalPredictions() {
    int[] labels = {0, 1, 1};
    PairedDifference p = PairedDifference.of(labels, labels, labels);
    assertEquals(0, p.difference());
    assertEquals(0, p.standardError());
    assertEquals(0, p.zScore());
  }

  @Test
  @DisplayName("mismatched lengths are refused with both lengths named")
  void mismatchedLengths() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PairedDifference.of(new int[2], new int[3], new int[3]));
    assertEquals(
        "expected one prediction per label but got 2 and 3 predictions for 3 labels",
        e.getMessage());
  }
}
