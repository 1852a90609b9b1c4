package org.dlcourse.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dlcourse.data.Dataset;
import org.junit.jupiter.api.Test;

class ClassSubsetTests {

  private static final Dataset FOUR =
      Dataset.of(
          new double[][] {{0}, {1}, {2}, {3}, {4}, {5}},
          new int[] {0, 1, 2, 3, 2, 1},
          List.of("a", "b", "c", "d"));

  @Test
  void keepsOnlyTheChosenClassesRelabelledInTheGivenOrder() {
    Dataset cb = ClassSubset.of(FOUR, 2, 1);
    assertEquals(List.of("c", "b"), cb.labelNames());
    assertArrayEquals(new float[] {1, 2, 4, 5}, cb.features().reshape(4).toFloatVector());
    assertArrayEquals(new int[] {1, 0, 0, 1}, cb.labelIndices());
  }

  @Test
  void repeatedOrUnknownClassesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(FOUR, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(FOUR, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(FOUR, 1));
  }
}
