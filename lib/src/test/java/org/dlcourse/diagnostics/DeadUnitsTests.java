package org.dlcourse.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dlcourse.models.DeepNets;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeadUnitsTests {

  @Test
  void aUnitIsDeadWhenItIsZeroForEveryExample() {
    INDArray a = Nd4j.create(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 3}, {0, 0, -0.0, 0}});
    assertEquals(0.5, DeadUnits.fraction(a), 0); // columns 0 and 2
  }

  @Test
  void alignedInputsKillHalfTheUnitsAndUnrelatedOnesFew() {
    // 4 identical rows: one random direction decides all four signs at once, P(dead) = 1/2
    INDArray same = Nd4j.ones(DataType.DOUBLE, 4, 5);
    assertEquals(0.5, DeadUnits.predictedFraction(same, 20_000, 1), 0.02);
    assertEquals(1.0, DeadUnits.meanCosine(same), 1e-12);
    // 4 orthogonal rows: four independent signs, P(dead) = 1/16
    INDArray orthogonal = Nd4j.eye(4).castTo(DataType.DOUBLE);
    assertEquals(1.0 / 16, DeadUnits.predictedFraction(orthogonal, 20_000, 2), 0.01);
    assertEquals(0.0, DeadUnits.meanCosine(orthogonal), 1e-12);
  }

  @Test
  void activationsListTheInputThenEveryLayer() {
    Model model = DeepNets.builder().depth(3).width(8).activation(Activation.RELU).plain();
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 784);
    List<INDArray> a = DeadUnits.activations(model, x);
    assertEquals(5, a.size(), "input, 3 hidden layers, output");
    assertEquals(8, a.get(1).size(1));
    // the oracle: the model's own forward pass; hidden layers hold ReLU outputs (never negative),
    // so pre-activations in their place would fail
    assertEquals(0, a.get(0).sub(x).amaxNumber().doubleValue(), 1e-7, "the input comes first");
    INDArray output = model.output(x, false);
    assertEquals(0, a.get(4).sub(output).amaxNumber().doubleValue(), 1e-6, "the output comes last");
    for (int layer = 1; layer <= 3; layer++) {
      assertTrue(a.get(layer).minNumber().doubleValue() >= 0, "ReLU output of layer " + layer);
    }
  }

  @Test
  void badShapesAreRejectedWithTheShape() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeadUnits.fraction(Nd4j.zeros(DataType.FLOAT, 5)));
    assertTrue(e.getMessage().contains("[examples, units]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> DeadUnits.meanCosine(Nd4j.zeros(DataType.DOUBLE, 3, 2)));
    assertThrows(
        IllegalArgumentException.class,
        () -> DeadUnits.predictedFraction(Nd4j.ones(DataType.DOUBLE, 3, 2), 0, 1));
  }
}
