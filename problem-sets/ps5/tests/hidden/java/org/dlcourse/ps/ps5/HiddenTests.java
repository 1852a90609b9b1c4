package org.dlcourse.ps.ps5;

import static org.dlcourse.ps.ps5.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Splits;
import org.dlcourse.generative.Wasserstein;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hidden tests: other batch sizes, the GAN's training, FGSM's edge cases, robust accuracy. */
class HiddenTests {

  @Test
  @Points(
      question = "q1",
      value = 1,
      checks = 3,
      visibility = Visibility.HIDDEN,
      name = "generator step with a batch of one and other weights",
      hint = "does the generator step work for n = 1 and leave D unchanged?")
  void generatorStepBatchOfOne(Credit credit, Judge judge) {
    GanStepTests.generatorCase(credit, judge, 1, 31);
  }

  /** After training, G's distance to the data must be at most this fraction of G's before. */
  static final double FRACTION = 0.5;

  @Test
  @Points(
      question = "q1",
      value = 3,
      visibility = Visibility.HIDDEN,
      name = "your GAN loop brings G's samples to half its untrained Wasserstein distance or less",
      hint = "does GanTraining.train in the notebook move the distance below half its start?")
  void ganLearnsTheMixture(Judge judge) {
    MultiLayerNetwork G = Fixtures.generator(1, Fixtures.ganAdam());
    MultiLayerNetwork D = Fixtures.discriminator(101, Fixtures.ganAdam());
    double before = distance(G);
    GanTraining.train(G, D, 1_500, new SplittableRandom(1));
    double after = distance(G);
    double ratio = after / before;
    // The judge's answer is FRACTION itself: the reference clears it, so a loop passes exactly
    // when max(ratio, FRACTION) equals FRACTION.
    judge.record("distance ratio, floored at the target", Math.max(ratio, FRACTION), 1e-9);
    assertTrue(
        ratio <= FRACTION,
        String.format("W1 %.3f before and %.3f after training: ratio %.3f", before, after, ratio));
  }

  /**
   * The grader's own W1 between 2,000 samples of G and of the mixture 1/2 N(-2, .25) + N(2, .25).
   */
  static double distance(MultiLayerNetwork G) {
    SplittableRandom random = new SplittableRandom(7);
    int n = 2_000;
    double[] z = new double[n * 4];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextGaussian();
    }
    double[] fake =
        G.output(Nd4j.createFromArray(z).reshape(n, 4), false).reshape(n).toDoubleVector();
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = (random.nextBoolean() ? 2.0 : -2.0) + 0.5 * random.nextGaussian();
    }
    return Wasserstein.oneD(fake, data);
  }

  /** The reference FGSM (never released). */
  static INDArray fgsm(MultiLayerNetwork net, INDArray x, INDArray y, double eps) {
    INDArray g = net.calculateGradients(x, y, null, null).getSecond();
    INDArray moved = x.add(Transforms.sign(g, true).muli(eps));
    return Transforms.max(Transforms.min(moved, 1.0, false), 0.0, false);
  }

  @Test
  @Points(
      question = "q2",
      value = 1,
      checks = 2,
      visibility = Visibility.HIDDEN,
      name = "FGSM of real images with eps 0.03 and 0.25 equals the reference exactly",
      hint = "does attack work for any eps, and for pixels already at 0 or 1?")
  void fgsmOtherEps(Credit credit, Judge judge) {
    Splits data = Fixtures.data();
    INDArray x =
        data.test()
            .features()
            .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20))
            .castTo(DataType.DOUBLE);
    INDArray y =
        data.test()
            .labels()
            .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20))
            .castTo(DataType.DOUBLE);
    MultiLayerNetwork net = Fixtures.classifier(13, DataType.DOUBLE);
    for (double eps : new double[] {0.03, 0.25}) {
      INDArray got = Fgsm.attack(net, x.dup(), y.dup(), eps);
      INDArray want = fgsm(net, x, y, eps);
      judge.record("FGSM with eps " + eps, values(got, "attack's result"), 1e-9);
      credit.check(
          () ->
              assertEquals(
                  0, got.sub(want).amaxNumber().doubleValue(), 1e-9, "differs from the reference"),
          "eps " + eps);
    }
  }

  /** The robust-accuracy gain adversarial training must bring; rubric.md has the measurements. */
  static final double GAIN = 0.15;

  @Test
  @Points(
      question = "q3",
      value = 4,
      visibility = Visibility.HIDDEN,
      name =
          "adversarial training raises FGSM accuracy (eps 0.1) on held-out images by 0.15 or more",
      hint = "does the notebook's comparison show robust accuracy rising by at least 0.15?")
  void robustAccuracyRises(Judge judge) {
    Splits data = Fixtures.data();
    MultiLayerNetwork plain = Fixtures.train(data, MultiLayerNetwork::fit);
    MultiLayerNetwork robust =
        Fixtures.train(data, (net, x, y) -> AdversarialTraining.step(net, x, y, Fixtures.EPS));
    INDArray x = data.test().features();
    INDArray y = data.test().labels();
    double before = Fixtures.accuracy(plain, fgsm(plain, x, y, Fixtures.EPS), y);
    double after = Fixtures.accuracy(robust, fgsm(robust, x, y, Fixtures.EPS), y);
    judge.record(
        "robust accuracy gain, capped at the target", Math.min(after - before, GAIN), 1e-9);
    assertTrue(
        after - before >= GAIN,
        String.format(
            "FGSM accuracy %.3f after standard and %.3f after adversarial training",
            before, after));
  }
}
