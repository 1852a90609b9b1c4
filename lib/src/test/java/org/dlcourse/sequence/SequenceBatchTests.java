package org.dlcourse.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SequenceBatchTests {

  @Test
  @DisplayName("sequences of different lengths are one-hot encoded, padded at the end and masked")
  void padsAtTheEndWithAMask() {
    SequenceBatch b =
        SequenceBatch.classification(
            List.of(new int[] {2, 0, 1}, new int[] {3}), 4, new int[] {1, 0}, 2);
    assertArrayEquals(new long[] {2, 4, 3}, b.features().shape()); // [batch, symbols, T]
    assertEquals(1.0, b.features().getDouble(0, 2, 0)); // sequence 0, step 0 is symbol 2
    assertEquals(1.0, b.features().getDouble(0, 1, 2)); // sequence 0, step 2 is symbol 1
    assertEquals(1.0, b.features().getDouble(1, 3, 0));
    assertEquals(
        0.0,
        b.features()
            .get(org.nd4j.linalg.indexing.NDArrayIndex.point(1))
            .getColumn(1)
            .sumNumber()
            .doubleValue());
    assertArrayEquals(new double[] {1, 1, 1, 1, 0, 0}, b.featureMask().dup().data().asDouble(), 0);
    assertArrayEquals(new long[] {2, 2}, b.labels().shape());
    assertEquals(1.0, b.labels().getDouble(0, 1));
    assertNull(b.labelMask());
  }

  @Test
  @DisplayName("no mask when every sequence has the same length")
  void noMaskWithoutPadding() {
    SequenceBatch b =
        SequenceBatch.classification(
            List.of(new int[] {0, 1}, new int[] {1, 1}), 2, new int[] {0, 1}, 2);
    assertNull(b.featureMask());
  }

  @Test
  @DisplayName("per-step tags: -1 and padding are masked out of the labels")
  void tagsAreMasked() {
    SequenceBatch b =
        SequenceBatch.tagging(
            List.of(new int[] {0, 1, 1}, new int[] {1, 0}),
            2,
            List.of(new int[] {1, 1, -1}, new int[] {1, -1}),
            2);
    assertArrayEquals(new long[] {2, 2, 3}, b.labels().shape()); // [batch, classes, T]
    assertArrayEquals(new double[] {1, 1, 0, 1, 0, 0}, b.labelMask().dup().data().asDouble(), 0);
    assertTrue(b.perStep());
  }

  @Test
  @DisplayName("pick and minibatches keep rows of features, labels and masks together")
  void pickKeepsRowsTogether() {
    SequenceBatch b =
        SequenceBatch.classification(
            List.of(new int[] {0}, new int[] {1, 1}, new int[] {2, 2, 2}),
            3,
            new int[] {0, 1, 2},
            3);
    SequenceBatch picked = b.pick(new int[] {2, 0});
    assertEquals(2, picked.labels().getDouble(0, 2), 1);
    assertEquals(1.0, picked.labels().getDouble(0, 2));
    assertEquals(3.0, picked.featureMask().getRow(0).sumNumber().doubleValue());
    assertEquals(1.0, picked.featureMask().getRow(1).sumNumber().doubleValue());
    assertEquals(1.0, picked.features().getDouble(0, 2, 2));
    int total = b.minibatches(2, 7).stream().mapToInt(d -> d.numExamples()).sum();
    assertEquals(3, total);
  }

  @Test
  @DisplayName("wrong layouts and out-of-range symbols are named with the fix")
  void badInputIsExplained() {
    var layout =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SequenceBatch(Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(4, 2), null, null));
    assertTrue(layout.getMessage().contains("[batch, features, time]"), layout.getMessage());
    var symbol =
        assertThrows(
            IllegalArgumentException.class,
            () -> SequenceBatch.classification(List.of(new int[] {5}), 4, new int[] {0}, 2));
    assertTrue(symbol.getMessage().contains("symbol 5 is outside [0, 4)"), symbol.getMessage());
    var count =
        assertThrows(
            IllegalArgumentException.class,
            () -> SequenceBatch.classification(List.of(new int[] {1}), 4, new int[] {0, 1}, 2));
    assertTrue(count.getMessage().contains("1 sequences but 2 labels"), count.getMessage());
    var mask =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SequenceBatch(
                    Nd4j.zeros(DataType.FLOAT, 2, 3, 5), Nd4j.zeros(2, 2), Nd4j.zeros(2, 4), null));
    assertTrue(mask.getMessage().contains("[n, T] = [2, 5]"), mask.getMessage());
  }
}
