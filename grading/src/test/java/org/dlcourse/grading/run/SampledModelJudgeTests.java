package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Visibility;
import org.dlcourse.grading.problemset.TestCase;
import org.junit.jupiter.api.Test;

/**
 * ps5's thresholded outcomes judged in the grader's process: a recorded generator is sampled by the
 * grader (its own noise, W1 to the target), a recorded classifier is attacked by the grader's own
 * FGSM on held-out images. A forged record earns nothing; what a test JVM reports about its own
 * ratio or gain is never read.
 */
class SampledModelJudgeTests {
  static final String ID = "org.dlcourse.ps.x.HiddenTests#ganLearns()";
  static final TestCase TEST =
      new TestCase(ID, "q1", "a GAN learns", 3, Visibility.HIDDEN, true, 0, "");
  static final String LRELU = "leakyrelu(0.2)";
  // The reference's bound in ps5: half the untrained generator's W1 (1.668 / 2).
  static final JudgedModel.GeneratorTerms GAN =
      new JudgedModel.GeneratorTerms(2, 0.5, 20_000, 0.834);

  // ------------------------------------------------------------------------------ generators

  /**
   * A 4-16-16-1 leaky-ReLU generator built by hand that samples 1/2 N(-2, .25) + 1/2 N(2, .25):
   * layer 1 makes a step of z1 ({@code lrelu(k z1 + 1) - lrelu(k z1 - 1)} is 2 above 1/k and 0.4
   * below -1/k) and passes z2 ({@code lrelu(a) - lrelu(-a) = 1.2 a}); layer 2 passes h = 2 sign(z1)
   * + 0.5 z2 the same way; the output undoes the factor 1.2. (It shows what the judge proves: the
   * samples are right, whoever made the weights.)
   */
  static JudgedModel mixtureByHand() {
    double k = 1_000;
    double[] w1 = new double[4 * 16];
    double[] b1 = new double[16];
    w1[0 * 16 + 0] = k; // u0 = lrelu(k z1 + 1)
    b1[0] = 1;
    w1[0 * 16 + 1] = k; // u1 = lrelu(k z1 - 1)
    b1[1] = -1;
    w1[1 * 16 + 2] = 1; // u2 = lrelu(z2)
    w1[1 * 16 + 3] = -1; // u3 = lrelu(-z2)
    // h = 2 s + 0.5 z2 with s = (f - 1.2) / 0.8, f = u0 - u1, z2 = (u2 - u3) / 1.2:
    // h = 2.5 (u0 - u1) - 3 + (u2 - u3) / 2.4; layer 2 keeps lrelu(h) and lrelu(-h).
    double[] c = {2.5, -2.5, 1 / 2.4, -1 / 2.4};
    double[] w2 = new double[16 * 16];
    double[] b2 = new double[16];
    for (int i = 0; i < 4; i++) {
      w2[i * 16 + 0] = c[i];
      w2[i * 16 + 1] = -c[i];
    }
    b2[0] = -3;
    b2[1] = 3;
    double[] w3 = new double[16];
    w3[0] = 1 / 1.2;
    w3[1] = -1 / 1.2;
    return JudgedModel.flat(4)
        .dense(16, LRELU, w1, b1)
        .dense(16, LRELU, w2, b2)
        .dense(1, "identity", w3, new double[1]);
  }

  static JudgedModel zeroGenerator() {
    return JudgedModel.flat(4)
        .dense(16, LRELU, new double[64], new double[16])
        .dense(16, LRELU, new double[256], new double[16])
        .dense(1, "identity", new double[16], new double[1]);
  }

  static String generator(JudgedModel m, JudgedModel.GeneratorTerms t) {
    return "m" + t.encode() + "|" + m.encode();
  }

