package org.dlcourse.train.fast;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link Dropout} on a layer's input, as DL4J 1.0.0-M2.1 computes it ({@code
 * Dropout.applyDropout} and {@code Dropout.backprop} without the CUDA helper). {@code p} is the
 * probability to KEEP a unit ("inverted dropout"); for a layer input {@code x} {@code [b, n]}:
 *
 * <pre>
 * mask  = DropOutInverted(ones [b, n], p):  1/p with probability p, else 0
 * x'    = x * mask                           (the layer computes z = x' W + b)
 * dL/dx = dL/dx' * mask                      (the same mask in the backward pass)
 * </pre>
 *
 * The mask is drawn with the same random op, on an array of the same shape and order, as DL4J draws
 * it, so from the same {@code Nd4j.getRandom()} state both paths drop the same units. Only in
 * training: inference ({@code network.output}) never calls this.
 */
final class InputDropout {

  private InputDropout() {}

  /**
   * Why this path cannot apply {@code dropout} (another kind than DL4J's plain {@link Dropout}, a
   * schedule, p outside (0, 1]), or null when it can.
   */
  static String whyNot(IDropout dropout) {
    if (dropout.getClass() != Dropout.class) {
      return dropout.getClass().getSimpleName()
          + " (the fast path has DL4J's Dropout with a fixed retain probability)";
    }
    Dropout d = (Dropout) dropout;
    if (d.getPSchedule() != null) {
      return "a dropout schedule (the fast path has a fixed retain probability)";
    }
    if (!(d.getP() > 0 && d.getP() <= 1)) {
      return "dropout retain probability " + d.getP() + " outside (0, 1]";
    }
    return null;
  }

  /** The retain probability p of a layer's dropout, 0 when the layer has none. */
  static double retainProbability(IDropout dropout) {
    return dropout == null ? 0 : ((Dropout) dropout).getP();
  }

  /** Fills {@code mask} with 1/p (probability p) or 0, drawn as DL4J draws it. */
  static void drawMask(INDArray mask, double p) {
    mask.assign(1.0);
    Nd4j.getExecutioner().exec(new DropOutInverted(mask, mask, p));
  }

  /** {@code out = in * mask}, elementwise ({@code out} may be {@code in}). */
  static void multiply(INDArray in, INDArray mask, INDArray out) {
    Nd4j.getExecutioner().exec(new MulOp(in, mask, out));
  }
}
