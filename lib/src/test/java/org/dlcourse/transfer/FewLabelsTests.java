package org.dlcourse.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.junit.jupiter.api.Test;

class FewLabelsTests {

  @Test
  void takesExactlyKOfEveryClass() {
    Dataset digits = Datasets.digits();
    Dataset five = FewLabels.perClass(digits, 5, 1);
    assertEquals(50, five.size());
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, five.classCounts());
    assertEquals(five.features(), FewLabels.perClass(digits, 5, 1).features(), "same seed");
    assertNotEquals(five.features(), FewLabels.perClass(digits, 5, 2).features(), "other seed");
  }

  @Test
  void tooFewExamplesNamesTheClassAndTheLargestPossibleK() {
    Dataset digits = Datasets.digits().take(100);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FewLabels.perClass(digits, 50, 1));
    assertTrue(e.getMessage().contains("use k <="), e.getMessage());
  }
}
