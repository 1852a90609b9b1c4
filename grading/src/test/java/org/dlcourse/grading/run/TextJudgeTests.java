package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.JudgedModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The judge of recorded character models (ps4's q3): the grader's own LSTM forward pass equals
 * DL4J's, the loss is measured on held-out text, and forged or malformed records get 0 with the
 * reason.
 */
class TextJudgeTests {
  static final JudgedModel.TextTerms TERMS =
      new JudgedModel.TextTerms("wamerican-words", 700, 25, 2.3, 20_000);

  /**
   * A DL4J network (LSTM layers, then a softmax RnnOutputLayer) in double precision with random
   * parameters rounded to float (what a record carries), so that DL4J and the judge compute with
   * the same numbers.
   */
  private static MultiLayerNetwork dl4j(int features, int[] units, Activation act, int classes) {
    var list = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).list();
    int in = features;
    for (int u : units) {
      list.layer(
          new LSTM.Builder()
              .nIn(in)
              .nOut(u)
              .activation(act)
              .gateActivationFunction(Activation.SIGMOID)
              .build());
      in = u;
    }
    MultiLayerConfiguration conf =
        list.layer(
                new RnnOutputLayer.Builder(LossFunction.MCXENT)
                    .nIn(in)
                    .nOut(classes)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    // Every block of every layer gets its own random values (std 0.7), so a swapped gate shows.
    INDArray p = Nd4j.randn(DataType.DOUBLE, 1, net.numParams()).muli(0.7);
    net.setParams(p.castTo(DataType.FLOAT).castTo(DataType.DOUBLE));
    return net;
  }

  /** The network as a record (what ps4's {@code JudgeModels} builds). */
  private static JudgedModel record(MultiLayerNetwork net, int features, String act) {
    JudgedModel m = JudgedModel.sequence(features);
    int n = net.getnLayers();
    for (int i = 0; i < n - 1; i++) {
      int units = (int) net.getParam(i + "_RW").size(0);
      m = m.lstm(units, act, values(net, i, "W"), values(net, i, "RW"), values(net, i, "b"));
    }
    int classes = (int) net.getParam((n - 1) + "_b").length();
    return m.dense(classes, "softmax", values(net, n - 1, "W"), values(net, n - 1, "b"));
  }

  private static double[] values(MultiLayerNetwork net, int layer, String name) {
    INDArray p = net.getParam(layer + "_" + name);
    return p.dup('c').reshape(p.length()).toDoubleVector();
  }

  private static String value(JudgedModel m, JudgedModel.TextTerms t) {
    return "m" + t.encode() + "|" + m.encode();
  }

  /** The judge's network parsed from a record, as a submission's would be. */
  private static LstmNetwork parsed(JudgedModel m, int features) throws ModelJudge.BadModel {
    String v = value(m, TERMS);
    return TextJudge.parse(TextJudge.Terms.parse(v), "seq:" + features, v);
  }

  /**
   * The largest difference between DL4J's probabilities {@code [n, classes, T]} and the judge's,
   * over random one-hot sequences.
   */
  private static double largestDifference(MultiLayerNetwork net, LstmNetwork judge, int features) {
    int n = 3;
    int steps = 9;
    Random r = new Random(11);
    int[][] chars = new int[n][steps];
    INDArray x = Nd4j.zeros(DataType.DOUBLE, n, features, steps);
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < steps; t++) {
        chars[s][t] = r.nextInt(features);
        x.putScalar(new long[] {s, chars[s][t], t}, 1);
      }
    }
    INDArray y = net.output(x);
    double worst = 0;
    for (int s = 0; s < n; s++) {
      double[][] logp = judge.logProbabilities(chars[s]);
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < logp[t].length; k++) {
          worst = Math.max(worst, Math.abs(Math.exp(logp[t][k]) - y.getDouble(s, k, t)));
        }
      }
    }
    return worst;
  }

  @Test
  void theJudgesLstmForwardPassEqualsDl4jsOutput() throws Exception {
    // DL4J's LSTM layout (W [nIn, 4H], RW [H, 4H], b [4H]) and gate order ([g, f, o, i]) are
    // checked here against DL4J itself, not assumed: one layer with tanh, and two stacked layers
    // with sigmoid activations, over 9 steps. Tolerance 1e-9 on probabilities: both compute in
    // double from the same float parameters; only the order of the sums differs.
    MultiLayerNetwork one = dl4j(6, new int[] {5}, Activation.TANH, 7);
    assertTrue(largestDifference(one, parsed(record(one, 6, "tanh"), 6), 6) < 1e-9);
    MultiLayerNetwork two = dl4j(4, new int[] {6, 3}, Activation.SIGMOID, 4);
    assertTrue(largestDifference(two, parsed(record(two, 4, "sigmoid"), 4), 4) < 1e-9);
    // A judge with the gates in another order would not match: swap f and i of layer 0's bias.
    JudgedModel m = record(one, 6, "tanh");
    LstmNetwork swapped = parsed(m, 6);
    float[] p = ModelJudge.decode(m.encode().split("\\|", -1)[2], swapped.parameterCount());
    int b = 6 * 20 + 5 * 20; // layer 0's b after W [6, 20] and RW [5, 20]
    for (int j = 0; j < 5; j++) {
      float f = p[b + 5 + j];
      p[b + 5 + j] = p[b + 15 + j];
      p[b + 15 + j] = f;
    }
    swapped.load(p);
    assertTrue(largestDifference(one, swapped, 6) > 1e-3);
  }

  /** An all-zero character model: uniform predictions, loss exactly ln 27 on any text. */
  private static JudgedModel uniform(int units) {
    return JudgedModel.sequence(27)
        .lstm(
            units,
            "tanh",
            new double[27 * 4 * units],
            new double[units * 4 * units],
            new double[4 * units])
        .dense(27, "softmax", new double[units * 27], new double[27]);
  }

  private static String answer() {
    assumeTrue(
        Files.isReadable(Path.of(HeldOutText.DICTIONARY)),
        "needs the word list " + HeldOutText.DICTIONARY + " (Debian package wamerican)");
    return TextJudge.answerOf(value(uniform(8), TERMS));
  }

  @Test
  void theLossIsMeasuredByTheGraderOnItsHeldOutText() throws Exception {
    String answer = answer();
    assertEquals("m" + TERMS.encode() + "|seq:27|", answer);
    String text = HeldOutText.get(HeldOutText.WAMERICAN_WORDS);
    String[] words = text.split(" ", -1);
    assertEquals(HeldOutText.WORDS, words.length);
    assertEquals(words.length, Set.of(words).size()); // distinct words
    for (String w : words) {
      assertTrue(w.matches("[a-z]{2,12}"), w);
    }
    // A uniform model costs ln 27 = 3.2958 nats per character: above 2.3, refused whatever the
    // submission claims as its own terms.
    JudgedModel.TextTerms easy = new JudgedModel.TextTerms("wamerican-words", 1, 25, 99, 20_000);
    ModelJudge.Verdict v = ModelJudge.judge(answer, value(uniform(8), easy));
    assertFalse(v.passed());
    assertTrue(v.detail().startsWith("loss 3.2958 nats per character (700 held-out"), v.detail());
    assertTrue(v.detail().endsWith("is above the target 2.3000"), v.detail());
    // Under a reference's target of 3.3 the same model passes: the grader's number decides.
    JudgedModel.TextTerms loose =
        new JudgedModel.TextTerms("wamerican-words", 700, 25, 3.3, 20_000);
    String looseAnswer = TextJudge.answerOf(value(uniform(8), loose));
    ModelJudge.Verdict pass = ModelJudge.judge(looseAnswer, value(uniform(8), TERMS));
    assertTrue(pass.passed(), pass.detail());
  }

  @Test
  void theOldForgedLossAndMalformedRecordsEarnNothingWithAReason() {
    // Refused while parsing, before the held-out text is read: no word list needed.
    String good = value(uniform(8), TERMS);
    String[] f = good.split("\\|", -1);
    String head = f[0] + "|" + f[1] + "|";
    float[] nan = new float[1395]; // 4 * 8 * (27 + 8 + 1) + 8 * 27 + 27
    nan[40] = Float.NaN;
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("2.3", "expected terms|input|layers|parameters, got 1");
    cases.put(head + f[2] + "|" + f[3].substring(0, 100), "the architecture needs 1395");
    cases.put(head + f[2] + "|" + floats(nan), "parameter 40 is NaN");
    cases.put(head + "lstm:99999:tanh,dense:27:softmax|", "units must be in 1..1024");
    cases.put(head + "lstm:1000:tanh,dense:27:softmax|", "more than 120000 parameters");
    cases.put(head + "lstm:64:tanh,dense:27:softmax|", "25307 parameters; at most 20000");
    cases.put(head + "gru:8:tanh,dense:27:softmax|" + f[3], "expected lstm:units:act");
    cases.put(head + "lstm:8:softmax,dense:27:softmax|" + f[3], "expected lstm:units:act");
    cases.put(head + "dense:8:relu,dense:27:softmax|" + f[3], "expected lstm:units:act");
    cases.put(head + "lstm:8:tanh,dense:27:relu|" + f[3], "must be dense:classes:softmax");
    cases.put(head + "dense:27:softmax|" + f[3], "1 to 4 lstm layers");
    cases.put(head + "lstm:8:tanh,".repeat(5) + "dense:27:softmax|", "1 to 4 lstm layers");
    cases.put(f[0] + "|seq:26|" + f[2] + "|" + f[3], "this test's model takes seq:27");
    cases.put(f[0] + "|flat:27|" + f[2] + "|" + f[3], "this test's model takes seq:27");
    cases.put(head + "{\"@class\":\"org.deeplearning4j.nn.conf.layers.LSTM\"}|" + f[3], "lstm");
    cases.put(head + f[2] + "|%%%not-base64", "not Base64");
    cases.put(good + "x".repeat(ModelJudge.MAX_CHARS), "characters; at most");
    ModelJudgeTests.assertAllRefused(good, cases);
  }

  @Test
  void aModelThatDoesNotReadOrPredictTheAlphabetIsRefused() throws Exception {
    answer();
    LstmNetwork net = LstmNetwork.build("seq:27", List.of("lstm:4:tanh", "dense:20:softmax"));
    net.load(new float[(int) net.parameterCount()]);
    TextJudge.Terms t = TextJudge.Terms.parse(value(uniform(8), TERMS));
    String text = HeldOutText.get(HeldOutText.WAMERICAN_WORDS);
    try {
      TextJudge.score(t, net, text);
      throw new AssertionError("a 20-class model was scored");
    } catch (ModelJudge.BadModel e) {
      assertTrue(e.getMessage().contains("predicts 20 characters"), e.getMessage());
    }
  }

  @Test
  void theReferencesCharacterModelMustBeJudgedOnADeclaredHeldOutText() {
    String id = ModelJudgeTests.ID;
    Map<String, Outcome> ref = new LinkedHashMap<>();
    String rec =
        JudgedValues.encode(List.of(new JudgedValues.Value("model", 0, value(uniform(8), TERMS))));
    ref.put(id, new Outcome(true, -1, "", "", rec));
    Answers undeclared = Answers.fromReference(ref, Set.of());
    assertTrue(
        undeclared.referenceFailures().get(0).contains("add heldOut=wamerican-words"),
        undeclared.referenceFailures().toString());
  }

  private static String floats(float[] p) {
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(p.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float v : p) {
      buf.putFloat(v);
    }
    return java.util.Base64.getEncoder().encodeToString(buf.array());
  }
}
