package org.dlcourse.ps.ps3;

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

/** Public test of q3: the rules a design must follow (its training is graded by a hidden test). */
class CnnRulesTests {
  /** The grader's budget (its own copy: editing CnnDesign.BUDGET changes nothing here). */
  static final long BUDGET = 8_000;

  @Test
  @Points(
      question = "q3",
      value = 1,
      name = "your CNN takes [n, 784], outputs class probabilities [n, 10], within the budget")
  void followsTheRules(Judge judge) {
    MultiLayerNetwork net = new MultiLayerNetwork(CnnDesign.configuration(1));
    net.init();
    long params = net.numParams();
    Nd4j.getRandom().setSeed(5);
    INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 3, 784));
    // The grader decides this test from the network as data: it counts the parameters from the
    // recorded layers and reads the output layer itself, so nothing this JVM reports about the
    // budget counts. The assertions below tell the student the same in check and the IDE.
    judge.recordModel(
        "your CNN's layers and parameter count, read by the grader",
        JudgeModels.of(net),
        new JudgedModel.RulesTerms(10, BUDGET));
    assertTrue(
        params <= BUDGET,
        "your network has "
            + params
            + " parameters, more than the budget of "
            + BUDGET
            + ": use fewer channels or a smaller dense layer (net.summary() lists them per layer)");
    assertArrayEquals(
        new long[] {3, 10},
        out.shape(),
        "expected output [n, 10] for input [n, 784]:"
            + " use InputType.convolutionalFlat(28, 28, 1) and an output layer with nOut(10)");
    for (double s : out.sum(1).castTo(DataType.DOUBLE).toDoubleVector()) {
      assertEquals(1, s, 1e-5, "each output row must sum to 1: end in a softmax output layer");
    }
  }
}
