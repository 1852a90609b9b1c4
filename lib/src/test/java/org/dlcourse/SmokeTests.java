package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmokeTests {

  @AfterEach
  void clear() {
    System.clearProperty(Smoke.PROPERTY);
  }

  @Test
  void thePropertySwitchesSmokeModeOnAndOff() {
    System.setProperty(Smoke.PROPERTY, "1");
    assertTrue(Smoke.on());
    assertEquals(1, Smoke.pick(10, 1));
    assertEquals("smoke", Smoke.mode());
    System.setProperty(Smoke.PROPERTY, "0");
    assertFalse(Smoke.on());
    assertEquals(10, Smoke.pick(10, 1));
    assertEquals(0.5, Smoke.pick(0.5, 0.1));
  }

  @Test
  void valuesOtherThanOneTrueYesMeanFullMode() {
    System.setProperty(Smoke.PROPERTY, "TRUE ");
    assertTrue(Smoke.on());
    System.setProperty(Smoke.PROPERTY, "no");
    assertFalse(Smoke.on());
  }
}
