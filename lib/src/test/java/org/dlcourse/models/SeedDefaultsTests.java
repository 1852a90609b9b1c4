package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.Seed;
import org.dlcourse.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The library's default seeds follow the one knob, so DLCOURSE_SEED=7 redraws every lesson. */
class SeedDefaultsTests {

  @AfterEach
  void restore() {
    System.clearProperty(Seed.PROPERTY);
  }

  @Test
  void defaultModelsAndTrainersTakeTheBaseSeed() {
    System.clearProperty(Seed.PROPERTY);
    Model defaultSeed = Models.mlp(4, 8, 3);
    Model again = Models.mlp(4, 8, 3);
    assertEquals(defaultSeed.params(), again.params(), "same base seed, same initial weights");
    assertTrue(Trainer.of(1).toString().contains("seed 42"), Trainer.of(1).toString());

    System.setProperty(Seed.PROPERTY, "7");
    Model seven = Models.mlp(4, 8, 3);
    assertNotEquals(defaultSeed.params(), seven.params(), "another base seed, other weights");
    assertEquals(Models.mlpBuilder().layerSizes(4, 8, 3).seed(7).build().params(), seven.params());
    assertTrue(Trainer.of(1).toString().contains("seed 7"), Trainer.of(1).toString());
  }
}
