package org.dlcourse.ps.ps2;

import static org.dlcourse.ps.ps2.Fixtures.randn;
import static org.dlcourse.ps.ps2.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Public test of q4: the student's Adam against DL4J's own Adam updater. */
class AdamTests {

  /** DL4J's parameters after the same gradients: its updater turns g into the step to subtract. */
  static double[] dl4j(org.nd4j.linalg.learning.config.Adam config, INDArray start, INDArray[] grads) {
    INDArray theta = start.dup();
    INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 2 * theta.length());
    GradientUpdater<?> updater = config.instantiate(state, true);
    for (int t = 0; t < grads.length; t++) {
      INDArray step = grads[t].dup();
      updater.applyUpdater(step, t, 0);
      theta.subi(step);
    }
    return values(theta, "theta");
  }

  static double[] student(Adam adam, INDArray start, INDArray[] grads) {
    INDArray theta = start.dup();
    for (INDArray g : grads) {
      adam.step(theta, g.dup());
    }
    return values(theta, "theta");
  }

  @Test
  @Points(
      question = "q4",
      value = 2,
      name = "Adam's five steps equal DL4J's Adam (lr 0.01)",
      hint = "bias-corrected rate alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t), t from 1")
  void adamEqualsDl4j(Judge judge) {
    INDArray start = randn(11, 1, 6, 1);
    INDArray[] grads = new INDArray[5];
    for (int t = 0; t < 5; t++) {
      grads[t] = randn(20 + t, 1, 6, 1);
    }
    double[] want = dl4j(new org.nd4j.linalg.learning.config.Adam(0.01), start, grads);
    double[] got = student(new Adam(0.01), start, grads);
    judge.record("theta after five Adam steps", got, 1e-9);
    assertArrayEquals(want, got, 1e-9, "theta after 5 steps differs from DL4J's Adam");
  }
}
