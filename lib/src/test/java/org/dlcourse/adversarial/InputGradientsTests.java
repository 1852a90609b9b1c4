package org.dlcourse.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class InputGradientsTests {

  private static final double H = 1e-6; // central differences in double precision
  private static final double TOLERANCE = 1e-6; // max |analytic - numerical|

  /** The summed cross-entropy of the model on (X, y), the function ofLoss differentiates. */
  static double summedLoss(Model model, INDArray X, INDArray y) {
    // the DL4J objects directly: Model.output computes in float32, too coarse for differences
    INDArray p =
        model.isGraph() ? model.graph().outputSingle(false, X) : model.network().output(X, false);
    return -Transforms.log(p, true).mul(y).sumNumber().doubleValue();
  }

  /** Central differences of f at X, one input value at a time: [n, ...] like X. */
  static INDArray numerical(INDArray X, ToDoubleFunction<INDArray> f) {
    INDArray g = Nd4j.zerosLike(X);
    INDArray flatX = X.reshape(X.length());
    INDArray flatG = g.reshape(X.length());
    for (long j = 0; j < X.length(); j++) {
      double v = flatX.getDouble(j);
      flatX.putScalar(j, v + H);
      double up = f.applyAsDouble(X);
      flatX.putScalar(j, v - H);
      double down = f.applyAsDouble(X);
      flatX.putScalar(j, v);
      flatG.putScalar(j, (up - down) / (2 * H));
    }
    return g;
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    double err = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(err < TOLERANCE, "max |analytic - numerical| = " + err);
    assertTrue(expected.amaxNumber().doubleValue() > 1e-3, "the gradient is not trivially zero");
  }

  @Test
  @DisplayName("the loss gradient of an MLP equals finite differences")
  void lossGradientOfMlp() {
    Model model = TinyNets.mlp(1);
    INDArray[] d = TinyNets.data(model, 4, 2);
    assertClose(
        numerical(d[0], X -> summedLoss(model, X, d[1])), InputGradients.ofLoss(model, d[0], d[1]));
  }

  @Test
  @DisplayName(
      "the loss gradient of a CNN (convolution, max pooling, dense) equals finite differences")
  void lossGradientOfCnn() {
    Model model = TinyNets.cnn(3);
    INDArray[] d = TinyNets.data(model, 3, 4);
    assertClose(
        numerical(d[0], X -> summedLoss(model, X, d[1])), InputGradients.ofLoss(model, d[0], d[1]));
  }

  @Test
  @DisplayName("the loss gradient of a residual ComputationGraph adds both branches")
  void lossGradientOfGraph() {
    Model model = TinyNets.residualGraph(5);
    INDArray[] d = TinyNets.data(model, 4, 6);
    assertClose(
        numerical(d[0], X -> summedLoss(model, X, d[1])), InputGradients.ofLoss(model, d[0], d[1]));
  }

  @Test
  @DisplayName("the loss gradient equals DL4J's own calculateGradients for a layer stack")
  void lossGradientMatchesDl4j() {
    Model model = TinyNets.cnn(7);
    INDArray[] d = TinyNets.data(model, 5, 8);
    INDArray dl4j = model.network().calculateGradients(d[0], d[1], null, null).getSecond();
    assertEquals(
        0, dl4j.sub(InputGradients.ofLoss(model, d[0], d[1])).amaxNumber().doubleValue(), 1e-12);
  }

  @Test
  @DisplayName("the class-score gradient equals finite differences of z_c = h W[:, c] + b_c")
  void classScoreGradient() {
    Model model = TinyNets.cnn(9);
    INDArray[] d = TinyNets.data(model, 3, 10);
    int[] classes = {2, 0, 1};
    INDArray W = model.network().getLayer(3).getParam("W");
    INDArray b = model.network().getLayer(3).getParam("b");
    ToDoubleFunction<INDArray> scores =
        X -> {
          INDArray z = InputGradients.activation(model, X, 2).mmul(W).addRowVector(b); // [n, 3]
          double s = 0;
          for (int i = 0; i < classes.length; i++) {
            s += z.getDouble(i, classes[i]);
          }
          return s;
        };
    assertClose(numerical(d[0], scores), InputGradients.ofClassScore(model, d[0], classes));
  }

  @Test
  @DisplayName("the gradient of one inner unit equals finite differences; weights pick the unit")
  void activationGradient() {
    Model model = TinyNets.cnn(11);
    INDArray[] d = TinyNets.data(model, 2, 12);
    INDArray a = InputGradients.activation(model, d[0], 0); // [2, 2, 4, 4]
    assertArrayEquals(new long[] {2, 2, 4, 4}, a.shape());
    INDArray w = Nd4j.zerosLike(a);
    w.get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.point(1))
        .assign(1.0); // channel 1, every position
    ToDoubleFunction<INDArray> unit =
        X -> InputGradients.activation(model, X, 0).mul(w).sumNumber().doubleValue();
    assertClose(numerical(d[0], unit), InputGradients.ofActivation(model, d[0], 0, w));
  }

  @Test
  @DisplayName("wrong shapes and graph-only limits fail with messages that say what to do")
  void clearErrors() {
    Model mlp = TinyNets.mlp(1);
    INDArray[] d = TinyNets.data(mlp, 2, 2);
    var e1 =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputGradients.ofLoss(mlp, d[0], Nd4j.zeros(2, 4)));
    assertTrue(e1.getMessage().contains("[2, 3]"), e1.getMessage());
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputGradients.ofClassScore(mlp, d[0], new int[] {0, 3}));
    assertTrue(e2.getMessage().contains("0..2"), e2.getMessage());
    Model graph = TinyNets.residualGraph(1);
    var e3 =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputGradients.ofClassScore(graph, d[0], new int[] {0, 1}));
    assertTrue(e3.getMessage().contains("ofLoss"), e3.getMessage());
    var e4 =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputGradients.ofActivation(mlp, d[0], 0, Nd4j.zeros(2, 5)));
    assertTrue(e4.getMessage().contains("[2, 4]"), e4.getMessage());
  }

  @Test
  @DisplayName("computing an input gradient leaves the parameters unchanged")
  void parametersUnchanged() {
    Model model = TinyNets.cnn(13);
    INDArray before = model.params().dup();
    INDArray[] d = TinyNets.data(model, 3, 14);
    InputGradients.ofLoss(model, d[0], d[1]);
    InputGradients.ofClassScore(model, d[0], new int[] {0, 1, 2});
    assertEquals(before, model.params());
  }
}
