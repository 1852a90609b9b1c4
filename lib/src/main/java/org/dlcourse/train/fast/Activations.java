package org.dlcourse.train.fast;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of the hidden activations, computed from the layer's OUTPUT {@code h = f(z)}
 * (the forward pass overwrites {@code z} with {@code h} in place), all arrays {@code [b, n]}.
 */
final class Activations {

  /** The hidden activations the fast path implements. */
  enum Kind {
    RELU,
    LEAKY_RELU,
    SIGMOID,
    TANH,
    IDENTITY
  }

  private Activations() {}

  /**
   * {@code dz = dh * f'(z)} in place on {@code dh}, with {@code scratch} as working memory:
   *
   * <ul>
   *   <li>ReLU: {@code f'(z) = [z > 0] = [h > 0]} (DL4J's derivative at 0 is 0 too);
   *   <li>leaky ReLU: {@code f'(z) = 1 if h > 0 else alpha} (h and z have the same sign);
   *   <li>sigmoid: {@code f'(z) = h (1 - h)}; tanh: {@code f'(z) = 1 - h^2}; identity: 1.
   * </ul>
   *
   * The ReLU mask is a {@code Step} plus a product: about 4x faster here than ND4J's {@code
   * ThresholdReluBp} (issue 13's profile).
   */
  static void backward(Kind kind, double alpha, INDArray h, INDArray dh, INDArray scratch) {
    switch (kind) {
      case RELU -> {
        Nd4j.exec(new Step(h, scratch, 0.0)); // [h > 0]
        dh.muli(scratch);
      }
      case LEAKY_RELU -> {
        Nd4j.exec(new Step(h, scratch, 0.0));
        scratch.muli(1 - alpha).addi(alpha); // 1 where h > 0, alpha elsewhere
        dh.muli(scratch);
      }
      case SIGMOID -> {
        h.rsub(1.0, scratch).muli(h); // h (1 - h)
        dh.muli(scratch);
      }
      case TANH -> {
        h.mul(h, scratch).rsubi(1.0); // 1 - h^2
        dh.muli(scratch);
      }
      case IDENTITY -> {
        // f'(z) = 1: nothing to do
      }
    }
  }
}
