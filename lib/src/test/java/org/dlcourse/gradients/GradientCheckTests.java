package org.dlcourse.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

class GradientCheckTests {

  private static INDArray doubles(double[][] rows) {
    return Nd4j.create(rows).castTo(DataType.DOUBLE);
  }

  @Test
  void numericalGradientMatchesKnownDerivatives() {
    INDArray x = doubles(new double[][] {{0.5, -1.0, 2.0}, {0.0, 3.0, -0.25}}); // [2, 3]
    // d/dx sum(x^2) = 2x
    INDArray squares = GradientCheck.numerical(v -> v.mul(v).sumNumber().doubleValue(), x);
    assertEquals(List.of(2L, 3L), List.of(squares.shape()[0], squares.shape()[1]));
    assertTrue(GradientCheck.relativeError(squares, x.mul(2)) < 1e-8);
    // d/dx sum(sin(x)) = cos(x)
    INDArray sines =
        GradientCheck.numerical(v -> Transforms.sin(v, true).sumNumber().doubleValue(), x);
    assertTrue(GradientCheck.relativeError(sines, Transforms.cos(x, true)) < 1e-8);
    // the point itself is left unchanged
    assertEquals(0.5, x.getDouble(0, 0));
  }

  @Test
  void relativeErrorIsZeroForEqualAndOneForOppositeGradients() {
    INDArray a = doubles(new double[][] {{1, -2}, {3, 4}});
    assertEquals(0.0, GradientCheck.relativeError(a, a.dup()));
    assertEquals(1.0, GradientCheck.relativeError(a, a.neg()), 1e-12);
    assertEquals(0.0, GradientCheck.relativeError(a.mul(0), a.mul(0)));
    // ||(0.1, 0, 0, 0)|| / (||a|| + ||a + 0.1 e1||)
    INDArray b = a.dup();
    b.putScalar(0, 0, 1.1);
    double expected = 0.1 / (Math.sqrt(30) + Math.sqrt(30 + 0.21));
    assertEquals(expected, GradientCheck.relativeError(a, b), 1e-12);
  }

  @Test
  void rejectsFloatInputsAndMismatchedShapes() {
    INDArray floats = Nd4j.rand(DataType.FLOAT, 2, 2);
    var e =
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.numerical(v -> 0, floats));
    assertTrue(
        e.getMessage().contains("FLOAT") && e.getMessage().contains("DOUBLE"), e.getMessage());
    var shapes =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.relativeError(Nd4j.zeros(2, 3), Nd4j.zeros(3, 2)));
    assertTrue(shapes.getMessage().contains("[2, 3] and [3, 2]"), shapes.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.numerical(v -> 0, Nd4j.zeros(DataType.DOUBLE, 2), 0));
  }

  /** A 3-4-2 network in double precision: tanh hidden layer, sigmoid outputs, cross-entropy. */
  private static MultiLayerNetwork tinyNetwork() {
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(7)
            .dataType(DataType.DOUBLE)
            .weightInit(WeightInit.XAVIER)
            .updater(new Sgd(0.1))
            .list()
            .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
            .layer(
                new OutputLayer.Builder(LossFunction.XENT)
                    .nIn(4)
                    .nOut(2)
                    .activation(Activation.SIGMOID)
                    .build())
            .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return network;
  }

  @Test
  void numericalGradientsAgreeWithDl4jGradients() {
    MultiLayerNetwork network = tinyNetwork();
    INDArray X = doubles(new double[][] {{0.1, -0.4, 0.9}, {1.0, 0.3, -0.2}, {-0.7, 0.5, 0.0}});
    INDArray y = doubles(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    INDArray before = network.params().dup();
    Map<String, INDArray> dl4j = GradientCheck.dl4jGradients(network, X, y);
    assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), List.copyOf(dl4j.keySet()));
    assertEquals(before, network.params(), "dl4jGradients must not change the parameters");
    for (String name : dl4j.keySet()) {
      INDArray param = network.getParam(name).dup();
      INDArray numeric =
          GradientCheck.numerical(
              p -> {
                network.setParam(name, p);
                double score = network.score(new org.nd4j.linalg.dataset.DataSet(X, y), false);
                network.setParam(name, param);
                return score;
              },
              param);
      double error = GradientCheck.relativeError(dl4j.get(name), numeric);
      assertTrue(error < 1e-6, name + ": relative error " + error);
    }
  }

  @Test
  void dl4jGradientsEqualTheHandDerivedOutputLayerGradient() {
    MultiLayerNetwork network = tinyNetwork();
    INDArray X = doubles(new double[][] {{0.1, -0.4, 0.9}, {1.0, 0.3, -0.2}});
    INDArray y = doubles(new double[][] {{1, 0}, {0, 1}});
    // sigmoid + cross-entropy, mean over n examples: dL/dz2 = (yHat - y) / n
    INDArray h =
        Transforms.tanh(X.mmul(network.getParam("0_W")).addRowVector(network.getParam("0_b")));
    INDArray yHat =
        Transforms.sigmoid(h.mmul(network.getParam("1_W")).addRowVector(network.getParam("1_b")));
    INDArray dZ2 = yHat.sub(y).div(X.rows()); // [n, 2]
    INDArray dW2 = h.transpose().mmul(dZ2); // [4, n] · [n, 2] -> [4, 2]
    Map<String, INDArray> dl4j = GradientCheck.dl4jGradients(network, X, y);
    assertTrue(GradientCheck.relativeError(dW2, dl4j.get("1_W")) < 1e-9);
    assertTrue(GradientCheck.relativeError(dZ2.sum(0), dl4j.get("1_b")) < 1e-9);
  }

  @Test
  void dl4jGradientsRejectDataOfAnotherType() {
    MultiLayerNetwork network = tinyNetwork();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientCheck.dl4jGradients(
                    network, Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.DOUBLE, 1, 2)));
    assertTrue(
        e.getMessage().contains("DOUBLE") && e.getMessage().contains("castTo"), e.getMessage());
  }
}
