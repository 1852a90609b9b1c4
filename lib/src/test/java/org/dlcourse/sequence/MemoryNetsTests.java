package org.dlcourse.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.Gru;
import org.dlcourse.recurrent.Lstm;
import org.dlcourse.recurrent.PlainRnn;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MemoryNetsTests {

  /** Columns [from, to) of a bias row [1, n]. */
  private static INDArray block(INDArray bias, int from, int to) {
    return bias.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
  }

  @Test
  @DisplayName("LSTM: forget-gate bias +gateBias, input-gate bias -gateBias, the others 0")
  void lstmGateBiases() {
    MultiLayerNetwork lstm = MemoryNets.classifier(Cell.LSTM, 5, 6, 4, 0.01, 3.0, 1);
    INDArray b = lstm.getLayer(0).getParam(Lstm.BIAS); // [1, 4 * 6], DL4J's blocks a, f, o, i
    assertEquals(24, b.length());
    assertEquals(3.0, block(b, 6, 12).minNumber().doubleValue(), 1e-6);
    assertEquals(3.0, block(b, 6, 12).maxNumber().doubleValue(), 1e-6);
    assertEquals(-3.0, block(b, 18, 24).minNumber().doubleValue(), 1e-6);
    assertEquals(-3.0, block(b, 18, 24).maxNumber().doubleValue(), 1e-6);
    assertEquals(0.0, block(b, 0, 6).norm2Number().doubleValue(), 1e-6);
    assertEquals(0.0, block(b, 12, 18).norm2Number().doubleValue(), 1e-6);
  }

  @Test
  @DisplayName("GRU: the update-gate block [hidden, 2 hidden) of the bias starts at gateBias")
  void gruUpdateGateBias() {
    MultiLayerNetwork gru = MemoryNets.classifier(Cell.GRU, 5, 6, 4, 0.01, 2.0, 1);
    INDArray b = gru.getLayer(0).getParam(Gru.BIAS); // [1, 18]: blocks r, u, c
    assertEquals(6 * 2.0, block(b, 6, 12).sumNumber().doubleValue(), 1e-6);
    assertEquals(2.0, block(b, 6, 12).minNumber().doubleValue(), 1e-6);
    assertEquals(0.0, block(b, 0, 6).norm2Number().doubleValue(), 1e-6);
    assertEquals(0.0, block(b, 12, 18).norm2Number().doubleValue(), 1e-6);
  }

  @Test
  @DisplayName("every cell: the same clipping and optimiser; sizes as stated")
  void sameRecipeForEveryCell() {
    for (Cell cell : Cell.values()) {
      MultiLayerNetwork net = MemoryNets.classifier(cell, 5, 6, 4, 0.02, 3.0, 1);
      var output = (BaseLayer) net.getLayerWiseConfigurations().getConf(1).getLayer();
      assertEquals(GradientNormalization.ClipL2PerLayer, output.getGradientNormalization());
      assertEquals(MemoryNets.CLIP, output.getGradientNormalizationThreshold());
      assertTrue(output.getIUpdater().toString().contains("0.02"), output.getIUpdater().toString());
    }
    MultiLayerNetwork rnn = MemoryNets.classifier(Cell.SIMPLE_RNN, 5, 6, 4, 0.01, 3.0, 1);
    var layer = rnn.getLayerWiseConfigurations().getConf(0).getLayer();
    assertTrue(layer instanceof PlainRnn p && p.isLastStepOnly(), layer.toString());
    // W [5, 6] + RW [6, 6] + b [6], then the output layer [6, 4] + [4]
    assertEquals(5 * 6 + 6 * 6 + 6 + 6 * 4 + 4, rnn.numParams());
    // LSTM: four gates, W [5, 24] + RW [6, 24] + b [24]
    assertEquals(
        4 * (5 * 6 + 6 * 6 + 6) + 6 * 4 + 4,
        MemoryNets.classifier(Cell.LSTM, 5, 6, 4, 0.01, 3.0, 1).numParams());
  }

  @Test
  @DisplayName("bad sizes and learning rates are rejected with the expected values")
  void rejectsBadInput() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MemoryNets.classifier(Cell.LSTM, 5, 0, 4, 0.01, 3.0, 1));
    assertTrue(e.getMessage().contains("hidden > 0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MemoryNets.classifier(Cell.LSTM, 5, 6, 4, -1, 3.0, 1));
    assertTrue(e.getMessage().contains("learningRate > 0"), e.getMessage());
  }
}
