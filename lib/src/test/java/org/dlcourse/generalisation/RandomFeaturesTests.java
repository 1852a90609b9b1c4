package org.dlcourse.generalisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomFeaturesTests {

  /**
   * A noisy regression problem, 5 standard normal inputs, two outputs: {@code [n, 5] -> [n, 2]}.
   */
  private static INDArray[] problem(int n, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][5];
    double[][] y = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i][0] = Math.sin(3 * x[i][0]) + 0.1 * random.nextGaussian();
      y[i][1] = x[i][0] * x[i][1] + 0.1 * random.nextGaussian();
    }
    return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
  }

  private static double maxAbsDifference(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  @Test
  void interpolatesTheTrainingSetWhenFeaturesOutnumberExamples() {
    INDArray[] data = problem(30, 1);
    for (int p : new int[] {60, 300}) {
      RandomFeatures model = RandomFeatures.fit(data[0], data[1], p, 42);
      assertTrue(
          maxAbsDifference(model.predict(data[0]), data[1]) < 1e-6,
          "p = " + p + ": training predictions differ from the targets");
      assertTrue(model.meanSquaredError(data[0], data[1]) < 1e-12);
    }
  }

  @Test
  void doesNotInterpolateWithFewerFeaturesThanExamples() {
    INDArray[] data = problem(60, 2);
    RandomFeatures model = RandomFeatures.fit(data[0], data[1], 10, 42);
    assertTrue(model.meanSquaredError(data[0], data[1]) > 1e-3);
  }

  @Test
  void agreesWithDirectLeastSquaresWhenFewerFeaturesThanExamples() {
    INDArray[] data = problem(80, 3);
    RandomFeatures model = RandomFeatures.fit(data[0], data[1], 12, 42);
    // oracle: Householder QR least squares (Apache Commons Math) on the same features
    RealMatrix H = new Array2DRowRealMatrix(model.features(data[0]).toDoubleMatrix());
    RealMatrix Y = new Array2DRowRealMatrix(data[1].castTo(DataType.DOUBLE).toDoubleMatrix());
    RealMatrix expected = new QRDecomposition(H).getSolver().solve(Y); // [p, k]
    INDArray actual = model.outputWeights();
    for (int i = 0; i < expected.getRowDimension(); i++) {
      for (int j = 0; j < expected.getColumnDimension(); j++) {
        assertEquals(expected.getEntry(i, j), actual.getDouble(i, j), 1e-6, "beta[" + i + "]");
      }
    }
  }

  @Test
  void choosesTheInterpolatingSolutionWithTheSmallestNorm() {
    INDArray[] data = problem(20, 4);
    RandomFeatures model = RandomFeatures.fit(data[0], data[1], 50, 42);
    // oracle: the pseudo-inverse from an SVD, beta = H⁺ y
    RealMatrix H = new Array2DRowRealMatrix(model.features(data[0]).toDoubleMatrix());
    RealMatrix Y = new Array2DRowRealMatrix(data[1].castTo(DataType.DOUBLE).toDoubleMatrix());
    RealMatrix expected = new SingularValueDecomposition(H).getSolver().getInverse().multiply(Y);
    double[][] actual = model.outputWeights().toDoubleMatrix();
    for (int i = 0; i < actual.length; i++) {
      assertArrayEquals(expected.getRow(i), actual[i], 1e-5, "beta[" + i + "]");
    }
    // any other interpolating solution, beta + v with H v = 0, is longer
    RealMatrix z = new Array2DRowRealMatrix(50, 2);
    Random random = new Random(5);
    for (int i = 0; i < 50; i++) {
      z.setEntry(i, 0, random.nextGaussian());
      z.setEntry(i, 1, random.nextGaussian());
    }
    RealMatrix pinv = new SingularValueDecomposition(H).getSolver().getInverse(); // [p, n]
    RealMatrix v = z.subtract(pinv.multiply(H.multiply(z))); // projection onto the null space
    assertTrue(H.multiply(v).getFrobeniusNorm() < 1e-8);
    RealMatrix other = new Array2DRowRealMatrix(actual).add(v);
    assertTrue(other.getFrobeniusNorm() > model.outputWeightNorm());
  }

  @Test
  void theSameSeedGivesTheSameFeatures() {
    INDArray[] data = problem(10, 6);
    INDArray a = RandomFeatures.fit(data[0], data[1], 25, 7).features(data[0]);
    INDArray b = RandomFeatures.fit(data[0], data[1], 25, 7).features(data[0]);
    INDArray c = RandomFeatures.fit(data[0], data[1], 25, 8).features(data[0]);
    assertEquals(0.0, maxAbsDifference(a, b), 0.0);
    assertFalse(maxAbsDifference(a, c) < 1e-3);
    assertArrayEquals(new long[] {10, 25}, a.shape());
  }

  @Test
  void acceptsVectorTargetsAndOneHotLabels() {
    INDArray[] data = problem(40, 9);
    INDArray yVector = data[1].getColumn(0).dup(); // [n]
    RandomFeatures model = RandomFeatures.fit(data[0], yVector, 80, 1);
    assertArrayEquals(new long[] {40, 1}, model.predict(data[0]).shape());
    INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 4, 2);
    oneHot.putScalar(0, 0, 1).putScalar(1, 1, 1).putScalar(2, 1, 1).putScalar(3, 0, 1);
    INDArray X = data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
    assertEquals(1.0, RandomFeatures.fit(X, oneHot, 16, 1).accuracy(X, oneHot), 0.0);
  }

  @Test
  void rejectsBadInputWithAMessageNamingTheShapes() {
    INDArray[] data = problem(10, 10);
    IllegalArgumentException rows =
        assertThrows(
            IllegalArgumentException.class,
            () -> RandomFeatures.fit(data[0], Nd4j.zeros(9, 2), 20, 1));
    assertTrue(rows.getMessage().contains("n = 10"), rows.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RandomFeatures.fit(data[0], data[1], 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> RandomFeatures.fit(data[0], data[1], 5, 1, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> RandomFeatures.fit(Nd4j.zeros(10, 2, 2), data[1], 5, 1));
    RandomFeatures model = RandomFeatures.fit(data[0], data[1], 5, 1);
    IllegalArgumentException columns =
        assertThrows(IllegalArgumentException.class, () -> model.predict(Nd4j.zeros(3, 7)));
    assertTrue(columns.getMessage().contains("[3, 7]"), columns.getMessage());
  }

  @Test
  void printsAOneLineSummary() {
    INDArray[] data = problem(10, 11);
    String line = RandomFeatures.fit(data[0], data[1], 30, 1).toString();
    assertTrue(line.contains("5 inputs -> 30 ReLU features -> 2 outputs"), line);
  }
}
