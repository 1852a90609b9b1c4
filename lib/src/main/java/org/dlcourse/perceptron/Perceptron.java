package org.dlcourse.perceptron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.dlcourse.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rosenblatt's perceptron (1957): one linear threshold unit {@code yHat = step(w · x + b)} for two
 * classes 0 and 1, trained by the perceptron learning rule.
 *
 * <p>Each epoch visits the examples in their given order; on a mistake the weights move towards the
 * example's side of the boundary:
 *
 * <pre>{@code
 * w <- w + lr * (y - yHat) * x        // y - yHat is +1 or -1 on a mistake, 0 otherwise
 * b <- b + lr * (y - yHat)
 * }</pre>
 *
 * <p>Training stops after the first epoch without mistakes (the rule has converged, which it does
 * in finitely many steps when a line separates the classes) or after {@code numEpochs}. On data no
 * line separates, such as XOR (Minsky and Papert, 1969), the mistakes never reach 0. Weights and
 * bias start at 0. Introduced in notebook 02 ({@code 02-perceptron}).
 *
 * <pre>{@code
 * Perceptron perceptron = Perceptron.of(1.0, 20).fit(X, y);
 * perceptron.mistakesPerEpoch();   // e.g. [3, 1, 0]
 * perceptron.predict(new double[] {1.4, 3.5});
 * }</pre>
 */
public final class Perceptron {

  private final double lr;
  private final int numEpochs;
  private double[] weights; // w, one per feature; null before fit
  private double bias; // b
  private final List<Integer> mistakesPerEpoch = new ArrayList<>();
  private final List<Double> accuracyPerEpoch = new ArrayList<>();

  private Perceptron(double lr, int numEpochs) {
    this.lr = lr;
    this.numEpochs = numEpochs;
  }

