package org.dlcourse.generative;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The minibatch standard-deviation feature (Karras et al., 2018, "Progressive growing of GANs"):
 * one extra input for the discriminator that describes the whole batch, not one sample.
 *
 * <p>For a batch {@code x [m, p]} (m samples of p numbers) it is the mean over the p columns of the
 * column's standard deviation over the batch,
 *
 * <pre>
 *   s_j = sqrt( (1/m) sum_i (x_ij - mu_j)^2 + eps ),   f = (1/p) sum_j s_j,
 * </pre>
 *
 * appended as column p to every row: {@code [m, p] -> [m, p + 1]}. A generator collapsed onto few
 * modes makes batches whose spread differs from a real batch's, and D can now see that.
 *
 * <p>The generator is trained through this feature too. With {@code g = dL/d[x, f]} ({@code [m, p +
 * 1]}, from D) and {@code df/dx_ij = (x_ij - mu_j) / (p m s_j)} (the mean's own term cancels since
 * {@code sum_i (x_ij - mu_j) = 0}):
 *
 * <pre>
 *   dL/dx_ij = g_ij + (sum_i g_ip) * (x_ij - mu_j) / (p m s_j)
 * </pre>
 */
public final class MinibatchStd {

  static final double EPS = 1e-8;

  private MinibatchStd() {}

  /** The feature f of a batch {@code x [m, p]} (m >= 2). */
  public static double feature(INDArray x) {
    return columnStd(requireBatch(x)).meanNumber().doubleValue();
  }

  /** {@code [m, p] -> [m, p + 1]}: x with f appended to every row (float). */
  public static INDArray append(INDArray x) {
    requireBatch(x);
    INDArray f = Nd4j.valueArrayOf(new long[] {x.size(0), 1}, feature(x), DataType.FLOAT);
    return Nd4j.hstack(x.castTo(DataType.FLOAT), f);
  }

  /** {@link #append(INDArray)} when {@code enabled}, else x unchanged. */
  static INDArray append(INDArray x, boolean enabled) {
    return enabled ? append(x) : x;
  }

  /**
   * The gradient with respect to x ({@code [m, p]}) given the gradient {@code dLdin [m, p + 1]}
   * with respect to the appended input {@code [x, f]}: the direct part plus the part through f.
   */
  public static INDArray backprop(INDArray x, INDArray dLdin) {
    requireBatch(x);
    long m = x.size(0);
    long p = x.size(1);
    if (dLdin.rank() != 2 || dLdin.size(0) != m || dLdin.size(1) != p + 1) {
      throw new IllegalArgumentException(
          "expected dL/d[x, f] of shape ["
              + m
              + ", "
              + (p + 1)
              + "] for x of shape ["
              + m
              + ", "
              + p
              + "] but got "
              + java.util.Arrays.toString(dLdin.shape()));
    }
    INDArray xf = x.castTo(DataType.DOUBLE);
    INDArray g = dLdin.castTo(DataType.DOUBLE);
    INDArray direct = g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p)).dup(); // [m, p]
    double dLdf = g.getColumn(p).sumNumber().doubleValue(); // f feeds every row
    INDArray centred = xf.subRowVector(xf.mean(true, 0)); // x_ij - mu_j, [m, p]
    INDArray s = columnStd(xf).reshape(1, p); // [1, p]
    INDArray dfdx = centred.diviRowVector(s).divi(p * m); // [m, p]
    return direct.addi(dfdx.muli(dLdf)).castTo(x.dataType());
  }

  /** s_j over the rows, {@code [p]}. */
  private static INDArray columnStd(INDArray x) {
    INDArray xd = x.castTo(DataType.DOUBLE);
    INDArray centred = xd.subRowVector(xd.mean(true, 0));
    return Transforms.sqrt(centred.muli(centred).mean(0).addi(EPS), false);
  }

  private static INDArray requireBatch(INDArray x) {
    if (x == null || x.rank() != 2 || x.size(0) < 2) {
      throw new IllegalArgumentException(
          "the minibatch-std feature needs a batch [m, p] with m >= 2 but got "
              + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
    }
    return x;
  }
}
