package org.dlcourse.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.train.Evaluation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ShiftSweepTests {

  /**
   * Softmax regression on 4 x 4 images [n, 1, 4, 4]: z_1 = 10 (mean brightness - 0.5), z_0 = 0, so
   * "bright" images are class 1 and dark ones class 0.
   */
  private static Model brightnessModel() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(4, 4, 1))
                .build());
    net.init();
    INDArray W = Nd4j.zeros(DataType.FLOAT, 16, 2);
    W.getColumn(1).assign(10.0 / 16);
    net.getLayer(0).setParam("W", W);
    net.getLayer(0).setParam("b", Nd4j.createFromArray(new float[][] {{0, -5}}));
    return Model.of(net, "brightness", 1, 4, 4);
  }

  /** 3 dark images (0.1, class 0) and 1 bright one (0.9, class 1). */
  private static Dataset images() {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 4, 1, 4, 4);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 2);
    for (int i = 0; i < 4; i++) {
      boolean bright = i == 3;
      X.get(NDArrayIndex.point(i)).assign(bright ? 0.9 : 0.1); // [1, 4, 4]
      y.putScalar(i, bright ? 1 : 0, 1);
    }
    return Dataset.of(X, y, List.of("dark", "bright"));
  }

  @Test
  @DisplayName("strength 0 gives the plain accuracy; full inversion flips every answer")
  void inversionFlipsTheBrightnessModel() {
    Model model = brightnessModel();
    Dataset data = images();
    double[] acc = ShiftSweep.accuracy(model, data, Corruption.INVERSION, new double[] {0, 1}, 0);
    assertEquals(Evaluation.of(model, data).accuracy(), acc[0], 0);
    assertEquals(1.0, acc[0], 0);
    assertEquals(0.0, acc[1], 0); // 0.1 -> 0.9 and 0.9 -> 0.1: every image on the wrong side
  }

  @Test
  @DisplayName("the sweep over all shifts has one curve per shift, in declaration order")
  void allShifts() {
    Map<String, double[]> curves =
        ShiftSweep.accuracy(brightnessModel(), images(), new double[] {0, 0.5}, 1);
    assertEquals(List.of("rotation", "noise", "inversion", "blur"), List.copyOf(curves.keySet()));
    for (double[] curve : curves.values()) {
      assertEquals(2, curve.length);
      assertEquals(1.0, curve[0], 0);
    }
    assertEquals(
        0.75, curves.get("inversion")[1], 0); // flat grey 0.5: z_1 = 0 ties, argmax picks 0
  }
}
