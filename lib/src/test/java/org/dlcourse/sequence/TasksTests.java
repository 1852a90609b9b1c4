package org.dlcourse.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TasksTests {

  @Test
  @DisplayName("recall: the label is the symbol at step 0, which alone carries the marker")
  void recallLabelIsTheFirstSymbol() {
    RecallTask task = RecallTask.of(4, 10);
    SequenceBatch b = task.sample(200, 5);
    assertArrayEquals(new long[] {200, 5, 11}, b.features().shape()); // 4 symbols + marker
    assertEquals(
        b.labels(),
        b.features().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.point(0)));
    INDArray marker =
        b.features()
            .get(NDArrayIndex.all(), NDArrayIndex.point(4), NDArrayIndex.all()); // [200, 11]
    assertEquals(200.0, marker.sumNumber().doubleValue());
    assertEquals(200.0, marker.getColumn(0).sumNumber().doubleValue());
    // later steps use the same symbols: every step holds exactly one symbol
    assertEquals(
        200.0 * 11,
        b.features()
            .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all())
            .sumNumber()
            .doubleValue());
    assertEquals(0.25, task.chance());
    var e = assertThrows(IllegalArgumentException.class, () -> RecallTask.of(1, 10));
    assertTrue(e.getMessage().contains("numKeys >= 2"), e.getMessage());
  }

  @Test
  @DisplayName("recall with a lead: the key and its marker at step lead, the same draws otherwise")
  void recallWithLead() {
    SequenceBatch b = RecallTask.of(4, 6, 3).sample(100, 5);
    assertArrayEquals(new long[] {100, 5, 10}, b.features().shape()); // 3 + key + 6
    assertEquals(
        b.labels(),
        b.features().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.point(3)));
    INDArray marker =
        b.features().get(NDArrayIndex.all(), NDArrayIndex.point(4), NDArrayIndex.all());
    assertEquals(100.0, marker.sumNumber().doubleValue());
    assertEquals(100.0, marker.getColumn(3).sumNumber().doubleValue());
    // lead 0 is the task without a lead, draw for draw
    SequenceBatch plain = RecallTask.of(4, 9).sample(100, 5);
    assertEquals(plain.features(), RecallTask.of(4, 9, 0).sample(100, 5).features());
    // a lead shifts the key, not the draws: the symbols equal those of the task without a lead
    assertEquals(
        plain.features().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all()),
        b.features().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all()));
    var e = assertThrows(IllegalArgumentException.class, () -> RecallTask.of(4, 6, -1));
    assertTrue(e.getMessage().contains("lead >= 0"), e.getMessage());
  }

  @Test
  @DisplayName("look-ahead: tags are max(x[t], x[t+1]); the left-to-right limit is (K+1)/2K")
  void lookAheadTagsNeedTheNextSymbol() {
    assertArrayEquals(new int[] {2, 2, 3, -1}, LookAheadTask.tags(new int[] {0, 2, 1, 3}));
    assertEquals(0.625, LookAheadTask.of(4, 2, 5).oneDirectionalLimit(), 1e-12);
    assertEquals(0.75, LookAheadTask.of(2, 2, 5).oneDirectionalLimit(), 1e-12);
    SequenceBatch b = LookAheadTask.of(4, 3, 6).sample(50, 1);
    // every sequence has length - 1 labelled steps
    assertEquals(
        b.featureMask().sumNumber().doubleValue() - 50, b.labelMask().sumNumber().doubleValue());
  }

  @Test
  @DisplayName("look-ahead: the best left-to-right guess reaches the stated limit on samples")
  void oneDirectionalLimitIsReachedByTheBestGuess() {
    LookAheadTask task = LookAheadTask.of(4, 20, 20);
    java.util.Random random = new java.util.Random(3);
    int right = 0, total = 0;
    for (int i = 0; i < 5_000; i++) {
      int[] s = new int[20];
      for (int t = 0; t < 20; t++) {
        s[t] = random.nextInt(4);
      }
      int[] tags = LookAheadTask.tags(s);
      for (int t = 0; t < 19; t++, total++) {
        right += tags[t] == s[t] ? 1 : 0; // the best guess having seen s[0..t]: the current symbol
      }
    }
    assertEquals(task.oneDirectionalLimit(), right / (double) total, 0.01);
  }
}
