package org.dlcourse.ps.ps2;

// A deliberately wrong solution (tools/problem_sets_test.py grades it): adam-without-bias-correction.

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) in the form DL4J uses (notebook: ps2.ipynb, question q4). For step
 * {@code t = 1, 2, ...} and gradient {@code g}:
 *
 * <pre>
 *   m <- beta1 m + (1 - beta1) g
 *   v <- beta2 v + (1 - beta2) g^2
 *   alpha_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 *   theta <- theta - alpha_t * m / (sqrt(v) + epsilon)
 * </pre>
 *
 * One Adam object per parameter array; {@code m} and {@code v} start at zero.
 */
public final class Adam {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private INDArray m;
  private INDArray v;
  private int t;

  public Adam(double lr, double beta1, double beta2, double epsilon) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** DL4J's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
  public Adam(double lr) {
    this(lr, 0.9, 0.999, 1e-8);
  }

  /** One step: updates {@code theta} in place with gradient {@code g} (same shape). */
  public void step(INDArray theta, INDArray g) {
    // BEGIN SOLUTION the moment estimates, the bias-corrected rate, then the in-place update
    if (m == null) {
      m = g.ulike().assign(0);
      v = g.ulike().assign(0);
    }
    t++;
    m.muli(beta1).addi(g.mul(1 - beta1));
    v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
    double alpha = lr; // no bias correction
    theta.subi(m.div(Transforms.sqrt(v, true).addi(epsilon)).muli(alpha));
    // END SOLUTION
  }
}
