package org.dlcourse.ps.ps1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Hidden tests: edge cases, other shapes and real data. */
class HiddenLinearModelsTests {

  private static INDArray matrix(double[][] rows) {
    return Nd4j.create(rows).castTo(DataType.DOUBLE);
  }

  private static INDArray vector(double... values) {
    return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
  }

  private static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " returned null");
    }
    return a.dup().reshape(a.length()).toDoubleVector();
  }

  @Test
  @Points(
      question = "q1",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "a score of exactly 0 counts as a mistake in training",
      hint = "the rule updates when y (x . w + b) <= 0, not < 0")
  void zeroScoreIsAMistake(Judge judge) {
    double[] t = values(Perceptron.train(matrix(new double[][] {{0, 0}}), vector(-1), 5), "train");
    judge.record("theta after one example at the origin", t, 0);
    assertArrayEquals(new double[] {0, 0, -1}, t, "one update of the bias by y = -1 was expected");
  }

  @Test
  @Points(
      question = "q1",
      value = 2,
      visibility = Visibility.HIDDEN,
      name = "the perceptron separates iris setosa from versicolor",
      hint = "does train stop after an epoch without mistakes, and visit the examples in order?")
  void perceptronOnIris(Judge judge) {
    Dataset iris = Datasets.iris();
    INDArray X = iris.features().castTo(DataType.DOUBLE).get(NDArrayIndex.interval(0, 100));
    int[] labels = iris.labelIndices();
    double[] y = new double[100];
    for (int i = 0; i < 100; i++) {
      y[i] = labels[i] == 0 ? -1 : 1;
    }
    INDArray theta = Perceptron.train(X, vector(y), 1000);
    double[] predicted = values(Perceptron.predict(X, theta), "predict");
    judge.record("theta on iris", values(theta, "train"), 1e-9);
    int mistakes = 0;
    for (int i = 0; i < 100; i++) {
      mistakes += predicted[i] == y[i] ? 0 : 1;
    }
    assertEquals(0, mistakes, "setosa and versicolor are linearly separable");
  }

  @Test
  @Points(
      question = "q2",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "sigmoid keeps the shape of a matrix",
      hint = "return an array of the input's shape, not a flat one")
  void sigmoidKeepsShape(Judge judge) {
    INDArray z = matrix(new double[][] {{0, 1, -1}, {2, -2, 0}});
    INDArray s = Logistic.sigmoid(z);
    judge.record("sigmoid shape", java.util.Arrays.toString(s.shape()));
    judge.record("sigmoid of a [2, 3] matrix", values(s, "sigmoid"), 1e-12);
    assertArrayEquals(new long[] {2, 3}, s.shape(), "expected shape [2, 3]");
    assertEquals(0.0, z.getDouble(0, 1) - 1, 0, "sigmoid must not change its input");
  }

  @Test
  @Points(
      question = "q3",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "gradient on another problem (d = 3, n = 5)",
      hint = "divide by the number of examples n, for the bias too")
  void gradientOtherShape(Judge judge) {
    INDArray X =
        matrix(
            new double[][] {
              {1, 0, 2}, {0.5, -1, 0}, {-2, 1, 1}, {0, 0, 3}, {1, 1, -1},
            });
    INDArray y = vector(1, 0, 0, 1, 1);
    INDArray theta = vector(0.2, 0.1, -0.3, 0.05);
    double[] got = values(Logistic.gradient(X, y, theta), "gradient");
    judge.record("gradient on d = 3, n = 5", got, 1e-9);
    double h = 1e-6;
    for (int i = 0; i < 4; i++) {
      INDArray plus = theta.dup();
      INDArray minus = theta.dup();
      plus.putScalar(i, theta.getDouble(i) + h);
      minus.putScalar(i, theta.getDouble(i) - h);
      double expected = (Logistic.loss(X, y, plus) - Logistic.loss(X, y, minus)) / (2 * h);
      assertEquals(expected, got[i], 1e-6, "gradient[" + i + "] differs from the numerical one");
    }
  }

  @Test
  @Points(
      question = "q3",
      value = 2,
      visibility = Visibility.HIDDEN,
      name = "logistic regression diagnoses breast cancer (test accuracy >= 0.93)",
      hint = "is fit taking steps against the gradient, from zeros, for every step?")
  void logisticOnBreastCancer(Judge judge) {
    Dataset all = Datasets.breastCancer().shuffle(1);
    Dataset train = all.take(400).standardize();
    Dataset test = all.subset(400, all.size()).standardizeLike(all.take(400));
    INDArray Xtr = train.features().castTo(DataType.DOUBLE);
    INDArray Xte = test.features().castTo(DataType.DOUBLE);
    INDArray ytr = vector(asDouble(train.labelIndices()));
    INDArray theta = Logistic.fit(Xtr, ytr, 0.1, 300);
    double[] p = values(Logistic.probabilities(Xte, theta), "probabilities");
    int[] truth = test.labelIndices();
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += (p[i] >= 0.5 ? 1 : 0) == truth[i] ? 1 : 0;
    }
    double accuracy = right / (double) truth.length;
    // The fitted theta too: an accuracy alone (k of the test examples) is a guessable number, the
    // 31 fitted parameters are not; the reference's theta meets the threshold.
    judge.record("theta fitted on breast cancer", values(theta, "fit"), 1e-6);
    judge.record("test accuracy on breast cancer", accuracy, 1e-9);
    assertTrue(accuracy >= 0.93, "test accuracy " + accuracy + " is below 0.93");
  }

  @Test
  @Points(
      question = "q4",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "numerical gradient of a matrix input keeps its shape; relativeError(0, 0) = 0",
      hint = "return the shape of x; never divide by zero")
  void gradientCheckEdgeCases(Judge judge) {
    INDArray x = matrix(new double[][] {{1, 2}, {3, 4}});
    INDArray g = GradientCheck.numerical(v -> v.getDouble(0, 1) * v.getDouble(1, 0), x, 1e-5);
    judge.record("numerical gradient shape", java.util.Arrays.toString(g.shape()));
    judge.record("numerical gradient of x01 * x10", values(g, "numerical"), 1e-6);
    double zero = GradientCheck.relativeError(vector(0, 0), vector(0, 0));
    judge.record("relativeError of two zero vectors", zero, 0);
    assertArrayEquals(new long[] {2, 2}, g.shape(), "expected the shape of x, [2, 2]");
    assertArrayEquals(new double[] {0, 3, 2, 0}, values(g, "numerical"), 1e-6);
    assertEquals(0.0, zero, 0, "relativeError of equal zero vectors must be 0, not NaN");
  }

  private static double[] asDouble(int[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
