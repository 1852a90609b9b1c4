package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertEquals("FAILED: accuracy = 0.5 (required: >= 0.85)", e.getMessage());
    assertThrows(AssertionError.class, () -> Check.that("false", false));
    assertThrows(AssertionError.class, () -> Check.atMost("loss", 0.3, 0.2));
    assertThrows(AssertionError.class, () -> Check.between("x", 1, -0.5, -0.1));
  }

  @Test
  void numbersKeepFourSignificantDigitsAtAnyScale() {
    assertEquals("8.4e-08", Check.format(8.4e-08)); // printed as 0.0000 with %.4f
    assertEquals("1.235e-05", Check.format(1.23456e-05));
    assertEquals("0.8757", Check.format(0.87571234));
    assertEquals("0.001235", Check.format(0.00123456));
    assertEquals("12.35", Check.format(12.3456));
    assertEquals("-0.25", Check.format(-0.25));
    assertEquals("1000", Check.format(1000));
    assertEquals("0", Check.format(0));
    assertEquals("3.2e+06", Check.format(3.2e6 + 0.5));
    assertEquals("NaN", Check.format(Double.NaN));
  }

  @Test
  void aSmallValueIsPrintedSoThatItCanBeReadAgainstItsThreshold() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Check.atMost("relative error", 8.4e-08, 1e-6);
    } finally {
      System.setOut(saved);
    }
    assertEquals(
        "PASS relative error = 8.4e-08 (required: <= 1e-06)",
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
  }

  @Test
  void notANumberNeverPasses() {
    assertThrows(AssertionError.class, () -> Check.atLeast("accuracy", Double.NaN, 0.1));
    assertThrows(AssertionError.class, () -> Check.atMost("loss", Double.NaN, 10));
  }
}
