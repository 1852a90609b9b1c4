package org.dlcourse.ps.ps2;

import static org.dlcourse.ps.ps2.Fixtures.firstDifference;
import static org.dlcourse.ps.ps2.Fixtures.matrix;
import static org.dlcourse.ps.ps2.Fixtures.numerical;
import static org.dlcourse.ps.ps2.Fixtures.randn;
import static org.dlcourse.ps.ps2.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q1 (dense layer), q2 (activations) and q3 (softmax with cross-entropy). */
class LayerTests {

  @Test
  @Points(question = "q1", value = 1, name = "dense forward is X W + b")
  void denseForward(Judge judge) {
    INDArray X = matrix(new double[][] {{1, 2, 3}, {-1, 0, 2}});
    INDArray W = matrix(new double[][] {{1, 0}, {0, 1}, {2, -1}});
    INDArray b = matrix(new double[][] {{0.5, -0.5}});
    INDArray Y = new Dense(W, b).forward(X);
    judge.record("dense forward", values(Y, "forward"), 1e-12);
    assertArrayEquals(new long[] {2, 2}, Y.shape(), "expected [n, out] = [2, 2]");
    assertArrayEquals(new double[] {7.5, -1.5, 3.5, -2.5}, values(Y, "forward"), 1e-12);
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 3,
      name = "dense backward: dW, db and dX equal the numerical gradients")
  void denseBackward(Credit credit, Judge judge) {
    INDArray X = randn(1, 4, 3, 1);
    INDArray W = randn(2, 3, 2, 1);
    INDArray b = randn(3, 1, 2, 1);
    INDArray R = randn(4, 4, 2, 1); // L = sum(Y * R), so dL/dY = R
    Dense layer = new Dense(W, b);
    layer.forward(X);
    INDArray dX = layer.backward(R.dup());
    judge.record("dW", values(layer.dW, "dW"), 1e-9);
    judge.record("db", values(layer.db, "db"), 1e-9);
    judge.record("dX", values(dX, "dX"), 1e-9);
    ToDoubleFunction3 loss = (x, w, bb) -> x.mmul(w).addRowVector(bb).mul(R).sumNumber().doubleValue();
    credit.check(
        () ->
            assertNull(
                firstDifference(
                    "dW", W.shape(), values(layer.dW, "dW"), numerical(w -> loss.f(X, w, b), W), 1e-6)),
        "dW");
    credit.check(
        () ->
            assertNull(
                firstDifference(
                    "db", b.shape(), values(layer.db, "db"), numerical(v -> loss.f(X, W, v), b), 1e-6)),
        "db");
    credit.check(
        () ->
            assertNull(
                firstDifference("dX", X.shape(), values(dX, "dX"), numerical(x -> loss.f(x, W, b), X), 1e-6)),
        "dX");
  }

  interface ToDoubleFunction3 {
    double f(INDArray x, INDArray w, INDArray b);
  }

  @Test
  @Points(
      question = "q2",
      value = 3,
      checks = 3,
      name = "relu, sigmoid, tanh: forward values and backward equal the numerical gradients")
  void activations(Credit credit, Judge judge) {
    INDArray z = matrix(new double[][] {{-1.5, -0.2, 0.3}, {0.7, 2.0, -3.0}});
    INDArray up = matrix(new double[][] {{0.1, -0.4, 1.0}, {2.0, -1.0, 0.5}});
    check(credit, judge, "relu", Activations.relu(z), Activations.reluBackward(z, up), z, up,
        x -> org.nd4j.linalg.ops.transforms.Transforms.relu(x, true));
    INDArray s = Activations.sigmoid(z);
    check(credit, judge, "sigmoid", s, s == null ? null : Activations.sigmoidBackward(s, up), z, up,
        x -> org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x, true));
    INDArray t = Activations.tanh(z);
    check(credit, judge, "tanh", t, t == null ? null : Activations.tanhBackward(t, up), z, up,
        x -> org.nd4j.linalg.ops.transforms.Transforms.tanh(x, true));
  }

  private static void check(Credit credit, Judge judge, String name, INDArray out, INDArray grad,
      INDArray z, INDArray up, java.util.function.UnaryOperator<INDArray> truth) {
    judge.record(name + " forward", values(out, name), 1e-12);
    judge.record(name + " backward", values(grad, name + "Backward"), 1e-9);
    credit.check(() -> {
      assertArrayEquals(values(truth.apply(z), "truth"), values(out, name), 1e-12, name + "(z)");
      assertNull(firstDifference(name + "Backward", z.shape(), values(grad, name + "Backward"),
          numerical(x -> truth.apply(x).mul(up).sumNumber().doubleValue(), z.dup()), 1e-6));
    }, name);
  }

  @Test
  @Points(question = "q3", value = 1, name = "softmax is stable at logits of 1000; the loss value")
  void softmaxAndLoss(Judge judge) {
    INDArray Z = matrix(new double[][] {{1000, 1001, 1002}, {0, 0, 0}});
    INDArray Y = matrix(new double[][] {{0, 0, 1}, {1, 0, 0}});
    double[] p = values(SoftmaxCrossEntropy.softmax(Z), "softmax");
    double loss = SoftmaxCrossEntropy.loss(Z, Y);
    judge.record("softmax of [[1000, 1001, 1002], [0, 0, 0]]", p, 1e-12);
    judge.record("loss", loss, 1e-12);
    double e = Math.exp(1) + Math.exp(2) + 1;
    assertArrayEquals(
        new double[] {1 / e, Math.exp(1) / e, Math.exp(2) / e, 1 / 3.0, 1 / 3.0, 1 / 3.0},
        p,
        1e-12,
        "subtract each row's maximum before exp (exp(1000) overflows)");
    assertEquals((-Math.log(Math.exp(2) / e) + Math.log(3)) / 2, loss, 1e-12, "mean over the 2 rows");
  }

  @Test
  @Points(
      question = "q3",
      value = 2,
      name = "softmax cross-entropy gradient equals the numerical one",
      hint = "(P - Y) / n")
  void softmaxGradient(Judge judge) {
    INDArray Z = randn(5, 4, 3, 2);
    INDArray Y = matrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
    double[] got = values(SoftmaxCrossEntropy.gradient(Z, Y), "gradient");
    judge.record("dL/dZ", got, 1e-9);
    String diff =
        firstDifference(
            "dL/dZ", Z.shape(), got, numerical(z -> Fixtures.crossEntropy(z, Y), Z.dup()), 1e-6);
    assertTrue(diff == null, diff);
  }
}
