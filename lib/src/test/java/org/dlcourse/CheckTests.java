package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckTests {

  @Test
  void aClaimThatHoldsPasses() {
    assertDoesNotThrow(() -> Check.that("one is less than two", 1 < 2));
    assertDoesNotThrow(() -> Check.atLeast("accuracy", 0.9, 0.85));
    assertDoesNotThrow(() -> Check.atMost("loss", 0.1, 0.2));
    assertDoesNotThrow(() -> Check.between("exponent", -0.3, -0.5, -0.1));
  }

  @Test
  void aClaimThatFailsThrowsWithBothNumbers() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> Check.atLeast("accuracy", 0.5, 0.85));
    assertTrue(e.getMessage().startsWith("FAILED: accuracy = 0.5000"), e.getMessage());
    assertTrue(e.getMessage().contains("0.8500"), e.getMessage());
    assertThrows(AssertionError.class, () -> Check.that("false", false));
    assertThrows(AssertionError.class, () -> Check.atMost("loss", 0.3, 0.2));
    assertThrows(AssertionError.class, () -> Check.between("x", 1, -0.5, -0.1));
  }

  @Test
  void notANumberNeverPasses() {
    assertThrows(AssertionError.class, () -> Check.atLeast("accuracy", Double.NaN, 0.1));
    assertThrows(AssertionError.class, () -> Check.atMost("loss", Double.NaN, 10));
  }
}