  /**
   * An untrained perceptron.
   *
   * @param lr the learning rate, &gt; 0 (with weights starting at 0, any lr gives the same
   *     predictions; it only scales w and b)
   * @param numEpochs the most passes over the training set, &gt;= 1
   */
  public static Perceptron of(double lr, int numEpochs) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate lr must be > 0 but was " + lr);
    }
    if (numEpochs < 1) {
      throw new IllegalArgumentException("numEpochs must be >= 1 but was " + numEpochs);
    }
    return new Perceptron(lr, numEpochs);
  }

  /**
   * Trains on a two-class data set (features {@code [n, d]}) and returns this perceptron.
   *
   * @throws IllegalArgumentException if the data set does not have exactly two classes
   */
  public Perceptron fit(Dataset data) {
    Objects.requireNonNull(data, "data must not be null");
    if (data.numClasses() != 2) {
      throw new IllegalArgumentException(
          "a perceptron separates 2 classes but the data set has "
              + data.numClasses()
              + " "
              + data.labelNames()
              + "; keep two classes, e.g. data.select(indices of two classes)");
    }
    INDArray features = data.features();
    if (features.rank() != 2) {
      throw new IllegalArgumentException(
          "expected features of shape [n, d] but got "
              + Arrays.toString(features.shape())
              + "; call data.flatten()");
    }
    return fit(features.toDoubleMatrix(), data.labelIndices());
  }

  /**
   * Trains on rows {@code X} ({@code [n, d]}) with labels {@code y} in {0, 1} and returns this
   * perceptron. Training again starts from zero weights.
   */
  public Perceptron fit(double[][] X, int[] y) {
    requireData(X, y);
    int d = X[0].length;
    weights = new double[d];
    bias = 0;
    mistakesPerEpoch.clear();
    accuracyPerEpoch.clear();
    for (int epoch = 0; epoch < numEpochs; epoch++) {
      int mistakes = 0;
      for (int i = 0; i < X.length; i++) {
        int error = y[i] - predict(X[i]); // +1, -1 on a mistake, 0 when right
        if (error != 0) {
          mistakes++;
          for (int j = 0; j < d; j++) {
            weights[j] += lr * error * X[i][j];
          }
          bias += lr * error;
        }
      }
      mistakesPerEpoch.add(mistakes);
      accuracyPerEpoch.add(accuracy(X, y));
      if (mistakes == 0) {
        break;
      }
    }
    return this;
  }

  /** The class, 0 or 1, of one example: 1 where {@code w · x + b > 0}. */
  public int predict(double[] x) {
    return score(x) > 0 ? 1 : 0;
  }

  /** The class of each row of {@code X}. */
  public int[] predict(double[][] X) {
    Objects.requireNonNull(X, "X must not be null");
    int[] yHat = new int[X.length];
    for (int i = 0; i < X.length; i++) {
      yHat[i] = predict(X[i]);
    }
    return yHat;
  }

  /** The signed score {@code w · x + b}; its sign decides the class. */
  public double score(double[] x) {
    requireFitted();
    Objects.requireNonNull(x, "x must not be null");
    if (x.length != weights.length) {
      throw new IllegalArgumentException(
          "expected an example with "
              + weights.length
              + " features (as in training) but got "
              + x.length);
    }
    double z = bias;
    for (int j = 0; j < x.length; j++) {
      z += weights[j] * x[j];
    }
    return z;
  }

  /** The fraction of rows of {@code X} whose predicted class equals {@code y}. */
  public double accuracy(double[][] X, int[] y) {
    requireData(X, y);
    int correct = 0;
    for (int i = 0; i < X.length; i++) {
      correct += predict(X[i]) == y[i] ? 1 : 0;
    }
    return (double) correct / X.length;
  }

  /** A copy of the weights {@code w}, one per feature. */
  public double[] weights() {
    requireFitted();
    return weights.clone();
  }

  /** The bias {@code b}. */
  public double bias() {
    requireFitted();
    return bias;
  }

  /** The number of mistakes (updates) in each epoch run, in order. */
  public int[] mistakesPerEpoch() {
    return mistakesPerEpoch.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The training accuracy after each epoch run, in order. */
  public double[] accuracyPerEpoch() {
    return accuracyPerEpoch.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Whether the last epoch run made no mistakes (the training set is separated). */
  public boolean converged() {
    return !mistakesPerEpoch.isEmpty() && mistakesPerEpoch.get(mistakesPerEpoch.size() - 1) == 0;
  }

  /** The learning rate. */
  public double lr() {
    return lr;
  }

  /** The most epochs {@link #fit} runs. */
  public int numEpochs() {
    return numEpochs;
  }

  @Override
  public String toString() {
    if (weights == null) {
      return String.format(
          Locale.ROOT, "Perceptron[untrained, lr=%s, numEpochs=%d]", lr, numEpochs);
    }
    StringJoiner w = new StringJoiner(", ", "[", "]");
    for (double wj : weights) {
      w.add(String.format(Locale.ROOT, "%.4g", wj));
    }
    return String.format(
        Locale.ROOT,
        "Perceptron[w=%s, b=%.4g, %d epochs, last epoch %d mistakes, %s]",
        w,
        bias,
        mistakesPerEpoch.size(),
        mistakesPerEpoch.get(mistakesPerEpoch.size() - 1),
        converged() ? "converged" : "not converged");
  }

  private void requireFitted() {
    if (weights == null) {
      throw new IllegalStateException("the perceptron is not trained yet; call fit(X, y) first");
    }
  }

  private static void requireData(double[][] X, int[] y) {
    Objects.requireNonNull(X, "X must not be null");
    Objects.requireNonNull(y, "y must not be null");
    if (X.length != y.length) {
      throw new IllegalArgumentException(
          "expected one label per row of X: X has " + X.length + " rows but y has " + y.length);
    }
    if (X.length == 0) {
      throw new IllegalArgumentException("expected at least one example but X is empty");
    }
    for (int i = 0; i < X.length; i++) {
      if (X[i] == null || X[i].length != X[0].length) {
        throw new IllegalArgumentException(
            "expected every row of X to have "
                + X[0].length
                + " values but row "
                + i
                + (X[i] == null ? " is null" : " has " + X[i].length));
      }
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException(
            "a perceptron's labels are 0 or 1 but y[" + i + "] = " + y[i]);
      }
    }
  }
}
