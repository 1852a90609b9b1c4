package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

class RecurrentNetsTests {

  private static Object updaterOf(MultiLayerNetwork net) {
    return ((BaseLayer) net.getLayerWiseConfigurations().getConf(1).getLayer()).getIUpdater();
  }

  @Test
  @DisplayName("classifier: Adam by default, the given optimiser when one is passed")
  void optimiserChoice() {
    MultiLayerNetwork adam = RecurrentNets.classifier(Cell.SIMPLE_RNN, 5, 8, 4, 1);
    Adam a = assertInstanceOf(Adam.class, updaterOf(adam));
    assertEquals(RecurrentNets.LEARNING_RATE, a.getLearningRate());
    MultiLayerNetwork sgd =
        RecurrentNets.classifier(Cell.LSTM, 5, 8, 4, 1, DataType.FLOAT, new Nesterovs(0.05, 0.9));
    Nesterovs n = assertInstanceOf(Nesterovs.class, updaterOf(sgd));
    assertEquals(0.05, n.getLearningRate());
    assertEquals(0.9, n.getMomentum());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RecurrentNets.classifier(Cell.LSTM, 5, 8, 4, 1, DataType.FLOAT, null));
    assertTrue(e.getMessage().contains("new Adam"), e.getMessage());
  }
}
