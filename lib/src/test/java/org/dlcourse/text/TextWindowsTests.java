package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class TextWindowsTests {

  private static final int[] TEXT = {0, 1, 2, 3, 2, 1, 0, 3, 3}; // 9 characters, V = 4

  @Test
  @DisplayName("features are one-hot [B, V, T]; labels are the same window shifted by one")
  void labelsAreTheNextCharacter() {
    DataSet b = TextWindows.of(TEXT, 4, 3).batch(new int[] {0, 4});
    assertArrayEquals(new long[] {2, 4, 3}, b.getFeatures().shape());
    assertArrayEquals(new long[] {2, 4, 3}, b.getLabels().shape());
    int[][] x = {{0, 1, 2}, {2, 1, 0}}, y = {{1, 2, 3}, {1, 0, 3}};
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        assertEquals(1.0, b.getFeatures().getDouble(i, x[i][t], t), "x " + i + ", " + t);
        assertEquals(1.0, b.getLabels().getDouble(i, y[i][t], t), "y " + i + ", " + t);
      }
    }
    assertEquals(6.0, b.getFeatures().sumNumber().doubleValue()); // exactly one 1 per step
    assertEquals(6.0, b.getLabels().sumNumber().doubleValue());
  }

  @Test
  @DisplayName("consecutive windows cover the text once, without overlap")
  void consecutiveWindowsTileTheText() {
    List<DataSet> batches = TextWindows.of(TEXT, 4, 2).consecutive(3); // 4 windows: 3 + 1
    assertEquals(2, batches.size());
    assertEquals(3, batches.get(0).getFeatures().size(0));
    assertEquals(1, batches.get(1).getFeatures().size(0));
    // the 4th window starts at 6: x = (0, 3), y = (3, 3)
    assertEquals(1.0, batches.get(1).getFeatures().getDouble(0, 0, 0));
    assertEquals(1.0, batches.get(1).getLabels().getDouble(0, 3, 1));
  }

  @Test
  void randomWindowsStayInsideTheText() {
    TextWindows w = TextWindows.of(TEXT, 4, 8); // only start 0 fits
    DataSet b = w.randomBatch(5, new Random(1));
    assertEquals(40.0, b.getFeatures().sumNumber().doubleValue());
    assertEquals(1.0, b.getLabels().getDouble(4, 3, 7)); // last label is TEXT[8] = 3
  }

  @Test
  @DisplayName("text too short or outside the vocabulary: the message says what to do")
  void badInputIsExplained() {
    var shortText =
        assertThrows(IllegalArgumentException.class, () -> TextWindows.of(new int[] {1, 2}, 4, 2));
    assertTrue(shortText.getMessage().contains("at least 3"), shortText.getMessage());
    var outside =
        assertThrows(
            IllegalArgumentException.class, () -> TextWindows.of(new int[] {1, 5, 2}, 4, 1));
    assertTrue(outside.getMessage().contains("same CharVocabulary"), outside.getMessage());
    var start =
        assertThrows(
            IllegalArgumentException.class, () -> TextWindows.of(TEXT, 4, 3).batch(new int[] {6}));
    assertTrue(start.getMessage().contains("out of range [0, 5]"), start.getMessage());
  }
}
