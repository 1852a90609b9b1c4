package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.gradients.GradientCheck;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The from-scratch RNN cell against DL4J's SimpleRnn with the same weights. */
class RnnCellTests {

  static Layer simpleRnn() {
    MultiLayerNetwork net =
        RecurrentNets.tagger(Cell.SIMPLE_RNN, 3, 5, 2, false, 9, DataType.DOUBLE);
    net.initGradientsView();
    Layer layer = net.getLayer(0);
    Nd4j.getRandom().setSeed(1);
    layer.paramTable().get("b").assign(Nd4j.randn(DataType.DOUBLE, 1, 5).muli(0.3));
    return layer;
  }

  @Test
  @DisplayName("forward through time equals DL4J's SimpleRnn (1e-12)")
  void forwardEqualsSimpleRnn() {
    Layer layer = simpleRnn();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3, 7); // [batch, nIn, T]
    INDArray dl4j = layer.activate(x, false, GruTests.NO_WORKSPACES);
    INDArray ours = RnnCell.copyOf(layer).forward(x).h();
    assertTrue(GradientCheck.relativeError(dl4j, ours) < 1e-12);
  }

  @Test
  @DisplayName("backpropagation through time equals DL4J's gradients (1e-10)")
  void bpttEqualsSimpleRnn() {
    Layer layer = simpleRnn();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3, 7);
    INDArray dLdh = Nd4j.randn(DataType.DOUBLE, 4, 5, 7);
    layer.activate(x, true, GruTests.NO_WORKSPACES);
    Pair<Gradient, INDArray> dl4j = layer.backpropGradient(dLdh, GruTests.NO_WORKSPACES);
    RnnCell cell = RnnCell.copyOf(layer);
    RnnCell.Gradients ours = cell.backward(cell.forward(x), dLdh);
    Gradient g = dl4j.getFirst();
    assertTrue(GradientCheck.relativeError(g.getGradientFor("W"), ours.dW()) < 1e-10);
    assertTrue(GradientCheck.relativeError(g.getGradientFor("RW"), ours.dRW()) < 1e-10);
    assertTrue(GradientCheck.relativeError(g.getGradientFor("b").reshape(1, 5), ours.db()) < 1e-10);
    assertTrue(GradientCheck.relativeError(dl4j.getSecond(), ours.dx()) < 1e-10);
  }

  @Test
  @DisplayName("BPTT equals central differences")
  void bpttEqualsCentralDifferences() {
    RnnCell cell = RnnCell.copyOf(simpleRnn());
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 4);
    INDArray dLdh = Nd4j.randn(DataType.DOUBLE, 2, 5, 4);
    INDArray numeric =
        GradientCheck.numerical(v -> cell.forward(v).h().mul(dLdh).sumNumber().doubleValue(), x);
    assertTrue(
        GradientCheck.relativeError(cell.backward(cell.forward(x), dLdh).dx(), numeric) < 1e-7);
  }

  @Test
  @DisplayName("wrong shapes are named with the fix")
  void rejectsWrongShapes() {
    RnnCell cell = RnnCell.copyOf(simpleRnn());
    var e = assertThrows(IllegalArgumentException.class, () -> cell.forward(Nd4j.zeros(3, 7)));
    assertTrue(e.getMessage().contains("reshape(1, f, T)"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RnnCell.of(Nd4j.zeros(3, 5), Nd4j.zeros(4, 4), Nd4j.zeros(1, 5)));
    MultiLayerNetwork lstm = RecurrentNets.tagger(Cell.LSTM, 3, 5, 2, false, 9);
    var notRnn =
        assertThrows(IllegalArgumentException.class, () -> RnnCell.copyOf(lstm.getLayer(0)));
    assertTrue(notRnn.getMessage().contains("SimpleRnn"), notRnn.getMessage());
  }
}