  @Test
  void aGeneratorIsSampledByTheGraderAndMeasuredAgainstTheTarget() {
    String answer = generator(mixtureByHand(), GAN);
    ModelJudge.Verdict pass = ModelJudge.judge(answer, answer);
    assertTrue(pass.passed(), pass.detail());
    assertTrue(
        pass.detail().matches("W1 0\\.0\\d+ between 20000 samples .*<= 0\\.8340"), pass.detail());
    // Made-up weights (all zero: every sample is 0, W1 about 2) fail, whatever terms they claim.
    JudgedModel.GeneratorTerms easy = new JudgedModel.GeneratorTerms(2, 0.5, 100, 1_000);
    ModelJudge.Verdict zero = ModelJudge.judge(answer, generator(zeroGenerator(), easy));
    assertFalse(zero.passed());
    assertTrue(
        zero.detail().matches("W1 1\\.9\\d+ .* is above the target 0\\.8340"), zero.detail());
  }

  @Test
  void aForgedGanRecordScoresZeroForItsTest() {
    String answer = ModelJudge.answerOf(generator(mixtureByHand(), GAN));
    // The answer keeps the terms and the architecture, never the reference's weights.
    assertTrue(
        answer.endsWith("|dense:16:leakyrelu(0.2),dense:16:leakyrelu(0.2),dense:1:identity|"),
        answer);
    Answers answers = new Answers(Map.of(ID, records("G", answer)), List.of());
    // What the test used to record, max(ratio, 0.5): now refused as model data.
    Outcome old = answers.judge(TEST, new Outcome(true, -1, "", "", records("G", "0.5")));
    assertFalse(old.passed());
    assertEquals(0, old.checksPassed());
    assertTrue(old.message().contains("model data refused"), old.message());
    // A tiny made-up generator (4 -> 1) is not the test's architecture.
    JudgedModel tiny =
        JudgedModel.flat(4).dense(1, "identity", new double[] {2, 0, 0, 0}, new double[1]);
    Outcome small =
        answers.judge(TEST, new Outcome(true, -1, "", "", records("G", generator(tiny, GAN))));
    assertFalse(small.passed());
    assertTrue(small.message().contains("is not this test's flat:4"), small.message());
    // Made-up weights of the right shape, reported as PASS: 0.
    Outcome zeros =
        answers.judge(
            TEST, new Outcome(true, -1, "", "", records("G", generator(zeroGenerator(), GAN))));
    assertFalse(zeros.passed());
    assertEquals(0, zeros.checksPassed());
    assertTrue(zeros.message().contains("is above the target"), zeros.message());
    // A generator that runs off to infinity is infinitely far.
    double[] huge = new double[16];
    java.util.Arrays.fill(huge, 3e38);
    JudgedModel off =
        JudgedModel.flat(4)
            .dense(16, LRELU, filled(64, 3e38), filled(16, 3e38))
            .dense(16, LRELU, filled(256, 3e38), new double[16])
            .dense(1, "identity", huge, new double[1]);
    Outcome inf =
        answers.judge(TEST, new Outcome(true, -1, "", "", records("G", generator(off, GAN))));
    assertFalse(inf.passed());
    assertTrue(inf.message().contains("is above the target"), inf.message());
    // The honest record passes.
    assertTrue(
        answers
            .judge(
                TEST, new Outcome(true, -1, "", "", records("G", generator(mixtureByHand(), GAN))))
            .passed());
  }

  @Test
  void aGeneratorAnswerNeedsNoHeldOutSet() {
    Map<String, Outcome> ref =
        Map.of(ID, new Outcome(true, -1, "", "", records("G", generator(mixtureByHand(), GAN))));
    Answers a = Answers.fromReference(ref, Set.of());
    assertEquals(List.of(), a.referenceFailures());
    // A reference whose own generator misses its bound cannot serve as the answer.
    Map<String, Outcome> bad =
        Map.of(ID, new Outcome(true, -1, "", "", records("G", generator(zeroGenerator(), GAN))));
    assertTrue(
        Answers.fromReference(bad, Set.of())
            .referenceFailures()
            .get(0)
            .contains("the reference's own model fails"));
  }

  // ------------------------------------------------------------------------- input gradient

