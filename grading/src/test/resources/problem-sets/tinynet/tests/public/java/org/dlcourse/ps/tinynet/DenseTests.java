package org.dlcourse.ps.tinynet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Public test: ND4J code in the sandbox, its output judged against the reference's. */
class DenseTests {

  @Test
  @Points(question = "q1", value = 2, name = "dense computes x w + b")
  void denseComputesXwPlusB(Judge judge) {
    var x = Nd4j.create(new double[][] {{1, 2, 3}, {-1, 0, 2}}).castTo(DataType.DOUBLE);
    var w = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {2, -1}}).castTo(DataType.DOUBLE);
    var b = Nd4j.create(new double[][] {{0.5, -0.5}}).castTo(DataType.DOUBLE);
    double[] out = TinyNet.dense(x, w, b).reshape(4).toDoubleVector();
    judge.record("dense(x, w, b)", out, 1e-9);
    assertArrayEquals(new double[] {7.5, -1.5, 3.5, -2.5}, out, 1e-9);
  }
}
