package org.dlcourse.ps.ps2;

import static org.dlcourse.ps.ps2.Fixtures.randn;
import static org.dlcourse.ps.ps2.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Public test of q5: the student's parts, chained, against DL4J's network of the same shape. */
class NetworkTests {

  @Test
  @Points(
      question = "q5",
      value = 2,
      checks = 5,
      name = "Dense-ReLU-Dense-softmax: loss and all four gradients equal DL4J's")
  void backpropEqualsDl4j(Credit credit, Judge judge) {
    INDArray X = randn(31, 5, 4, 1);
    INDArray Y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
    for (int i = 0; i < 5; i++) {
      Y.putScalar(i, i % 3, 1);
    }
    INDArray W1 = randn(32, 4, 6, 0.5);
    INDArray b1 = randn(33, 1, 6, 0.1);
    INDArray W2 = randn(34, 6, 3, 0.5);
    INDArray b2 = randn(35, 1, 3, 0.1);

    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nIn(6)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    net.setParam("0_W", W1);
    net.setParam("0_b", b1);
    net.setParam("1_W", W2);
    net.setParam("1_b", b2);
    net.setInput(X);
    net.setLabels(Y);
    net.computeGradientAndScore();
    Gradient g = net.gradient();
    // DL4J's score is the mean loss, but the gradient it keeps here is that of the summed loss
    // (its updater divides by the minibatch size later): divide by n = 5 to compare with (P - Y)/n.
    int n = 5;

    Dense first = new Dense(W1.dup(), b1.dup());
    Dense second = new Dense(W2.dup(), b2.dup());
    INDArray z1 = first.forward(X);
    INDArray z2 = second.forward(Activations.relu(z1));
    double loss = SoftmaxCrossEntropy.loss(z2, Y);
    INDArray dH = second.backward(SoftmaxCrossEntropy.gradient(z2, Y));
    first.backward(Activations.reluBackward(z1, dH));

    judge.record("loss", loss, 1e-9);
    credit.check(() -> assertEquals(net.score(), loss, 1e-9, "loss vs DL4J's score"), "loss");
    compare(credit, judge, "W1", g.getGradientFor("0_W").div(n), first.dW);
    compare(credit, judge, "b1", g.getGradientFor("0_b").div(n), first.db);
    compare(credit, judge, "W2", g.getGradientFor("1_W").div(n), second.dW);
    compare(credit, judge, "b2", g.getGradientFor("1_b").div(n), second.db);
  }

  private static void compare(Credit credit, Judge judge, String name, INDArray dl4j, INDArray mine) {
    double[] got = values(mine, "d" + name);
    judge.record("d" + name, got, 1e-9);
    credit.check(
        () -> assertArrayEquals(values(dl4j, "DL4J"), got, 1e-9, "d" + name + " vs DL4J's gradient"),
        "d" + name);
  }
}
