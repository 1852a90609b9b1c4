package org.dlcourse.ps.ps4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Public test of q3: the rules a character model must follow (its training is a hidden test). */
class CharModelRulesTests {
  /** The grader's budget (its own copy: editing CharModel.BUDGET changes nothing here). */
  static final long BUDGET = 20_000;

  @Test
  @Points(
      question = "q3",
      value = 1,
      name =
          "your model maps [n, 27, T] to next-character probabilities [n, 27, T], within the"
              + " budget")
  void followsTheRules(Judge judge) {
    MultiLayerNetwork net = new MultiLayerNetwork(CharModel.configuration(1));
    net.init();
    long params = net.numParams();
    Nd4j.getRandom().setSeed(7);
    INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 2, 27, 9));
    double[] sums =
        out.sum(1).castTo(DataType.DOUBLE).reshape(out.size(0) * out.size(2)).toDoubleVector();
    // The grader decides this test from the network as data: it counts the parameters from the
    // recorded layers and reads the output layer itself, so nothing this JVM reports about the
    // budget counts (JudgeModels names a layer the grader cannot rebuild). The assertions below
    // tell the student the same in check and the IDE.
    judge.recordModel(
        "your model's layers and parameter count, read by the grader",
        JudgeModels.of(net, 27),
        new JudgedModel.RulesTerms(27, BUDGET));
    assertTrue(
        params <= BUDGET,
        "your network has "
            + params
            + " parameters, more than the budget of "
            + BUDGET
            + ": use fewer LSTM units (an LSTM of H units on 27 inputs has 4 H (27 + H + 1)"
            + " parameters)");
    assertArrayEquals(
        new long[] {2, 27, 9},
        out.shape(),
        "expected [n, 27, T] for input [n, 27, T]: an LSTM then an RnnOutputLayer with nOut(27)");
    for (double s : sums) {
      assertEquals(
          1,
          s,
          1e-5,
          "the probabilities at each step must sum to 1: end in a softmax RnnOutputLayer");
    }
  }
}
