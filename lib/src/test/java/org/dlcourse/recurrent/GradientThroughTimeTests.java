package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.gradients.GradientCheck;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GradientThroughTimeTests {

  @Test
  @DisplayName(
      "per-step gradient norms equal central differences of the loss w.r.t. each input step")
  void perStepEqualsCentralDifferences() {
    for (Cell cell : new Cell[] {Cell.SIMPLE_RNN, Cell.LSTM}) {
      MultiLayerNetwork net = RecurrentNets.classifier(cell, 3, 6, 2, 4, DataType.DOUBLE);
      Nd4j.getRandom().setSeed(2);
      INDArray x = Nd4j.randn(DataType.DOUBLE, 1, 3, 6); // one sequence [1, nIn, T]
      INDArray y = Nd4j.createFromArray(new double[][] {{0, 1}});
      double[] perStep = GradientThroughTime.perStep(net, x, y);
      INDArray numeric = GradientCheck.numerical(v -> net.score(new DataSet(v, y), false), x);
      for (int t = 0; t < 6; t++) {
        double expected =
            numeric
                .get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(t))
                .norm2Number()
                .doubleValue();
        assertEquals(expected, perStep[t], 1e-7 * (1 + expected), cell + " step " + t);
      }
      double[] byDistance = GradientThroughTime.byDistance(net, x, y);
      assertEquals(perStep[5], byDistance[0]);
      assertEquals(perStep[0], byDistance[5]);
    }
  }

  @Test
  @DisplayName("a network without the loss on the last step is refused with the fix")
  void refusesPerStepLabels() {
    MultiLayerNetwork net = RecurrentNets.classifier(Cell.LSTM, 3, 4, 2, 1);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientThroughTime.perStep(net, Nd4j.zeros(2, 3, 5), Nd4j.zeros(2, 2, 5)));
    assertTrue(e.getMessage().contains("RecurrentNets.classifier"), e.getMessage());
  }
}
