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
import org.dlcourse.grading.JudgedModel;
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
    // The trained G as data: the grader samples it itself (its own noise, 20,000 draws) and
    // measures W1 to the mixture; it must be at most FRACTION of the untrained G's distance (the
    // reference's run sets that bound; a submission's own terms are ignored).
    judge.recordModel(
        "the trained generator, sampled by the grader",
        Fixtures.judged(G, 4, "leakyrelu(0.2)", "leakyrelu(0.2)", "identity"),
        new JudgedModel.GeneratorTerms(2.0, 0.5, 20_000, FRACTION * before));
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

  /**
   * The robust-accuracy gain adversarial training must bring; rubric.md has the measurements. The
   * grader checks it on held-out images: the robust model's accuracy under the grader's own FGSM
   * must reach the plain model's (measured here, in the reference's run) plus GAIN.
   */
  static final double GAIN = 0.15;

  /**
   * The clean accuracy adversarial training may cost, with the shift from the training images the
   * test measures the plain model on to the held-out test images the grader measures on: the
   * reference's cost over seeds 1-3 was 0.010-0.076 (rubric.md); with seed 1 the plain model has
   * 0.77 here and the adversarially trained one 0.7085 on the grader's images. A model that is
   * robust only because it is weak fails (a linear nearest-mean classifier keeps about 0.40 under
   * the grader's attack, but has 0.665 clean).
   */
  static final double CLEAN_COST = 0.08;

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
    double plainClean = Fixtures.accuracy(plain, x, y);
    // The adversarially trained model as data: the grader attacks it with its own FGSM on 2,000
    // held-out test images (never in a test JVM) and needs the plain model's FGSM accuracy plus
    // GAIN, and the plain model's clean accuracy less CLEAN_COST (the reference's run sets these
    // bounds; a submission's own terms are ignored).
    judge.recordModel(
        "the adversarially trained classifier, attacked by the grader",
        Fixtures.judged(robust, 784, "relu", "softmax"),
        new JudgedModel.RobustTerms(
            "fashion-mnist-test", 2_000, Fixtures.EPS, before + GAIN, plainClean - CLEAN_COST));
    assertTrue(
        after - before >= GAIN,
        String.format(
            "FGSM accuracy %.3f after standard and %.3f after adversarial training",
            before, after));
  }
}
