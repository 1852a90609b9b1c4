package org.dlcourse.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KeyValueTaskTests {

  private static int hot(INDArray x, int i, int from, int to, int t) {
    int found = -1;
    for (int c = from; c < to; c++) {
      if (x.getDouble(i, c, t) == 1) {
        assertEquals(-1, found, "two hot channels in [" + from + ", " + to + ") at step " + t);
        found = c - from;
      }
    }
    return found;
  }

  @Test
  @DisplayName("key-value task: distinct keys, the query is one of them, the label is its value")
  void labelIsTheValueOfTheQueriedKey() {
    KeyValueTask task = KeyValueTask.of(8, 5, 6);
    KeyValueTask.Sample s = task.sample(300, 11);
    INDArray x = s.batch().features(), y = s.batch().labels();
    assertArrayEquals(new long[] {300, 21, 7}, x.shape()); // 2·8 + 5 channels, 6 pairs + query
    assertArrayEquals(new long[] {300, 5, 7}, y.shape());
    assertEquals(300.0, s.batch().labelMask().sumNumber().doubleValue()); // one label each
    Set<Integer> seenAnswers = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      Set<Integer> keys = new HashSet<>();
      for (int p = 0; p < 6; p++) {
        assertTrue(keys.add(hot(x, i, 0, 8, p)), "keys repeat in sequence " + i);
        assertEquals(-1, hot(x, i, 13, 21, p)); // no query channel at pair positions
      }
      int answer = s.answerPositions()[i];
      seenAnswers.add(answer);
      assertEquals(hot(x, i, 0, 8, answer), hot(x, i, 13, 21, 6), "query names the answer's key");
      assertEquals(-1, hot(x, i, 0, 13, 6)); // the query step holds no key or value
      assertEquals(hot(x, i, 8, 13, answer), hot(y, i, 0, 5, 6), "label is the answer's value");
    }
    assertEquals(6, seenAnswers.size()); // every position gets asked
    assertEquals(0.2, task.chance());
    assertEquals(s.batch().features(), task.sample(300, 11).batch().features()); // reproducible
  }

  @Test
  @DisplayName("key-value task: impossible sizes are rejected with the rule named")
  void badSizes() {
    var e = assertThrows(IllegalArgumentException.class, () -> KeyValueTask.of(4, 5, 6));
    assertTrue(e.getMessage().contains("numPairs <= numKeys"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KeyValueTask.of(8, 5, 6).sample(0, 1));
  }

  @Test
  @DisplayName("attention share: the weight at the given position, averaged over rows")
  void shareOnPositions() {
    INDArray w =
        Nd4j.createFromArray(
            new double[][][] {
              {{0.7, 0.1}, {0.3, 0.9}}, {{0.2, 0.5}, {0.8, 0.5}}
            }); // [2, keys 2, queries 2]
    INDArray last = AttentionShare.ofQuery(w, 1); // [[0.1, 0.9], [0.5, 0.5]]
    assertEquals((0.9 + 0.5) / 2, AttentionShare.onPositions(last, new int[] {1, 0}), 1e-12);
    assertEquals((0.1 + 0.5) / 2, AttentionShare.onPositions(last, new int[] {0, 1}), 1e-12);
    var e = assertThrows(IllegalArgumentException.class, () -> AttentionShare.ofQuery(w, 2));
    assertTrue(e.getMessage().contains("query 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> AttentionShare.onPositions(last, new int[] {2, 0}));
  }

  @Test
  @DisplayName("LSTM of a given size: the parameter formula matches DL4J's count")
  void lstmParameterCount() {
    KeyValueTask task = KeyValueTask.of(8, 8, 6);
    MultiLayerNetwork attention = AttentionNets.forTask(task, 1);
    MultiLayerNetwork lstm = AttentionNets.lstmOfSize(task, attention.numParams(), 1);
    int h = AttentionNets.lstmHidden(task.numInputs(), 8, attention.numParams());
    assertEquals(AttentionNets.lstmParameters(task.numInputs(), h, 8), lstm.numParams());
    assertTrue(
        Math.abs(lstm.numParams() - attention.numParams())
            <= AttentionNets.lstmParameters(task.numInputs(), h + 1, 8) - lstm.numParams());
  }
}
