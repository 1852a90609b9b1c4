package org.dlcourse.ps.ps2;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation functions, forward and backward (notebook: ps2.ipynb, question q2). Every method
 * returns a new array of its input's shape and leaves its inputs unchanged. A backward method gets
 * the upstream gradient {@code dOut = dL/d(output)} and returns {@code dL/d(input)}.
 */
public final class Activations {
  private Activations() {}

  /** {@code max(0, z)}. */
  public static INDArray relu(INDArray z) {
    // BEGIN SOLUTION
    return Transforms.relu(z, true);
    // END SOLUTION
  }

  /** {@code dOut * [z > 0]} (the derivative at exactly 0 is taken as 0). */
  public static INDArray reluBackward(INDArray z, INDArray dOut) {
    // BEGIN SOLUTION a mask of the positive entries times dOut
    return dOut.mul(z.gt(0).castTo(dOut.dataType()));
    // END SOLUTION
  }

  /** {@code 1 / (1 + exp(-z))}. */
  public static INDArray sigmoid(INDArray z) {
    // BEGIN SOLUTION
    return Transforms.sigmoid(z, true);
    // END SOLUTION
  }

  /** From the sigmoid's output {@code s}: {@code dOut * s (1 - s)}. */
  public static INDArray sigmoidBackward(INDArray s, INDArray dOut) {
    // BEGIN SOLUTION
    return dOut.mul(s.mul(s.rsub(1)));
    // END SOLUTION
  }

  /** {@code tanh(z)}. */
  public static INDArray tanh(INDArray z) {
    // BEGIN SOLUTION
    return Transforms.tanh(z, true);
    // END SOLUTION
  }

  /** From tanh's output {@code t}: {@code dOut * (1 - t^2)}. */
  public static INDArray tanhBackward(INDArray t, INDArray dOut) {
    // BEGIN SOLUTION
    return dOut.mul(t.mul(t).rsub(1));
    // END SOLUTION
  }
}
