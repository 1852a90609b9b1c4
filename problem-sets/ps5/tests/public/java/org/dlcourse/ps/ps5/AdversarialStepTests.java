package org.dlcourse.ps.ps5;

import static org.dlcourse.ps.ps5.Fixtures.firstDifference;
import static org.dlcourse.ps.ps5.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Public test of q3: one adversarial training step equals one fit on the clean and the FGSM
 * examples stacked (FGSM as your Fgsm computes it; the judge compares with the reference's).
 */
class AdversarialStepTests {

  @Test
  @Points(
      question = "q3",
      value = 2,
      checks = 2,
      name = "adversarial step: one fit on [x; FGSM(x)] with labels [y; y], loss before the step")
  void oneStep(Credit credit, Judge judge) {
    MultiLayerNetwork net = Fixtures.classifier(9, DataType.DOUBLE);
    MultiLayerNetwork copy = net.clone();
    INDArray x = Fixtures.rand(10, 6, 784);
    INDArray y = Fixtures.oneHot(6, 10);
    double got = AdversarialTraining.step(net, x.dup(), y.dup(), 0.1);
    INDArray adversarial = Fgsm.attack(copy, x.dup(), y.dup(), 0.1);
    copy.fit(Nd4j.vstack(x, adversarial), Nd4j.vstack(y, y));
    double want = copy.score();
    judge.record("loss before the step", got, 1e-9);
    judge.record("parameters after the step", values(net.params(), "parameters"), 1e-7);
    credit.check(
        () ->
            assertEquals(
                want,
                got,
                1e-9,
                "return the mean loss over the 2n clean and adversarial examples, before the"
                    + " step"),
        "loss");
    credit.check(
        () ->
            assertNull(
                firstDifference(
                    "parameters after the step",
                    values(net.params(), "parameters"),
                    values(copy.params(), "expected"),
                    1e-9,
                    "attack the network as it is before the step (eps as given), then one fit on"
                        + " clean and adversarial examples together")),
        "step");
  }
}
