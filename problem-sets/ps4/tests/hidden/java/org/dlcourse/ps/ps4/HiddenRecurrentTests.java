package org.dlcourse.ps.ps4;

import static org.dlcourse.ps.ps4.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hidden tests: one step and one example, a longer sequence, and the character model's training.
 */
class HiddenRecurrentTests {

  @Test
  @Points(
      question = "q1",
      value = 1,
      checks = 5,
      visibility = Visibility.HIDDEN,
      name = "RNN with one example and one step equals DL4J's SimpleRnn",
      hint = "with T = 1 and n = 1, do h, the gradients and dx keep their shapes?")
  void rnnOneStep(Credit credit, Judge judge) {
    INDArray[] p = {randn(41, 5, 2), randn(42, 2, 2), randn(43, 1, 2)};
    INDArray x = randn(44, 1, 5, 1);
    INDArray dh = randn(45, 1, 2, 1);
    RecurrentTests.dl4jChecks(
        credit,
        judge,
        RecurrentTests::rnn,
        Fixtures.simpleRnn(p[0], p[1], p[2], x, dh),
        p,
        x,
        dh,
        "");
  }

  @Test
  @Points(
      question = "q2",
      value = 1,
      checks = 5,
      visibility = Visibility.HIDDEN,
      name = "LSTM over 12 steps with a large forget-gate bias equals DL4J's LSTM",
      hint =
          "does every gate get its own slice of b, and does the cell's gradient flow back through"
              + " f?")
  void lstmLongSequence(Credit credit, Judge judge) {
    INDArray[] p = {
      randn(51, 2, 8).muli(0.5), randn(52, 2, 8).muli(0.5), randn(53, 1, 8).muli(0.5)
    };
    p[2].get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4))
        .addi(2); // forget-gate bias 2: the cell remembers across many steps
    INDArray x = randn(54, 3, 2, 12);
    INDArray dh = Nd4j.zeros(DataType.DOUBLE, 3, 2, 12);
    dh.get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.point(11))
        .assign(randn(55, 3, 2)); // the loss reads the last step
    RecurrentTests.dl4jChecks(
        credit, judge, RecurrentTests::lstm, Fixtures.lstm(p[0], p[1], p[2], x, dh), p, x, dh, "");
  }

  /**
   * The validation loss (nats per character) a design must reach; see rubric.md for the
   * measurements.
   */
  static final double TARGET = 2.3;

  /** SHA-256 of Corpus.text() as released: a changed corpus is refused, not graded. */
  static final String CORPUS_SHA256 =
      "ee9d6c464bff83ef8dc4341554d252a112e7db4d2cf447d7682a9585fd6665ef";

  @Test
  @Points(
      question = "q3",
      value = 4,
      visibility = Visibility.HIDDEN,
      name =
          "your character model reaches loss 2.3 nats per character on held-out text (measured by"
              + " the grader)",
      hint = "does CharData.fitAndEvaluate in the notebook reach the target with seed 1?")
  void charModelReachesTarget(Judge judge) throws Exception {
    String text = Corpus.text();
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(CORPUS_SHA256, sha, "Corpus.java was changed: restore it from the release");
    MultiLayerNetwork net = new MultiLayerNetwork(CharModel.configuration(1));
    net.init();
    assertTrue(
        net.numParams() <= CharModelRulesTests.BUDGET,
        net.numParams() + " parameters is over the budget");
    // The grader's own copy of CharData's procedure (CharData.java is the student's and may be
    // edited).
    int split = text.length() * 9 / 10;
    DataSet train = sequences(text.substring(0, split));
    DataSet validation = sequences(text.substring(split));
    for (int epoch = 0; epoch < 5; epoch++) {
      train.shuffle(1_000 + epoch);
      for (DataSet batch : train.batchBy(16)) {
        net.fit(batch);
      }
    }
    // The trained network goes to the judge as data (layers and weights): the grader rebuilds the
    // LSTM with its own forward pass and measures the loss on held-out text (words this JVM cannot
    // read, drawn by the grader); a loss this JVM reported could be forged.
    judge.recordModel(
        "your trained character model, measured on held-out text",
        JudgeModels.of(net, 27),
        new JudgedModel.TextTerms("wamerican-words", 700, 25, TARGET, CharModelRulesTests.BUDGET));
    // The test's own check (an IDE, the reference run) on the corpus's validation text.
    INDArray p = net.output(validation.getFeatures()).castTo(DataType.DOUBLE);
    INDArray picked = p.mul(validation.getLabels().castTo(DataType.DOUBLE)).sum(1);
    double loss =
        -org.nd4j.linalg.ops.transforms.Transforms.log(picked, false).meanNumber().doubleValue();
    assertTrue(loss <= TARGET, "validation loss " + loss + " is above " + TARGET);
  }

  private static DataSet sequences(String text) {
    String alphabet = " abcdefghijklmnopqrstuvwxyz";
    int length = 25;
    int n = (text.length() - 1) / length;
    INDArray features = Nd4j.zeros(DataType.FLOAT, n, 27, length);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 27, length);
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < length; t++) {
        features.putScalar(new long[] {s, alphabet.indexOf(text.charAt(s * length + t)), t}, 1);
        labels.putScalar(new long[] {s, alphabet.indexOf(text.charAt(s * length + t + 1)), t}, 1);
      }
    }
    return new DataSet(features, labels);
  }
}
