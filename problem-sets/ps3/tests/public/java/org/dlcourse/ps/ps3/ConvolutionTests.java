package org.dlcourse.ps.ps3;

import static org.dlcourse.ps.ps3.Fixtures.firstDifference;
import static org.dlcourse.ps.ps3.Fixtures.numerical;
import static org.dlcourse.ps.ps3.Fixtures.randn;
import static org.dlcourse.ps.ps3.Fixtures.requireShape;
import static org.dlcourse.ps.ps3.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q1: the convolution layer, numerically and against DL4J's ConvolutionLayer. */
class ConvolutionTests {

  static final String FLIP_HINT =
      "DL4J (like every library) computes a cross-correlation: X[n, c, i + p, j + q] W[f, c, p, q],"
          + " with the kernel not flipped";

  @Test
  @Points(question = "q1", value = 1, name = "conv forward equals DL4J's ConvolutionLayer")
  void forwardEqualsDl4j(Judge judge) {
    INDArray X = randn(1, 2, 2, 5, 5);
    INDArray W = randn(2, 3, 2, 3, 3);
    INDArray b = randn(3, 1, 3);
    INDArray Y = new Conv2d(W.dup(), b.dup()).forward(X.dup());
    judge.record("conv forward", values(Y, "forward"), 1e-9);
    requireShape(Y, "Y = forward(X [2, 2, 5, 5]) with W [3, 2, 3, 3]", 2, 3, 3, 3);
    INDArray want = Fixtures.convolution(W, b, X, null).y();
    assertNull(
        firstDifference("Y", Y.shape(), values(Y, "Y"), values(want, "DL4J"), 1e-9, FLIP_HINT));
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 3,
      name = "conv backward: dW, db and dX equal the numerical gradients")
  void backwardEqualsNumerical(Credit credit, Judge judge) {
    INDArray X = randn(11, 2, 2, 4, 5);
    INDArray W = randn(12, 3, 2, 2, 3);
    INDArray b = randn(13, 1, 3);
    INDArray R = randn(14, 2, 3, 3, 3); // L = sum(Y * R), so dL/dY = R
    Conv2d layer = new Conv2d(W, b);
    layer.forward(X);
    INDArray dX = layer.backward(R.dup());
    judge.record("dW", values(layer.dW, "dW"), 1e-9);
    judge.record("db", values(layer.db, "db"), 1e-9);
    judge.record("dX", values(dX, "dX"), 1e-9);
    Loss loss = (x, w, bb) -> new Conv2d(w, bb).forward(x).mul(R).sumNumber().doubleValue();
    String hint = "compare your backward pass with the chain rule of your forward pass";
    credit.check(
        () -> {
          requireShape(layer.dW, "dW", W.shape());
          assertNull(
              firstDifference(
                  "dW",
                  W.shape(),
                  values(layer.dW, "dW"),
                  numerical(w -> loss.f(X, w, b), W),
                  1e-6,
                  hint));
        },
        "dW");
    credit.check(
        () -> {
          requireShape(layer.db, "db", 1, 3);
          assertNull(
              firstDifference(
                  "db",
                  b.shape(),
                  values(layer.db, "db"),
                  numerical(v -> loss.f(X, W, v), b),
                  1e-6,
                  "db[f] sums dY[:, f, :, :]"));
        },
        "db");
    credit.check(
        () -> {
          requireShape(dX, "dX", X.shape());
          assertNull(
              firstDifference(
                  "dX",
                  X.shape(),
                  values(dX, "dX"),
                  numerical(x -> loss.f(x, W, b), X),
                  1e-6,
                  hint));
        },
        "dX");
  }

  interface Loss {
    double f(INDArray x, INDArray w, INDArray b);
  }

  @Test
  @Points(
      question = "q1",
      value = 1,
      checks = 3,
      name = "conv backward: dW, db and dX equal DL4J's")
  void backwardEqualsDl4j(Credit credit, Judge judge) {
    INDArray X = randn(21, 3, 1, 6, 6);
    INDArray W = randn(22, 2, 1, 3, 3);
    INDArray b = randn(23, 1, 2);
    INDArray dY = randn(24, 3, 2, 4, 4);
    Conv2d layer = new Conv2d(W.dup(), b.dup());
    layer.forward(X.dup());
    INDArray dX = layer.backward(dY.dup());
    Fixtures.Dl4j want = Fixtures.convolution(W, b, X, dY);
    compare(credit, judge, "dW", layer.dW, want.dW(), FLIP_HINT);
    compare(credit, judge, "db", layer.db, want.db(), "db[f] sums dY[:, f, :, :]");
    compare(credit, judge, "dX", dX, want.dX(), FLIP_HINT);
  }

  static void compare(
      Credit credit, Judge judge, String name, INDArray got, INDArray want, String hint) {
    judge.record(name, values(got, name), 1e-9);
    credit.check(
        () -> {
          requireShape(got, name, want.shape());
          assertNull(
              firstDifference(
                  name + " (vs DL4J)",
                  want.shape(),
                  values(got, name),
                  values(want, "DL4J"),
                  1e-9,
                  hint));
        },
        name);
  }
}
