package org.dlcourse.ps.ps1;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rosenblatt's perceptron (1957) on ND4J arrays (notebook: ps1.ipynb, question q1).
 *
 * <p>Labels are {@code -1} and {@code +1}. The weights {@code w} have shape {@code [d]} and the bias
 * {@code b} is a number; together they are returned as one vector {@code [d + 1]} with the bias
 * last, so that {@code theta = (w_1, ..., w_d, b)}.
 */
public final class Perceptron {
  private Perceptron() {}

  /**
   * The perceptron's predictions: {@code sign(x_i . w + b)} for every row {@code x_i} of {@code X},
   * with {@code sign(0) = +1}.
   *
   * @param X the examples, {@code [n, d]}
   * @param theta the weights and the bias, {@code [d + 1]}
   * @return the predicted labels, {@code [n]}, each -1 or +1
   */
  public static INDArray predict(INDArray X, INDArray theta) {
    // BEGIN SOLUTION compute the scores X w + b, then map each score to -1 or +1
    long d = X.columns();
    INDArray w = theta.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, d));
    double b = theta.getDouble(d);
    INDArray scores = X.mmul(w.reshape(d, 1)).reshape(X.rows()).add(b);
    INDArray out = scores.dup();
    for (long i = 0; i < out.length(); i++) {
      out.putScalar(i, scores.getDouble(i) >= 0 ? 1.0 : -1.0);
    }
    return out;
    // END SOLUTION
  }

  /**
   * Trains a perceptron with Rosenblatt's rule, starting from {@code theta = 0}: for each epoch,
   * visit the examples in order {@code i = 0 .. n-1}; when {@code y_i (x_i . w + b) <= 0} (a
   * mistake, a score of exactly 0 included), update {@code w <- w + y_i x_i} and {@code b <- b +
   * y_i}. Stop after an epoch without mistakes, or after {@code maxEpochs} epochs.
   *
   * @param X the examples, {@code [n, d]}
   * @param y the labels, {@code [n]}, each -1 or +1
   * @param maxEpochs the most passes over the data
   * @return {@code theta = (w, b)}, {@code [d + 1]}
   */
  public static INDArray train(INDArray X, INDArray y, int maxEpochs) {
    // BEGIN SOLUTION loop over epochs and examples, update on every mistake, stop after a clean epoch
    long n = X.rows();
    long d = X.columns();
    double[] theta = new double[(int) d + 1];
    for (int epoch = 0; epoch < maxEpochs; epoch++) {
      int mistakes = 0;
      for (long i = 0; i < n; i++) {
        double yi = y.getDouble(i);
        double score = theta[(int) d];
        for (int j = 0; j < d; j++) {
          score += X.getDouble(i, j) * theta[j];
        }
        if (yi * score <= 0) {
          for (int j = 0; j < d; j++) {
            theta[j] += yi * X.getDouble(i, j);
          }
          theta[(int) d] += yi;
          mistakes++;
        }
      }
      if (mistakes == 0) {
        break;
      }
    }
    return org.nd4j.linalg.factory.Nd4j.createFromArray(theta);
    // END SOLUTION
  }
}
