package org.dlcourse.ps.ps1;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Logistic regression trained by gradient descent, on ND4J arrays, without DL4J's training
 * (notebook: ps1.ipynb, questions q2 and q3).
 *
 * <p>Labels are {@code 0} and {@code 1}. The model is {@code p_i = sigmoid(x_i . w + b)}; as in
 * {@link Perceptron}, {@code theta = (w_1, ..., w_d, b)} has shape {@code [d + 1]}, bias last.
 */
public final class Logistic {
  private Logistic() {}

  /**
   * The sigmoid {@code 1 / (1 + exp(-z))} of every entry, in a new array of the same shape. Must be
   * finite for any finite input, e.g. {@code z = -1000} (where {@code exp(1000)} overflows): for
   * {@code z < 0} use the equal form {@code exp(z) / (1 + exp(z))}.
   */
  public static INDArray sigmoid(INDArray z) {
    // BEGIN SOLUTION choose, per entry, the form of the sigmoid that cannot overflow
    INDArray out = z.dup();
    for (long i = 0; i < z.length(); i++) {
      double v = z.getDouble(i);
      double s = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      out.putScalar(i, s);
    }
    return out;
    // END SOLUTION
  }

  /**
   * The mean cross-entropy {@code L = -(1/n) sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)]} with
   * {@code p_i = sigmoid(x_i . w + b)}.
   *
   * @param X {@code [n, d]}
   * @param y {@code [n]}, each 0 or 1
   * @param theta {@code [d + 1]}
   */
  public static double loss(INDArray X, INDArray y, INDArray theta) {
    // BEGIN SOLUTION compute p, then the mean of the per-example losses
    INDArray p = probabilities(X, theta);
    double sum = 0;
    for (long i = 0; i < y.length(); i++) {
      double yi = y.getDouble(i);
      double pi = p.getDouble(i);
      sum += yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi);
    }
    return -sum / y.length();
    // END SOLUTION
  }

  /**
   * The gradient of {@link #loss} with respect to {@code theta}: {@code dL/dw = (1/n) X^T (p - y)}
   * and {@code dL/db = (1/n) sum_i (p_i - y_i)}, as one vector {@code [d + 1]} (bias last).
   */
  public static INDArray gradient(INDArray X, INDArray y, INDArray theta) {
    // BEGIN SOLUTION the error p - y, then X^T times it, both divided by n; the bias gradient last
    long n = X.rows();
    long d = X.columns();
    INDArray error = probabilities(X, theta).sub(y).reshape(n, 1); // [n, 1]
    INDArray gw = X.transpose().mmul(error).reshape(d).div(n); // [d, n] x [n, 1] -> [d]
    double gb = error.sumNumber().doubleValue() / n;
    INDArray g = org.nd4j.linalg.factory.Nd4j.zeros(X.dataType(), d + 1);
    g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, d)).assign(gw);
    g.putScalar(d, gb);
    return g;
    // END SOLUTION
  }

  /**
   * Gradient descent from {@code theta = 0}: {@code steps} times {@code theta <- theta - lr *
   * gradient(X, y, theta)}, on all examples at once (full batch).
   *
   * @return the final {@code theta}, {@code [d + 1]}
   */
  public static INDArray fit(INDArray X, INDArray y, double lr, int steps) {
    // BEGIN SOLUTION start from zeros and take the gradient steps
    INDArray theta = org.nd4j.linalg.factory.Nd4j.zeros(X.dataType(), X.columns() + 1);
    for (int s = 0; s < steps; s++) {
      theta.subi(gradient(X, y, theta).mul(lr));
    }
    return theta;
    // END SOLUTION
  }

  /** {@code p = sigmoid(X w + b)}, {@code [n]}. Uses your {@link #sigmoid}. */
  public static INDArray probabilities(INDArray X, INDArray theta) {
    long d = X.columns();
    INDArray w = theta.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, d)).reshape(d, 1);
    return sigmoid(X.mmul(w).reshape(X.rows()).add(theta.getDouble(d))); // [n, d] x [d, 1] -> [n]
  }
}
