package org.dlcourse.ps.ps5;

import static org.dlcourse.ps.ps5.Fixtures.firstDifference;
import static org.dlcourse.ps.ps5.Fixtures.parameterGradient;
import static org.dlcourse.ps.ps5.Fixtures.randn;
import static org.dlcourse.ps.ps5.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Public tests of q1: one discriminator step and one generator step, each compared with the
 * gradient of its loss by central differences. The networks use plain SGD with rate ETA, so one
 * step must move the parameters by exactly {@code -ETA * gradient}.
 */
class GanStepTests {
  static final double ETA = 0.1;

  /** D's loss: mean binary cross-entropy, label 1 for real, 0 for fake. */
  static double discriminatorLoss(MultiLayerNetwork D, INDArray real, INDArray fake) {
    double sumReal = -Transforms.log(D.output(real, false), true).sumNumber().doubleValue();
    double sumFake = -Transforms.log(D.output(fake, false).rsub(1), true).sumNumber().doubleValue();
    return (sumReal + sumFake) / (real.size(0) + fake.size(0));
  }

  /** G's non-saturating loss -mean log D(G(z)). */
  static double generatorLoss(MultiLayerNetwork G, MultiLayerNetwork D, INDArray z) {
    return -Transforms.log(D.output(G.output(z, false), false), true).meanNumber().doubleValue();
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 3,
      name = "discriminator step: its loss, and one SGD step down the cross-entropy's gradient")
  void discriminatorStep(Credit credit, Judge judge) {
    DCase equal = discriminatorCase(8, 8, 11);
    DCase unequal = discriminatorCase(6, 3, 12);
    for (DCase c : new DCase[] {equal, unequal}) {
      judge.record("D's loss before the step, " + c.sizes(), c.got(), 1e-9);
      judge.record("D's parameters after the step, " + c.sizes(), c.after(), 1e-7);
    }
    credit.check(() -> equal.assertLoss(), "loss");
    credit.check(() -> equal.assertStep(), "step");
    credit.check(
        () -> {
          unequal.assertLoss();
          unequal.assertStep();
        },
        "6 real and 3 fake samples");
  }

  /** One discriminator step of the student's code beside what it should have done. */
  record DCase(
      String sizes, double got, double want, double[] step, double[] expected, double[] after) {
    void assertLoss() {
      assertEquals(
          want,
          got,
          1e-9,
          sizes
              + ": return D's mean cross-entropy over all the real and fake samples together,"
              + " measured before the step (real label 1, fake label 0)");
    }

    void assertStep() {
      assertNull(
          firstDifference(
              "D's parameter change (" + sizes + ")",
              step,
              expected,
              1e-6,
              "one fit on real and fake stacked together, labels 1 for real and 0 for fake"));
    }
  }

  static DCase discriminatorCase(int n, int m, long seed) {
    MultiLayerNetwork D = Fixtures.discriminator(seed, new Sgd(ETA));
    INDArray real = randn(seed + 1, n, 1).muli(0.5).addi(2);
    INDArray fake = randn(seed + 2, m, 1).muli(0.3);
    double want = discriminatorLoss(D, real, fake);
    INDArray before = D.params().dup();
    double[] gradient = parameterGradient(D, d -> discriminatorLoss(d, real, fake));
    double got = GanTraining.discriminatorStep(D, real.dup(), fake.dup());
    double[] step = values(D.params().sub(before), "D's parameter change");
    double[] expected = new double[gradient.length];
    for (int i = 0; i < gradient.length; i++) {
      expected[i] = -ETA * gradient[i];
    }
    return new DCase(
        n + " real and " + m + " fake samples",
        got,
        want,
        step,
        expected,
        values(D.params(), "D's parameters"));
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      checks = 3,
      name =
          "generator step: the non-saturating loss, D frozen, one SGD step of G down its gradient")
  void generatorStep(Credit credit, Judge judge) {
    generatorCase(credit, judge, 8, 21);
  }

  static void generatorCase(Credit credit, Judge judge, int n, long seed) {
    MultiLayerNetwork G = Fixtures.generator(seed, new Sgd(ETA));
    MultiLayerNetwork D = Fixtures.discriminator(seed + 1, new Sgd(ETA));
    INDArray z = randn(seed + 2, n, 4);
    double want = generatorLoss(G, D, z);
    INDArray gBefore = G.params().dup();
    INDArray dBefore = D.params().dup();
    double[] gradient = parameterGradient(G, g -> generatorLoss(g, D, z));
    double got = GanTraining.generatorStep(G, D, z.dup());
    double[] step = values(G.params().sub(gBefore), "G's parameter change");
    double[] expected = new double[gradient.length];
    for (int i = 0; i < gradient.length; i++) {
      expected[i] = -ETA * gradient[i];
    }
    double dChange = D.params().sub(dBefore).amaxNumber().doubleValue();
    judge.record("G's loss before the step", got, 1e-9);
    judge.record("G's parameters after the step", values(G.params(), "G's parameters"), 1e-7);
    judge.record("largest change of D's parameters", dChange, 1e-12);
    credit.check(
        () ->
            assertEquals(
                want,
                got,
                1e-9,
                "return the non-saturating loss -mean log D(G(z)), measured before the step"),
        "loss");
    credit.check(
        () ->
            assertEquals(
                0,
                dChange,
                0,
                "D's parameters changed in the generator step: D must stay frozen (compute its"
                    + " input gradient, never fit it here)"),
        "D frozen");
    credit.check(
        () ->
            assertNull(
                firstDifference(
                    "G's parameter change",
                    step,
                    expected,
                    1e-6,
                    "G must go down -mean log D(G(z)): which labels make D's cross-entropy equal"
                        + " -log D(x), and which sign does G.fit expect?")),
        "step");
  }
}
