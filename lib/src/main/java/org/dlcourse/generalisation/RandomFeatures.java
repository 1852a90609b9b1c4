package org.dlcourse.generalisation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Random-features regression: {@code p} fixed random ReLU features of the inputs, {@code h = relu(x
 * W + b)}, and output weights {@code beta} fitted by least squares, {@code yHat = h beta}.
 *
 * <p>Only {@code beta} is fitted, so the fit is a linear least-squares problem with an exact
 * answer. With fewer features than examples ({@code p < n}) it is the ordinary least-squares
 * solution; with more ({@code p >= n}) many {@code beta} fit the training set exactly and this
 * class returns the one with the smallest norm, the solution gradient descent from zero also finds.
 * Sweeping {@code p} across {@code n} shows <i>double descent</i>: the test error peaks near {@code
 * p = n} and falls again beyond it. Introduced in the notebook on generalisation ({@code
 * 06-generalisation}).
 *
 * <pre>{@code
 * RandomFeatures model = RandomFeatures.fit(X, y, 500, 42);   // X [n, d], y [n, k]
 * INDArray yHat = model.predict(Xtest);                        // [m, k]
 * double mse = model.meanSquaredError(Xtest, yTest);
 * }</pre>
 *
 * <p>All arithmetic is in double precision. The random weights are drawn with {@link
 * java.util.Random} from the seed, so the same seed gives the same features everywhere.
 */
public final class RandomFeatures {

  /**
   * The default ridge, relative to the mean diagonal of the Gram matrix: small enough that the
   * solution is the minimum-norm least-squares one to many digits, large enough to keep the solve
   * finite at {@code p = n}.
   */
  public static final double DEFAULT_RIDGE = 1e-10;

  private final INDArray W; // [d, p] input weights, N(0, 1/d), fixed
  private final INDArray b; // [1, p] biases, N(0, 1), fixed
  private final INDArray beta; // [p, k] fitted output weights
  private final double ridge;

  private RandomFeatures(INDArray W, INDArray b, INDArray beta, double ridge) {
    this.W = W;
    this.b = b;
    this.beta = beta;
    this.ridge = ridge;
  }

  /** Fits {@code numFeatures} random features with the {@link #DEFAULT_RIDGE}. */
  public static RandomFeatures fit(INDArray X, INDArray y, int numFeatures, long seed) {
    return fit(X, y, numFeatures, seed, DEFAULT_RIDGE);
  }

