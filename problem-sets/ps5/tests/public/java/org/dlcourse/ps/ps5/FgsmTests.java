package org.dlcourse.ps.ps5;

import static org.dlcourse.ps.ps5.Fixtures.firstDifference;
import static org.dlcourse.ps.ps5.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Splits;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Public tests of q2: FGSM's perturbation, the input gradient, and the accuracy it costs. */
class FgsmTests {

  @Test
  @Points(
      question = "q2",
      value = 2,
      checks = 3,
      name = "FGSM perturbation: eps times the sign, clipped to [0, 1], x left unchanged")
  void perturbation(Credit credit, Judge judge) {
    INDArray x = Nd4j.createFromArray(new double[][] {{0, 0.05, 0.5, 0.97}, {1, 0.3, 0, 0.6}});
    INDArray g = Nd4j.createFromArray(new double[][] {{-2, 1e-8, 0, 3}, {5, -1e-3, -4, 0.2}});
    INDArray xCopy = x.dup();
    INDArray adv = Fgsm.perturb(x, g.dup(), 0.1);
    // one judged value per check: the moved entries, the clipped ones, the rest and x itself
    double[] a = values(adv, "perturb's result");
    judge.record("x_adv inside the range", new double[] {a[1], a[5], a[7]}, 1e-9);
    judge.record("x_adv clipped", new double[] {a[0], a[3], a[4], a[6]}, 1e-9);
    judge.record(
        "x_adv[0, 2] and x after the call", new double[] {a[2], x.sumNumber().doubleValue()}, 1e-9);
    credit.check(
        () -> {
          assertArrayEquals(x.shape(), adv.shape(), "perturb must keep x's shape");
          // entries [0, 1], [1, 1], [1, 3]: inside the range, moved by eps in the sign's direction
          assertNull(
              firstDifference(
                  "x_adv at [0, 1], [1, 1], [1, 3]",
                  new double[] {a[1], a[5], a[7]},
                  new double[] {0.15, 0.2, 0.7},
                  1e-9,
                  "every pixel moves by exactly eps, whatever the gradient's size: eps * sign(g)"));
        },
        "sign");
    credit.check(
        () -> {
          assertNull(
              firstDifference(
                  "x_adv at [0, 0], [0, 3], [1, 0], [1, 2]",
                  new double[] {a[0], a[3], a[4], a[6]},
                  new double[] {0, 1, 1, 0},
                  1e-9,
                  "pixels must stay in [0, 1]: clip after the step"));
        },
        "clipping");
    credit.check(
        () -> {
          assertEquals(
              0.5, adv.getDouble(0, 2), 1e-12, "a pixel whose gradient is exactly 0 stays put");
          assertTrue(
              x.equals(xCopy), "perturb changed its input x: work on a copy (x.add, not x.addi)");
        },
        "zero gradient, input untouched");
  }

  @Test
  @Points(
      question = "q2",
      value = 2,
      checks = 2,
      name = "input gradient: each example's cross-entropy differentiated by its pixels")
  void inputGradient(Credit credit, Judge judge) {
    MultiLayerNetwork net = Fixtures.classifier(5, DataType.DOUBLE);
    INDArray x = Fixtures.rand(6, 3, 784);
    INDArray y = Fixtures.oneHot(3, 10);
    INDArray params = net.params().dup();
    INDArray g = Fgsm.inputGradient(net, x.dup(), y.dup());
    // 60 pixels spread over the three examples, checked by central differences of the summed loss
    int[] rows = new int[60];
    int[] cols = new int[60];
    double[] got = new double[60];
    double[] want = new double[60];
    DataSet batch = new DataSet(x, y);
    for (int k = 0; k < 60; k++) {
      rows[k] = k % 3;
      cols[k] = (k * 131 + 17) % 784;
      double old = x.getDouble(rows[k], cols[k]);
      x.putScalar(rows[k], cols[k], old + 1e-6);
      double plus = net.score(batch) * 3;
      x.putScalar(rows[k], cols[k], old - 1e-6);
      double minus = net.score(batch) * 3;
      x.putScalar(rows[k], cols[k], old);
      want[k] = (plus - minus) / 2e-6;
    }
    credit.check(
        () -> {
          assertArrayEquals(new long[] {3, 784}, g.shape(), "expected dL/dx of x's shape [n, 784]");
          for (int k = 0; k < 60; k++) {
            got[k] = g.getDouble(rows[k], cols[k]);
          }
          assertNull(
              firstDifference(
                  "dL/dx at 60 pixels",
                  got,
                  want,
                  1e-5,
                  "row i must be the gradient of example i's own loss (not the mean's) by x_i"));
        },
        "gradient");
    credit.check(
        () -> assertTrue(net.params().equals(params), "computing dL/dx must not train the network"),
        "no weight change");
    judge.record("dL/dx at 60 pixels", got, 1e-6);
  }

  /** The accuracy FGSM must take from the provided model; rubric.md has the measurements. */
  static final double DROP = 0.5;

  /** How many of the attacked images the grader compares with its own FGSM. */
  static final int PROBES = 10;

  @Test
  @Points(
      question = "q2",
      value = 2,
      name = "FGSM with eps 0.1 lowers the provided model's test accuracy by at least 0.5")
  void accuracyDrops(Judge judge) {
    Splits data = Fixtures.data();
    MultiLayerNetwork net = Fixtures.train(data, MultiLayerNetwork::fit);
    INDArray x = data.test().features();
    INDArray y = data.test().labels();
    INDArray adv = Fgsm.attack(net, x, y, Fixtures.EPS);
    double clean = Fixtures.accuracy(net, x, y);
    double attacked = Fixtures.accuracy(net, adv, y);
    double farthest = adv.sub(x).amaxNumber().doubleValue();
    double low = adv.minNumber().doubleValue();
    double high = adv.maxNumber().doubleValue();
    // The model and your FGSM images of the first PROBES test images, as data: the grader
    // recomputes FGSM of those images on this model itself (they must agree pixel by pixel), then
    // attacks the model on 2,000 held-out images and needs the accuracy to drop by DROP.
    judge.recordAttack(
        "the provided model and your FGSM images, checked and measured by the grader",
        Fixtures.judged(net, 784, "relu", "softmax"),
        new JudgedModel.AttackTerms("fashion-mnist-test", 2_000, Fixtures.EPS, DROP, 0.99),
        Fixtures.testIndices(PROBES),
        values(adv.get(NDArrayIndex.interval(0, PROBES), NDArrayIndex.all()), "attack's result"));
    assertTrue(
        farthest <= Fixtures.EPS + 1e-6 && low >= 0 && high <= 1,
        "x_adv must lie within eps = 0.1 of x and in [0, 1], but max |x_adv - x| = "
            + farthest
            + ", values in ["
            + low
            + ", "
            + high
            + "]");
    assertTrue(
        clean - attacked >= DROP,
        String.format(
            "accuracy %.3f on clean and %.3f on FGSM images: a drop of %.3f, less than %.1f",
            clean, attacked, clean - attacked, DROP));
  }
}
