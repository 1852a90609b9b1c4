package org.dlcourse.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention (Vaswani et al. 2017), written out on NDArrays:
 *
 * <pre>
 *   scores  S = Kᵀ Q / √d          [batch, Tk, Tq]   S[b, i, j] = k_i · q_j / √d
 *   weights A = softmax over i (S)  [batch, Tk, Tq]   each column sums to 1
 *   output  O = V A                 [batch, dv, Tq]   o_j = Σ_i A[i, j] v_i
 * </pre>
 *
 * with queries {@code Q [batch, d, Tq]}, keys {@code K [batch, d, Tk]} and values {@code V [batch,
 * dv, Tk]} in DL4J's batch-major layout (one position per column). Dividing by √d keeps the scores'
 * variance near 1 when the entries of q and k are independent with variance 1 (a sum of d products
 * has variance d), so the softmax does not saturate as d grows.
 *
 * <pre>{@code
 * Attention a = ScaledDotProductAttention.attend(q, k, v);   // a.output() [b, dv, Tq], a.weights() [b, Tk, Tq]
 * }</pre>
 */
public final class ScaledDotProductAttention {

  private ScaledDotProductAttention() {}

  /** The output and the weights of one attention step. */
  public record Attention(INDArray output, INDArray weights) {}

  /** Attention of queries {@code q} over keys {@code k} with values {@code v}, scaled by √d. */
  public static Attention attend(INDArray q, INDArray k, INDArray v) {
    requireShapes(q, k, v);
    double scale = 1.0 / Math.sqrt(q.size(1));
    INDArray scores = Nd4j.matmul(k, q, true, false, false).muli(scale); // Kᵀ Q: [b, Tk, Tq]
    INDArray weights = softmaxOverKeys(scores); // [b, Tk, Tq]
    INDArray output = Nd4j.matmul(v, weights); // V A: [b, dv, Tq]
    return new Attention(output, weights);
  }

  /**
   * Softmax along dimension 1 (the keys) of {@code scores [b, Tk, Tq]}, after subtracting each
   * column's maximum so that {@code exp} cannot overflow (the result is unchanged by the shift).
   */
  static INDArray softmaxOverKeys(INDArray scores) {
    INDArray max = scores.max(true, 1); // [b, 1, Tq]
    INDArray e = Transforms.exp(scores.sub(max), false); // [b, Tk, Tq]
    return e.divi(e.sum(true, 1));
  }

  private static void requireShapes(INDArray q, INDArray k, INDArray v) {
    if (q == null || k == null || v == null) {
      throw new IllegalArgumentException("queries, keys and values must not be null");
    }
    if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3) {
      throw new IllegalArgumentException(
          "expected rank-3 arrays [batch, features, positions] but got q "
              + Arrays.toString(q.shape())
              + ", k "
              + Arrays.toString(k.shape())
              + ", v "
              + Arrays.toString(v.shape())
              + "; for one sequence add the batch dimension: x.reshape(1, d, T)");
    }
    boolean fits =
        q.size(0) == k.size(0)
            && k.size(0) == v.size(0)
            && q.size(1) == k.size(1)
            && k.size(2) == v.size(2);
    if (!fits) {
      throw new IllegalArgumentException(
          "expected q [b, d, Tq], k [b, d, Tk], v [b, dv, Tk] (same b; q and k share d; k and v"
              + " share Tk) but got q "
              + Arrays.toString(q.shape())
              + ", k "
              + Arrays.toString(k.shape())
              + ", v "
              + Arrays.toString(v.shape()));
    }
  }
}
