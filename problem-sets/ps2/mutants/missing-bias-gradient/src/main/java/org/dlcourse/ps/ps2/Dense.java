package org.dlcourse.ps.ps2;

// A deliberately wrong solution (tools/problem_sets_test.py grades it): missing-bias-gradient.

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense (fully connected) layer {@code Y = X W + b}, forward and backward (notebook: ps2.ipynb,
 * question q1).
 *
 * <p>Shapes: input {@code X [n, in]}, weights {@code W [in, out]}, bias {@code b [1, out]}, output
 * {@code Y [n, out]}. The weights are given (tests and the notebook choose them); {@link #forward}
 * keeps its input for {@link #backward}.
 */
public final class Dense {
  /** The weights {@code [in, out]} and the bias {@code [1, out]}; an optimiser updates them in place. */
  public final INDArray W;

  public final INDArray b;

  /** The gradients of the loss with respect to W and b, written by {@link #backward}. */
  public INDArray dW;

  public INDArray db;

  private INDArray input;

  public Dense(INDArray W, INDArray b) {
    this.W = W;
    this.b = b;
  }

  /** {@code Y = X W + b}: {@code [n, in] x [in, out] + [1, out] -> [n, out]}; keeps X. */
  public INDArray forward(INDArray X) {
    // BEGIN SOLUTION keep X, then multiply and add the bias to every row
    input = X;
    return X.mmul(W).addRowVector(b);
    // END SOLUTION
  }

  /**
   * Given {@code dY = dL/dY [n, out]}, sets {@code dW = X^T dY [in, out]} and {@code db = sum over
   * rows of dY [1, out]}, and returns {@code dX = dY W^T [n, in]}.
   */
  public INDArray backward(INDArray dY) {
    // BEGIN SOLUTION the three products of the chain rule; db sums over the examples
    dW = input.transpose().mmul(dY);
    db = b.mul(0); // forgot the bias gradient
    return dY.mmul(W.transpose());
    // END SOLUTION
  }
}