  @Test
  void theInputGradientIsAPositiveMultipleOfTheCrossEntropysGradient() throws Exception {
    Random r = new Random(3);
    for (String act : List.of("relu", "tanh", "sigmoid", LRELU, "identity")) {
      Network net = Network.build("flat:6", List.of("dense:5:" + act, "dense:4:softmax"));
      float[] p = new float[(int) net.parameterCount()];
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) r.nextGaussian();
      }
      net.load(p);
      double[] x = new double[6];
      for (int i = 0; i < 6; i++) {
        x[i] = r.nextDouble();
      }
      int label = 2;
      double[] g = net.inputGradient(x, label);
      double[] want = new double[6]; // central differences of -log softmax(z)[label]
      for (int i = 0; i < 6; i++) {
        double old = x[i];
        x[i] = old + 1e-6;
        double plus = crossEntropy(net.scores(x), label);
        x[i] = old - 1e-6;
        double minus = crossEntropy(net.scores(x), label);
        x[i] = old;
        want[i] = (plus - minus) / 2e-6;
      }
      double scale = dot(g, want) / dot(g, g);
      assertTrue(scale > 0, act + ": the gradient points the wrong way");
      for (int i = 0; i < 6; i++) {
        assertEquals(
            want[i], scale * g[i], 1e-6 * (1 + Math.abs(want[i])), act + " at x[" + i + "]");
      }
    }
  }

  @Test
  void hugeLogitsDoNotHideTheGradient() throws Exception {
    // h = relu(x), z = 1000 h: for x = (0.9, 0.05, 0) the logits (900, 50, 0) make softmax exactly
    // one-hot in double (e^-850 underflows), so p - y is exactly 0 and a naive FGSM would not move
    // (such a model would look robust). The judge's gradient keeps the direction of
    // d(z_1 - z_0)/dx: down along x_0, up along x_1 (x_2's ReLU is inactive: 0).
    Network net = Network.build("flat:3", List.of("dense:3:relu", "dense:3:softmax"));
    float[] p = new float[24];
    for (int i = 0; i < 3; i++) {
      p[i * 3 + i] = 1; // W1 = I, b1 = 0
      p[12 + i * 3 + i] = 1000; // W2 = 1000 I, b2 = 0
    }
    net.load(p);
    double[] x = {0.9, 0.05, 0};
    assertEquals(0, net.predict(x));
    double[] g = net.inputGradient(x, 0);
    assertTrue(g[0] < 0 && g[1] > 0 && g[2] == 0, java.util.Arrays.toString(g));
  }

  private static double crossEntropy(double[] z, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - max);
    }
    return -(z[label] - max - Math.log(s));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  // ------------------------------------------------------------- the grader's FGSM on held-out

  @Test
  void aClassifierIsAttackedByTheGradersFgsmOnHeldOutImages() {
    assumeTrue(
        TestRuntime.fashionMnistDir() != null,
        "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    JudgedModel centroids = centroids(1);
    JudgedModel.RobustTerms terms =
        new JudgedModel.RobustTerms("fashion-mnist-test", 2_000, 0.1, 0.2, 0.7);
    String answer = "m" + terms.encode() + "|" + centroids.encode();
    ModelJudge.Verdict v = ModelJudge.judge(answer, answer);
    System.out.println("nearest means under the grader's FGSM: " + v.detail());
    // A linear nearest-mean classifier (no training at all) keeps some accuracy under the attack
    // (it is robust because it is weak), but misses the clean-accuracy bound: 0.
    assertFalse(v.passed(), v.detail());
    assertTrue(
        v.detail()
            .matches(
                "accuracy 0\\.\\d+ on the grader's FGSM .*, clean accuracy 0\\.6\\d+ is below the target 0\\.7000"),
        v.detail());
    // Its FGSM accuracy is measured, not assumed: below its clean accuracy.
    double robust = Double.parseDouble(v.detail().substring(9, 15));
    assertTrue(robust < 0.6, v.detail());
    // The same classifier with its logits scaled by 1,000 (softmax exactly one-hot on most
    // images): still attacked, never credited with its clean accuracy.
    ModelJudge.Verdict s =
        ModelJudge.judge(answer, "m" + terms.encode() + "|" + centroids(1_000).encode());
    System.out.println("logits x1000 under the grader's FGSM: " + s.detail());
    assertFalse(s.passed(), s.detail());
    assertTrue(Double.parseDouble(s.detail().substring(9, 15)) < 0.6, s.detail());
    // Made-up weights (all zero: always class 0) and the wrong architecture: 0.
    JudgedModel zeros =
        JudgedModel.flat(784).dense(10, "softmax", new double[7840], new double[10]);
    ModelJudge.Verdict z = ModelJudge.judge(answer, "m" + terms.encode() + "|" + zeros.encode());
    assertFalse(z.passed());
    assertTrue(z.detail().contains("is below the target"), z.detail());
    JudgedModel wide =
        JudgedModel.flat(784)
            .dense(2, "relu", new double[1568], new double[2])
            .dense(10, "softmax", new double[20], new double[10]);
    ModelJudge.Verdict w = ModelJudge.judge(answer, "m" + terms.encode() + "|" + wide.encode());
    assertTrue(w.detail().contains("is not this test's flat:784 dense:10:softmax"), w.detail());
    // Lower bounds are met (the measurement, not a constant, decides).
    JudgedModel.RobustTerms low =
        new JudgedModel.RobustTerms("fashion-mnist-test", 2_000, 0.1, 0.2, 0.6);
    String lowAnswer = "m" + low.encode() + "|" + centroids.encode();
    assertTrue(ModelJudge.judge(lowAnswer, lowAnswer).passed());
  }

  @Test
  void aRobustnessAnswerMustBeJudgedOnWithheldData() {
    assumeTrue(
        TestRuntime.fashionMnistDir() != null,
        "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    JudgedModel.RobustTerms terms =
        new JudgedModel.RobustTerms("fashion-mnist-test", 200, 0.1, 0.0, 0.0);
    String value = "m" + terms.encode() + "|" + centroids(1).encode();
    Map<String, Outcome> ref = Map.of(ID, new Outcome(true, -1, "", "", records("R", value)));
    assertTrue(
        Answers.fromReference(ref, Set.of())
            .referenceFailures()
            .get(0)
            .contains("add heldOut=fashion-mnist-test"));
    Answers kept = Answers.fromReference(ref, Set.of("fashion-mnist-test"));
    assertEquals(List.of(), kept.referenceFailures());
    assertEquals(
        "m" + terms.encode() + "|flat:784|dense:10:softmax|",
        JudgedValues.decode(kept.byTest().get(ID)).get(0).value());
  }

  @Test
  void aStudentsAttackIsCheckedAgainstTheGradersFgsmAndMeasuredOnHeldOutImages() throws Exception {
    assumeTrue(
        TestRuntime.fashionMnistDir() != null,
        "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    JudgedModel centroids = centroids(1);
    int[] idx = {3, 141, 5926, 59_999};
    String[] names = {"3", "141", "5926", "59999"};
    HeldOut.Images train = HeldOut.fashionMnistTrain(names);
    Network net =
        ModelJudge.parse(
            new ModelJudge.Answer("fashion-mnist-test", 1, 0, 60_000, false, false, "flat:784"),
            Judge.value(centroids, ModelJudgeTests.TERMS));
    // The honest attack: FGSM of each probe image with eps 0.1 (here the grader's own code).
    double[] honest = new double[4 * 784];
    double[] clean = new double[4 * 784];
    double[] wrongSign = new double[4 * 784];
    for (int i = 0; i < 4; i++) {
      double[] x = new double[784];
      for (int p = 0; p < 784; p++) {
        x[p] = train.features()[i][p];
        clean[i * 784 + p] = x[p];
      }
      double[] adv = RobustJudge.attack(net, x, train.labels()[i], 0.1);
      double[] toward = RobustJudge.attack(net, x, train.labels()[i], -0.1);
      System.arraycopy(adv, 0, honest, i * 784, 784);
      System.arraycopy(toward, 0, wrongSign, i * 784, 784);
    }
    JudgedModel.AttackTerms hard =
        new JudgedModel.AttackTerms("fashion-mnist-test", 2_000, 0.1, 0.5, 0.99);
    JudgedModel.AttackTerms easy =
        new JudgedModel.AttackTerms("fashion-mnist-test", 2_000, 0.1, 0.2, 0.99);
    String answer = ModelJudge.answerOf(attack(centroids, easy, idx, honest));
    assertTrue(answer.endsWith("|flat:784|dense:10:softmax|"), answer);
    ModelJudge.Verdict pass = ModelJudge.judge(answer, attack(centroids, hard, idx, honest));
    System.out.println("an honest attack on nearest means: " + pass.detail());
    assertTrue(pass.passed(), pass.detail());
    assertTrue(
        pass.detail().contains("agree with the grader's at 3136 of 3136 pixels"), pass.detail());
    // The drop is measured, and the reference's terms decide (0.665 to about 0.40 is not 0.5).
    ModelJudge.Verdict small =
        ModelJudge.judge(
            ModelJudge.answerOf(attack(centroids, hard, idx, honest)),
            attack(centroids, easy, idx, honest));
    assertFalse(small.passed());
    assertTrue(small.detail().contains("is below the target 0.5000"), small.detail());
    // Images not attacked at all, or attacked with the wrong sign: refused, 0 for the test.
    for (double[] forged : List.of(clean, wrongSign)) {
      ModelJudge.Verdict v = ModelJudge.judge(answer, attack(centroids, easy, idx, forged));
      assertFalse(v.passed());
      assertTrue(
          v.detail()
              .startsWith(
                  "model data refused: the recorded FGSM images agree with the grader's FGSM of the recorded model at only"),
          v.detail());
    }
    // A probe past the training set, or no probe at all: refused.
    ModelJudge.Verdict past =
        ModelJudge.judge(answer, attack(centroids, easy, new int[] {60_000, 1, 2, 3}, honest));
    assertTrue(
        past.detail().contains("image index 60000 is past the 60000 training images"),
        past.detail());
    String noProbe = "m" + easy.encode() + "|" + centroids.encode();
    assertTrue(ModelJudge.judge(answer, noProbe).detail().startsWith("model data refused"));
  }

  private static String attack(
      JudgedModel m, JudgedModel.AttackTerms t, int[] idx, double[] images) {
    StringBuilder s = new StringBuilder();
    for (int i : idx) {
      s.append(s.length() == 0 ? "" : ",").append(i);
    }
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(images.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (double v : images) {
      buf.putFloat((float) v);
    }
    return "m"
        + t.encode()
        + "|"
        + m.encode()
        + "|"
        + s
        + ";"
        + java.util.Base64.getEncoder().encodeToString(buf.array());
  }

  /**
   * A nearest-class-mean classifier from 6,000 training images (about 0.68 on the test images), its
   * logits scaled by {@code scale}: {@code argmax_c x.m_c - |m_c|^2 / 2} is the nearest mean.
   */
  static JudgedModel centroids(double scale) {
    try {
      java.nio.file.Path dir = TestRuntime.fashionMnistDir();
      byte[] pixels = HeldOut.read(dir, "train-images-idx3-ubyte");
      byte[] labels = HeldOut.read(dir, "train-labels-idx1-ubyte");
      double[][] mean = new double[10][784];
      int[] n = new int[10];
      for (int i = 0; i < 6_000; i++) {
        int c = labels[8 + i];
        n[c]++;
        for (int q = 0; q < 784; q++) {
          mean[c][q] += (pixels[16 + i * 784 + q] & 0xFF) / 255.0;
        }
      }
      double[] W = new double[7840];
      double[] b = new double[10];
      for (int c = 0; c < 10; c++) {
        for (int q = 0; q < 784; q++) {
          mean[c][q] /= n[c];
          W[q * 10 + c] = scale * mean[c][q];
          b[c] -= scale * mean[c][q] * mean[c][q] / 2;
        }
      }
      return JudgedModel.flat(784).dense(10, "softmax", W, b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String records(String what, String value) {
    return JudgedValues.encode(List.of(new JudgedValues.Value(what, 0, value)));
  }
}
