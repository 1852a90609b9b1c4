package org.dlcourse.ps.ps2;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax followed by cross-entropy, as one layer (notebook: ps2.ipynb, question q3). Logits {@code
 * Z [n, k]}, one-hot labels {@code Y [n, k]}.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Row-wise softmax {@code P[i, j] = exp(Z[i, j] - m_i) / sum_j exp(Z[i, j] - m_i)} with {@code
   * m_i = max_j Z[i, j]} (without the shift, a logit of 1000 overflows).
   */
  public static INDArray softmax(INDArray Z) {
    // BEGIN SOLUTION subtract each row's maximum, exponentiate, divide by the row sums
    INDArray shifted = Z.subColumnVector(Z.max(true, 1));
    INDArray e = org.nd4j.linalg.ops.transforms.Transforms.exp(shifted, false);
    return e.divColumnVector(e.sum(true, 1));
    // END SOLUTION
  }

  /** The mean cross-entropy {@code -(1/n) sum_i sum_j Y[i, j] log P[i, j]}. */
  public static double loss(INDArray Z, INDArray Y) {
    // BEGIN SOLUTION
    INDArray logP = org.nd4j.linalg.ops.transforms.Transforms.log(softmax(Z), false);
    return -logP.mul(Y).sumNumber().doubleValue() / Z.rows();
    // END SOLUTION
  }

  /** {@code dL/dZ = (P - Y) / n}, {@code [n, k]}. */
  public static INDArray gradient(INDArray Z, INDArray Y) {
    // BEGIN SOLUTION
    return softmax(Z).sub(Y).div(Z.rows());
    // END SOLUTION
  }
}
