package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;

class OptimizersTests {

  @Test
  void sgdDecayHalvesTheRateAfterTauSteps() {
    IUpdater decay = Optimizers.sgdDecay(0.1, 100);
    assertEquals(0.1, decay.getLearningRate(0, 0), 1e-12);
    assertEquals(0.05, decay.getLearningRate(100, 0), 1e-12);
    assertEquals(0.025, decay.getLearningRate(300, 0), 1e-12);
    assertEquals(0.1, decay.getLearningRate(100, 5), 0.06, "the schedule counts steps, not epochs");
  }

  @Test
  void badRatesAndDecayTimesAreRejectedWithTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.sgdDecay(0.1, 0));
    assertTrue(e.getMessage().contains("tau"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Optimizers.sgdDecay(-1, 10));
  }
}
