package org.dlcourse.ps.ps4;

import static org.dlcourse.ps.ps4.Fixtures.firstDifference;
import static org.dlcourse.ps.ps4.Fixtures.numerical;
import static org.dlcourse.ps.ps4.Fixtures.randn;
import static org.dlcourse.ps.ps4.Fixtures.requireShape;
import static org.dlcourse.ps.ps4.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Public tests of q1 (RNN) and q2 (LSTM): numerically and against DL4J's SimpleRnn and LSTM. */
class RecurrentTests {

  static final String BPTT_HINT =
      "walk back from the last step to step 0; every step adds its own dh to what flows back from"
          + " the step after it";
  static final String GATE_HINT =
      "DL4J's blocks in W, RW and b are [block input g, forget f, output o, input i], each H wide;"
          + " every block has its own bias";

  /** One recurrent layer: forward, backward and its parameters, for the shared checks below. */
  interface Layer {
    INDArray forward(INDArray x);

    INDArray backward(INDArray dh);

    INDArray[] gradients(); // dW, dRW, db
  }

  static Layer rnn(INDArray W, INDArray RW, INDArray b) {
    Rnn r = new Rnn(W, RW, b);
    return new Layer() {
      public INDArray forward(INDArray x) {
        return r.forward(x);
      }

      public INDArray backward(INDArray dh) {
        return r.backward(dh);
      }

      public INDArray[] gradients() {
        return new INDArray[] {r.dW, r.dRW, r.db};
      }
    };
  }

  static Layer lstm(INDArray W, INDArray RW, INDArray b) {
    Lstm r = new Lstm(W, RW, b);
    return new Layer() {
      public INDArray forward(INDArray x) {
        return r.forward(x);
      }

      public INDArray backward(INDArray dh) {
        return r.backward(dh);
      }

      public INDArray[] gradients() {
        return new INDArray[] {r.dW, r.dRW, r.db};
      }
    };
  }

  interface Factory {
    Layer make(INDArray W, INDArray RW, INDArray b);
  }

  static final String[] NAMES = {"dW", "dRW", "db"};

  /** Four checks: dW, dRW, db and dx against the numerical gradients of L = sum(h * R), R fixed. */
  static void numericalChecks(
      Credit credit, Judge judge, Factory f, INDArray[] p, INDArray x, INDArray R, String hint) {
    Layer layer = f.make(p[0].dup(), p[1].dup(), p[2].dup());
    layer.forward(x.dup());
    INDArray dx = layer.backward(R.dup());
    INDArray[] got = layer.gradients();
    for (int k = 0; k < 3; k++) {
      judge.record(NAMES[k], values(got[k], NAMES[k]), 1e-8);
    }
    judge.record("dx", values(dx, "dx"), 1e-8);
    for (int k = 0; k < 3; k++) {
      int which = k;
      credit.check(
          () -> {
            requireShape(got[which], NAMES[which], p[which].shape());
            INDArray[] q = {p[0].dup(), p[1].dup(), p[2].dup()};
            double[] want =
                numerical(
                    v -> {
                      q[which] = v;
                      return f.make(q[0], q[1], q[2])
                          .forward(x.dup())
                          .mul(R)
                          .sumNumber()
                          .doubleValue();
                    },
                    p[which].dup());
            assertNull(
                firstDifference(
                    NAMES[which],
                    p[which].shape(),
                    values(got[which], NAMES[which]),
                    want,
                    1e-6,
                    hint));
          },
          NAMES[which]);
    }
    credit.check(
        () -> {
          requireShape(dx, "dx", x.shape());
          double[] want =
              numerical(
                  v ->
                      f.make(p[0].dup(), p[1].dup(), p[2].dup())
                          .forward(v)
                          .mul(R)
                          .sumNumber()
                          .doubleValue(),
                  x.dup());
          assertNull(firstDifference("dx", x.shape(), values(dx, "dx"), want, 1e-6, hint));
        },
        "dx");
  }

  /** Five checks: h, dW, dRW, db and dx against DL4J's layer. */
  static void dl4jChecks(
      Credit credit,
      Judge judge,
      Factory f,
      Fixtures.Dl4j want,
      INDArray[] p,
      INDArray x,
      INDArray dh,
      String hint) {
    Layer layer = f.make(p[0].dup(), p[1].dup(), p[2].dup());
    INDArray h = layer.forward(x.dup());
    INDArray dx = layer.backward(dh.dup());
    INDArray[] got = layer.gradients();
    compare(credit, judge, "h", h, want.h(), hint);
    compare(credit, judge, "dW", got[0], want.dW(), hint);
    compare(credit, judge, "dRW", got[1], want.dRW(), hint);
    compare(credit, judge, "db", got[2], want.db(), hint);
    compare(credit, judge, "dx", dx, want.dx(), hint);
  }

  static void compare(
      Credit credit, Judge judge, String name, INDArray got, INDArray want, String hint) {
    judge.record(name, values(got, name), 1e-8);
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

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 4,
      name = "RNN backward through time: dW, dRW, db, dx equal the numerical gradients")
  void rnnNumerical(Credit credit, Judge judge) {
    INDArray[] p = {randn(1, 3, 4).muli(0.5), randn(2, 4, 4).muli(0.5), randn(3, 1, 4).muli(0.5)};
    numericalChecks(
        credit, judge, RecurrentTests::rnn, p, randn(4, 2, 3, 5), randn(5, 2, 4, 5), BPTT_HINT);
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 5,
      name = "RNN forward and backward equal DL4J's SimpleRnn")
  void rnnEqualsDl4j(Credit credit, Judge judge) {
    INDArray[] p = {
      randn(11, 3, 4).muli(0.5), randn(12, 4, 4).muli(0.5), randn(13, 1, 4).muli(0.5)
    };
    INDArray x = randn(14, 2, 3, 6);
    INDArray dh = randn(15, 2, 4, 6);
    dl4jChecks(
        credit,
        judge,
        RecurrentTests::rnn,
        Fixtures.simpleRnn(p[0], p[1], p[2], x, dh),
        p,
        x,
        dh,
        BPTT_HINT);
  }

  @Test
  @Points(
      question = "q2",
      value = 3,
      checks = 4,
      name = "LSTM backward through time: dW, dRW, db, dx equal the numerical gradients")
  void lstmNumerical(Credit credit, Judge judge) {
    INDArray[] p = {
      randn(21, 3, 12).muli(0.5), randn(22, 3, 12).muli(0.5), randn(23, 1, 12).muli(0.5)
    };
    numericalChecks(
        credit,
        judge,
        RecurrentTests::lstm,
        p,
        randn(24, 2, 3, 4),
        randn(25, 2, 3, 4),
        "from the cell: dc_t = dh_t o (1 - tanh^2 c_t) + dc_{t+1} f_{t+1}; " + BPTT_HINT);
  }

  @Test
  @Points(
      question = "q2",
      value = 3,
      checks = 5,
      name = "LSTM forward and backward equal DL4J's LSTM (gate order, weight layout)")
  void lstmEqualsDl4j(Credit credit, Judge judge) {
    INDArray[] p = {
      randn(31, 3, 16).muli(0.5), randn(32, 4, 16).muli(0.5), randn(33, 1, 16).muli(0.5)
    };
    INDArray x = randn(34, 2, 3, 5);
    INDArray dh = randn(35, 2, 4, 5);
    dl4jChecks(
        credit,
        judge,
        RecurrentTests::lstm,
        Fixtures.lstm(p[0], p[1], p[2], x, dh),
        p,
        x,
        dh,
        GATE_HINT);
  }
}
