package org.dlcourse.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.RecurrentNets;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.dlcourse.train.History;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SequenceTrainingTests {

  @Test
  @DisplayName("an LSTM learns to recall a symbol 5 steps back (well above chance)")
  void lstmLearnsShortRecall() {
    RecallTask task = RecallTask.of(3, 5);
    MultiLayerNetwork net = RecurrentNets.classifier(Cell.LSTM, task.numInputs(), 16, 3, 1);
    History history = SequenceTraining.fit(net, task.sample(400, 1), task.sample(200, 2), 4, 25, 3);
    assertEquals(4, history.epochs());
    assertTrue(history.lastValidationAccuracy() > 0.9, history.toString());
  }

  @Test
  @DisplayName("tagging accuracy counts only labelled steps (padding and -1 tags are ignored)")
  void accuracyIgnoresMaskedSteps() {
    // an untrained tagger; compare accuracy with a count over the labelled steps by hand
    LookAheadTask task = LookAheadTask.of(3, 2, 6);
    SequenceBatch data = task.sample(40, 4);
    MultiLayerNetwork net = RecurrentNets.tagger(Cell.LSTM, 3, 8, 3, false, 2);
    var yHat = SequenceTraining.predict(net, data).argMax(1); // [n, T]
    var y = data.labels().argMax(1);
    int right = 0, total = 0;
    for (int i = 0; i < data.size(); i++) {
      for (int t = 0; t < data.timeSteps(); t++) {
        if (data.labelMask().getDouble(i, t) == 1) {
          total++;
          right += yHat.getLong(i, t) == y.getLong(i, t) ? 1 : 0;
        }
      }
    }
    assertEquals(right / (double) total, SequenceTraining.accuracy(net, data), 1e-9);
    assertTrue(total < data.size() * data.timeSteps(), "some steps are masked");
  }

  @Test
  @DisplayName("data with the wrong number of features per step is refused, naming both sizes")
  void refusesMismatchedFeatures() {
    SequenceBatch data = RecallTask.of(4, 3).sample(10, 1); // 5 inputs per step
    for (Cell cell : Cell.values()) {
      MultiLayerNetwork net = RecurrentNets.classifier(cell, 7, 4, 4, 1);
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class, () -> SequenceTraining.accuracy(net, data));
      assertTrue(e.getMessage().contains("reads 7 features per step"), e.getMessage());
      assertTrue(e.getMessage().contains("nIn = 5"), e.getMessage());
    }
    MultiLayerNetwork tagger = RecurrentNets.tagger(Cell.LSTM, 7, 4, 4, true, 1);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> SequenceTraining.accuracy(tagger, data));
  }
}