  /**
   * Draws {@code numFeatures} random ReLU features from {@code seed} and fits the output weights by
   * ridge regression with penalty {@code ridge · trace(G) / size(G)} (G the Gram matrix); a tiny
   * {@code ridge} gives the minimum-norm least-squares solution.
   *
   * @param X inputs {@code [n, d]}
   * @param y targets {@code [n, k]} (e.g. one-hot labels) or {@code [n]}
   * @param ridge {@code >= 0}; 0 fails when the Gram matrix is singular
   * @throws IllegalArgumentException for shapes that do not agree or parameters out of range
   */
  public static RandomFeatures fit(
      INDArray X, INDArray y, int numFeatures, long seed, double ridge) {
    INDArray X2 = inputs(X, "X", -1);
    INDArray Y = targets(y, X2.size(0));
    if (numFeatures < 1) {
      throw new IllegalArgumentException("numFeatures must be >= 1 but was " + numFeatures);
    }
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("ridge must be >= 0 and finite but was " + ridge);
    }
    int d = (int) X2.size(1);
    Random random = new Random(seed);
    INDArray W = gaussian(random, d, numFeatures, 1.0 / Math.sqrt(d)); // [d, p]
    INDArray b = gaussian(random, 1, numFeatures, 1.0); // [1, p]
    INDArray H = relu(X2, W, b); // [n, p]
    return new RandomFeatures(W, b, minimumNormSolution(H, Y, ridge), ridge);
  }

  /**
   * The least-squares solution {@code beta} of {@code H beta ≈ y} with the smallest norm, computed
   * as the limit of ridge regression.
   *
   * <p>For {@code p <= n}: {@code beta = (HᵀH + λI)⁻¹ Hᵀ y}, the normal equations. For {@code p >
   * n}: {@code beta = Hᵀ (H Hᵀ + λI)⁻¹ y}; the two are the same matrix for every λ, and the second
   * solves an {@code n x n} system instead of a {@code p x p} one. As λ → 0 both tend to the
   * pseudo-inverse solution {@code H⁺ y}: least squares when {@code p < n}, the interpolating
   * solution of smallest norm when {@code p > n}. Here {@code λ = ridge · trace(G) / size(G)}.
   *
   * @param H features {@code [n, p]}
   * @param y targets {@code [n, k]}
   * @return {@code beta}, {@code [p, k]}, double precision
   */
  public static INDArray minimumNormSolution(INDArray H, INDArray y, double ridge) {
    INDArray H2 = inputs(H, "H", -1).castTo(DataType.DOUBLE);
    INDArray Y = targets(y, H2.size(0));
    long n = H2.size(0);
    long p = H2.size(1);
    if (p <= n) {
      INDArray G = H2.transpose().mmul(H2); // [p, n]·[n, p] -> [p, p]
      return solve(G, H2.transpose().mmul(Y), ridge); // [p, p]⁻¹ · [p, k] -> [p, k]
    }
    INDArray G = H2.mmul(H2.transpose()); // [n, p]·[p, n] -> [n, n]
    INDArray alpha = solve(G, Y, ridge); // [n, n]⁻¹ · [n, k] -> [n, k]
    return H2.transpose().mmul(alpha); // [p, n]·[n, k] -> [p, k]
  }

  /** The random features of {@code X}: {@code relu(X W + b)}, {@code [m, d] -> [m, p]}. */
  public INDArray features(INDArray X) {
    return relu(inputs(X, "X", W.size(0)), W, b);
  }

  /** The predictions {@code yHat = relu(X W + b) · beta}, {@code [m, d] -> [m, k]}. */
  public INDArray predict(INDArray X) {
    return features(X).mmul(beta); // [m, p]·[p, k] -> [m, k]
  }

  /**
   * The mean squared error over all examples and outputs: {@code mean((yHat - y)^2)}.
   *
   * @param y {@code [m, k]} or {@code [m]}
   */
  public double meanSquaredError(INDArray X, INDArray y) {
    INDArray yHat = predict(X);
    INDArray Y = targets(y, yHat.size(0));
    if (Y.size(1) != yHat.size(1)) {
      throw new IllegalArgumentException(
          "the model has "
              + yHat.size(1)
              + " outputs but y has "
              + Y.size(1)
              + " columns; pass targets shaped like the training targets");
    }
    return Transforms.pow(yHat.sub(Y), 2).meanNumber().doubleValue();
  }

  /**
   * The share of examples whose largest output is in the column of the largest target: accuracy
   * when {@code y} is one-hot.
   */
  public double accuracy(INDArray X, INDArray y) {
    int[] predicted = predict(X).argMax(1).toIntVector();
    int[] actual = targets(y, predicted.length).argMax(1).toIntVector();
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      correct += predicted[i] == actual[i] ? 1 : 0;
    }
    return (double) correct / actual.length;
  }

  /** The number of random features {@code p}. */
  public int numFeatures() {
    return (int) W.size(1);
  }

  /** The fitted output weights {@code beta}, {@code [p, k]} (a copy). */
  public INDArray outputWeights() {
    return beta.dup();
  }

  /** The norm {@code ||beta||} of the fitted output weights (Frobenius norm). */
  public double outputWeightNorm() {
    return beta.norm2Number().doubleValue();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RandomFeatures[%d inputs -> %d ReLU features -> %d outputs, ridge %.1e, |beta| = %.3g]",
        W.size(0),
        W.size(1),
        beta.size(1),
        ridge,
        outputWeightNorm());
  }

  // ---------------------------------------------------------------- helpers

  private static INDArray relu(INDArray X, INDArray W, INDArray b) {
    // [m, d]·[d, p] + [1, p] -> [m, p], then max(0, ·)
    return Transforms.relu(X.mmul(W).addiRowVector(b), false);
  }

  private static INDArray solve(INDArray G, INDArray rhs, double ridge) {
    long m = G.size(0);
    double trace = 0;
    for (long i = 0; i < m; i++) {
      trace += G.getDouble(i, i);
    }
    double lambda = ridge * trace / m;
    INDArray A = G.add(Nd4j.eye(m).castTo(DataType.DOUBLE).muli(lambda)); // G + λI
    INDArray solution = Nd4j.linalg.solve(A, rhs); // LU: A · solution = rhs
    double worst = Math.abs(solution.maxNumber().doubleValue());
    worst = Math.max(worst, Math.abs(solution.minNumber().doubleValue()));
    if (Double.isNaN(worst) || Double.isInfinite(worst)) {
      throw new IllegalStateException(
          "the "
              + m
              + "x"
              + m
              + " least-squares system is singular (ridge "
              + ridge
              + "); use a ridge > 0, e.g. RandomFeatures.DEFAULT_RIDGE");
    }
    return solution;
  }

  private static INDArray gaussian(Random random, int rows, int columns, double std) {
    double[] values = new double[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = std * random.nextGaussian();
    }
    return Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE);
  }

  private static INDArray inputs(INDArray X, String name, long expectedColumns) {
    Objects.requireNonNull(X, name + " must not be null");
    if (X.rank() != 2) {
      throw new IllegalArgumentException(
          "expected "
              + name
              + " of shape [n, d] (one row per example) but got "
              + Arrays.toString(X.shape())
              + "; flatten images first (dataset.flatten())");
    }
    if (expectedColumns >= 0 && X.size(1) != expectedColumns) {
      throw new IllegalArgumentException(
          "the model was fitted on "
              + expectedColumns
              + " inputs per example but "
              + name
              + " has shape "
              + Arrays.toString(X.shape()));
    }
    if (X.size(0) == 0) {
      throw new IllegalArgumentException(name + " has no rows; pass at least one example");
    }
    return X.castTo(DataType.DOUBLE);
  }

  private static INDArray targets(INDArray y, long n) {
    Objects.requireNonNull(y, "y must not be null");
    INDArray Y = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
    if (Y.rank() != 2 || Y.size(0) != n) {
      throw new IllegalArgumentException(
          "expected targets of shape [n, k] or [n] with n = "
              + n
              + " (one per example) but got "
              + Arrays.toString(y.shape()));
    }
    return Y.castTo(DataType.DOUBLE);
  }
}
