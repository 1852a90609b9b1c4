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

/** Public tests of q2: max-pooling against DL4J's SubsamplingLayer and numerically. */
class PoolingTests {

  @Test
  @Points(
      question = "q2",
      value = 2,
      checks = 2,
      name = "max-pooling 2x2 forward and backward equal DL4J's SubsamplingLayer")
  void equalsDl4j(Credit credit, Judge judge) {
    INDArray X = randn(31, 2, 3, 6, 6);
    INDArray dY = randn(32, 2, 3, 3, 3);
    MaxPool2d pool = new MaxPool2d(2);
    INDArray Y = pool.forward(X.dup());
    INDArray dX = pool.backward(dY.dup());
    Fixtures.Dl4j want = Fixtures.maxPooling(2, X, dY);
    judge.record("pool forward", values(Y, "Y"), 1e-12);
    judge.record("pool backward", values(dX, "dX"), 1e-12);
    credit.check(
        () -> {
          requireShape(Y, "Y = forward(X [2, 3, 6, 6])", 2, 3, 3, 3);
          assertNull(
              firstDifference(
                  "Y",
                  Y.shape(),
                  values(Y, "Y"),
                  values(want.y(), "DL4J"),
                  1e-12,
                  "each output is the largest of its own 2 x 2 window, windows do not overlap"));
        },
        "forward");
    credit.check(
        () -> {
          requireShape(dX, "dX", X.shape());
          assertNull(
              firstDifference(
                  "dX",
                  X.shape(),
                  values(dX, "dX"),
                  values(want.dX(), "DL4J"),
                  1e-12,
                  "only the maximum of each window receives that window's gradient"));
        },
        "backward");
  }

  @Test
  @Points(question = "q2", value = 1, name = "max-pooling backward equals the numerical gradient")
  void backwardEqualsNumerical(Judge judge) {
    INDArray X = randn(41, 1, 2, 4, 4);
    INDArray R = randn(42, 1, 2, 2, 2);
    MaxPool2d pool = new MaxPool2d(2);
    pool.forward(X);
    INDArray dX = pool.backward(R.dup());
    judge.record("dX", values(dX, "dX"), 1e-9);
    requireShape(dX, "dX", X.shape());
    double[] want = numerical(x -> new MaxPool2d(2).forward(x).mul(R).sumNumber().doubleValue(), X);
    assertNull(
        firstDifference(
            "dX",
            X.shape(),
            values(dX, "dX"),
            want,
            1e-6,
            "only the maximum of each window receives that window's gradient"));
  }
}
