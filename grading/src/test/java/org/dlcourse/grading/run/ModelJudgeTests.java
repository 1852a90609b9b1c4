package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Visibility;
import org.dlcourse.grading.problemset.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge of models handed over as data (issue 15, design-your-own tests): a model is measured by
 * the grader on held-out data, so a forged score earns nothing, and malformed data is refused with
 * a reason instead of crashing the grader.
 */
class ModelJudgeTests {
  static final String ID = "org.dlcourse.ps.x.HiddenTests#modelLearns()";
  static final TestCase TEST =
      new TestCase(ID, "q1", "a model learns", 3, Visibility.HIDDEN, true, 0, "");
  static final JudgedModel.Terms TERMS =
      new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.6, 60_000);

  /** A nearest-class-mean classifier from 6,000 training images (Fashion-MNIST: about 0.68). */
  static JudgedModel centroids;

  @BeforeAll
  static void nearestMeans() throws java.io.IOException {
    Path dir = TestRuntime.fashionMnistDir();
    if (dir == null) {
      return; // the tests that measure a model are skipped with that reason
    }
    byte[] pixels = HeldOut.read(dir, "train-images-idx3-ubyte"); // 16-byte header, then pixels
    byte[] labels = HeldOut.read(dir, "train-labels-idx1-ubyte"); // 8-byte header, then labels
    double[][] mean = new double[10][784];
    int[] n = new int[10];
    for (int i = 0; i < 6_000; i++) {
      int c = labels[8 + i];
      n[c]++;
      for (int p = 0; p < 784; p++) {
        mean[c][p] += (pixels[16 + i * 784 + p] & 0xFF) / 255.0;
      }
    }
    // argmax_c x.m_c - |m_c|^2 / 2 is the nearest mean: W[p, c] = m_c[p], b[c] = -|m_c|^2 / 2.
    double[] W = new double[784 * 10];
    double[] b = new double[10];
    for (int c = 0; c < 10; c++) {
      for (int p = 0; p < 784; p++) {
        mean[c][p] /= n[c];
        W[p * 10 + c] = mean[c][p];
        b[c] -= mean[c][p] * mean[c][p] / 2;
      }
    }
    centroids = JudgedModel.flat(784).dense(10, "softmax", W, b);
  }

  private static String answer(JudgedModel.Terms terms) {
    assumeTrue(centroids != null, "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    return Judge.value(centroids, terms);
  }

  @Test
  void aModelIsMeasuredByTheGraderOnHeldOutData() {
    ModelJudge.Verdict pass = ModelJudge.judge(answer(TERMS), Judge.value(centroids, TERMS));
    assertTrue(pass.passed(), pass.detail());
    assertTrue(
        pass.detail().matches("accuracy 0\\.6\\d+ \\(\\d+ of 2000 held-out .*"), pass.detail());
    // The reference's terms decide; a submission that claims an easier target is not believed.
    JudgedModel.Terms hard = new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.95, 60_000);
    JudgedModel.Terms easy = new JudgedModel.Terms("fashion-mnist-test", 10, 0.0, 60_000);
    ModelJudge.Verdict fail = ModelJudge.judge(answer(hard), Judge.value(centroids, easy));
    assertFalse(fail.passed());
    assertTrue(fail.detail().contains("is below the target 0.9500"), fail.detail());
  }

  @Test
  void theOldThresholdedValueOrAFabricatedModelEarnsNothing() {
    Answers answers =
        new Answers(Map.of(ID, records("held-out accuracy", answer(TERMS))), List.of());
    // What the test used to record, min(accuracy, target), now a guessable forgery: 0 points.
    Outcome forged = new Outcome(true, -1, "", "", records("held-out accuracy", "0.6"));
    Outcome judged = answers.judge(TEST, forged);
    assertFalse(judged.passed());
    assertEquals(0, judged.checksPassed());
    assertTrue(judged.message().contains("model data refused"), judged.message());
    // A well-formed model with made-up weights (all zero: always class 0) fails on held-out data.
    JudgedModel zeros =
        JudgedModel.flat(784).dense(10, "softmax", new double[7840], new double[10]);
    Outcome fake =
        new Outcome(true, -1, "", "", records("held-out accuracy", Judge.value(zeros, TERMS)));
    Outcome j2 = answers.judge(TEST, fake);
    assertFalse(j2.passed());
    assertTrue(j2.message().contains("is below the target"), j2.message());
    // The honest model passes.
    Outcome honest = new Outcome(true, -1, "", "", records("held-out accuracy", answer(TERMS)));
    assertTrue(answers.judge(TEST, honest).passed());
  }

  /** ps3's terms: a CNN must reach the accuracy, so the judge requires a conv layer. */
  static final JudgedModel.Terms CONV_TERMS =
      new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.6, 60_000, true);

  /** The nearest-mean classifier behind a 1x1 convolution that copies the image (weight 1). */
  private static JudgedModel convolutionalCentroids() {
    assumeTrue(centroids != null, "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    String[] f = Judge.value(centroids, TERMS).split("\\|", -1);
    java.nio.ByteBuffer p =
        java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(f[3]))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    double[] W = new double[7840];
    double[] b = new double[10];
    for (int i = 0; i < W.length; i++) {
      W[i] = p.getFloat();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = p.getFloat();
    }
    return JudgedModel.image(1, 28, 28)
        .conv(1, 1, 1, "identity", new double[] {1}, new double[] {0})
        .dense(10, "softmax", W, b);
  }

  @Test
  void aTestThatAsksForAConvolutionCountsOnlyAModelWithAConvLayer() {
    String answer = Judge.value(convolutionalCentroids(), CONV_TERMS);
    // The reference's answer keeps the requirement (and no weights).
    String kept = ModelJudge.answerOf(answer);
    assertEquals("m" + CONV_TERMS.encode() + "|image:1:28:28|", kept);
    assertTrue(kept.startsWith("mfashion-mnist-test;2000;0.6;60000;conv|"), kept);
    // A model with a conv layer and enough held-out accuracy passes.
    ModelJudge.Verdict pass =
        ModelJudge.judge(kept, Judge.value(convolutionalCentroids(), CONV_TERMS));
    assertTrue(pass.passed(), pass.detail());
    assertTrue(pass.detail().startsWith("accuracy 0.6"), pass.detail());
    // The same classifier without the conv layer, however accurate, fails: the grader reads the
    // layers itself, and the submission's own terms (no requirement) are ignored.
    JudgedModel dense =
        JudgedModel.image(1, 28, 28).dense(10, "softmax", new double[7840], new double[10]);
    String noConv = Judge.value(dense, TERMS);
    ModelJudge.Verdict fail = ModelJudge.judge(kept, noConv);
    assertFalse(fail.passed());
    assertTrue(
        fail.detail().contains("has no convolution layer (its layers: dense)"), fail.detail());
  }

  @Test
  void aForgedYesForTheConvolutionLayerEarnsNothing() {
    String conv = Judge.value(convolutionalCentroids(), CONV_TERMS);
    // What ps3's test recorded before: a yes/no beside the model; a forger reports "yes", a pass
    // and a dense model (softmax regression reaches the accuracy too).
    String answerRecords =
        JudgedValues.encode(
            List.of(new JudgedValues.Value("your trained CNN", 0, ModelJudge.answerOf(conv))));
    Answers answers = new Answers(Map.of(ID, answerRecords), List.of());
    String forged =
        JudgedValues.encode(
            List.of(
                new JudgedValues.Value(
                    "your trained CNN",
                    0,
                    Judge.value(
                        JudgedModel.image(1, 28, 28)
                            .dense(10, "softmax", new double[7840], new double[10]),
                        CONV_TERMS))));
    Outcome judged = answers.judge(TEST, new Outcome(true, -1, "", "", forged));
    assertFalse(judged.passed());
    assertEquals(0, judged.checksPassed());
    assertTrue(judged.message().contains("no convolution layer"), judged.message());
    Outcome honest =
        answers.judge(
            TEST,
            new Outcome(
                true,
                -1,
                "",
                "",
                JudgedValues.encode(List.of(new JudgedValues.Value("your trained CNN", 0, conv)))));
    assertTrue(honest.passed(), honest.message());
  }

  @Test
  void malformedModelDataIsRefusedWithAReason() {
    // Refused while parsing, before any held-out data is read: no data set needed.
    double[] w = new double[7840];
    Arrays.fill(w, 0.01);
    String good = Judge.value(JudgedModel.flat(784).dense(10, "softmax", w, new double[10]), TERMS);
    String[] f = good.split("\\|", -1);
    String head = f[0] + "|" + f[1] + "|";
    float[] nan = new float[7850];
    nan[17] = Float.NaN;
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(head + "dense:10:softmax|" + f[3].substring(0, 400), "the architecture needs 7850");
    cases.put(head + "dense:10:softmax|" + floats(nan), "parameter 17 is NaN");
    cases.put(head + "dense:99999:relu,dense:10:softmax|", "past 120000 parameters");
    cases.put(
        head + "dense:100:relu,dense:10:softmax|" + floats(new float[79_510]), "at most 60000");
    cases.put(
        head + "{\"@class\":\"org.deeplearning4j.nn.conf.layers.DenseLayer\"}|" + f[3],
        "not an allowed layer");
    cases.put(head + "org.evil.Payload|" + f[3], "not an allowed layer");
    cases.put(f[0] + "|image:1:28:28|dense:10:softmax|" + f[3], "this test's model takes flat:784");
    cases.put(head + "conv:4:3:1:relu,dense:10:softmax|" + f[3], "needs an image input");
    cases.put(head + "dense:16:softmax,dense:10:softmax|" + f[3], "softmax is allowed on the last");
    cases.put(head + "dense:10:softmax|%%%not-base64", "not Base64");
    cases.put(head + "dense:10:softmax", "expected terms|input|layers|parameters");
    cases.put(good + "x".repeat(ModelJudge.MAX_CHARS), "characters; at most");
    cases.put(head + "dense:10:softmax,".repeat(20) + "|", "1 to 16 layers");
    cases.put(head + "dense:0:relu,dense:10:softmax|", "must be at least 1");
    assertAllRefused(good, cases);
  }

  @Test
  void aModelWithTheWrongNumberOfClassesIsRefused() {
    String good = answer(TERMS);
    String[] f = good.split("\\|", -1);
    String wide = f[0] + "|" + f[1] + "|dense:20:softmax|" + floats(new float[784 * 20 + 20]);
    ModelJudge.Verdict v = ModelJudge.judge(good, wide);
    assertFalse(v.passed());
    assertTrue(v.detail().contains("has 10 classes"), v.detail());
  }

  @Test
  void aConvolutionalModelIsRebuiltWithTheGradersForwardPass() {
    // 1x4x4 image, one 3x3 filter of ones, stride 1 -> 2x2, max-pool 2 -> 1 value v; dense 1 -> 10.
    Network net = assertParses("image:1:4:4", "conv:1:3:1:relu,maxpool:2:2,dense:10:softmax");
    float[] p = new float[9 + 1 + 10 + 10];
    Arrays.fill(p, 0, 9, 1f);
    p[9] = -4f; // the conv bias
    p[10 + 3] = 1f; // W[0, 3]: class 3's score is v
    p[20 + 5] = 0.5f; // b[5]: class 5 wins while v < 0.5
    net.load(p);
    float[] dark = new float[16];
    float[] bright = new float[16];
    Arrays.fill(bright, 1f); // every window sums to 9: relu(9 - 4) = 5 -> class 3
    assertEquals(5, net.predict(dark));
    assertEquals(3, net.predict(bright));
    assertEquals(30, net.parameterCount());
  }

  private static Network assertParses(String input, String layers) {
    try {
      return Network.build(input, List.of(layers.split(",")));
    } catch (ModelJudge.BadModel e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void theReferencesModelMustMeetItsTermsOnDataTheTestJvmsCannotRead() {
    Map<String, Outcome> ref = new LinkedHashMap<>();
    ref.put(ID, new Outcome(true, -1, "", "", records("acc", answer(TERMS))));
    Answers undeclared = Answers.fromReference(ref, Set.of());
    assertTrue(
        undeclared.referenceFailures().get(0).contains("add heldOut=fashion-mnist-test"),
        undeclared.referenceFailures().toString());

    Answers kept = Answers.fromReference(ref, Set.of("fashion-mnist-test"));
    assertEquals(List.of(), kept.referenceFailures());
    // The answer keeps the terms and the input, never the reference's weights.
    String stored = JudgedValues.decode(kept.byTest().get(ID)).get(0).value();
    assertEquals("m" + TERMS.encode() + "|flat:784|", stored);

    JudgedModel.Terms hard = new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.95, 60_000);
    ref.put(ID, new Outcome(true, -1, "", "", records("acc", answer(hard))));
    Answers failing = Answers.fromReference(ref, Set.of("fashion-mnist-test"));
    assertTrue(
        failing.referenceFailures().get(0).contains("the reference's own model fails"),
        failing.referenceFailures().toString());
  }

  private static String records(String what, String value) {
    return JudgedValues.encode(List.of(new JudgedValues.Value(what, 0, value)));
  }

  private static String floats(float[] p) {
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(p.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float v : p) {
      buf.putFloat(v);
    }
    return java.util.Base64.getEncoder().encodeToString(buf.array());
  }

  /**
   * Judges each record (key) against the answer {@code good}: each must fail as "model data
   * refused" with its reason (value) in the detail. Shared with {@code TextJudgeTests}.
   */
  static void assertAllRefused(String good, java.util.Map<String, String> cases) {
    for (var c : cases.entrySet()) {
      ModelJudge.Verdict v = ModelJudge.judge(good, c.getKey());
      assertFalse(v.passed(), c.getValue());
      assertTrue(v.detail().startsWith("model data refused: "), v.detail());
      assertTrue(v.detail().contains(c.getValue()), c.getValue() + " not in: " + v.detail());
    }
  }
}
