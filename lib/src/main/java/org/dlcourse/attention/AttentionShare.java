package org.dlcourse.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where a query looks: the attention weights of one query position, and the share of attention mass
 * on the positions a task requires.
 *
 * <pre>{@code
 * INDArray w = AttentionShare.ofQuery(forward.head(0), task.length() - 1);  // [n, T]
 * double share = AttentionShare.onPositions(w, sample.answerPositions());     // mean weight there
 * }</pre>
 *
 * A query spreading its attention evenly over {@code T} positions puts {@code 1/T} on each: that is
 * the baseline a learned share is compared with.
 */
public final class AttentionShare {

  private AttentionShare() {}

  /**
   * Weights of query position {@code query}: from {@code [n, T keys, T queries]} to {@code [n, T]}.
   */
  public static INDArray ofQuery(INDArray weights, int query) {
    if (weights == null || weights.rank() != 3 || query < 0 || query >= weights.size(2)) {
      throw new IllegalArgumentException(
          "expected weights [n, keys, queries] and 0 <= query < queries but got "
              + (weights == null ? "null" : Arrays.toString(weights.shape()))
              + " and query "
              + query
              + "; pass SelfAttention.Forward.head(h)");
    }
    return weights.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(query)).dup();
  }

  /** Mean over rows of {@code rowWeights [n, T]} of the weight at {@code positions[row]}. */
  public static double onPositions(INDArray rowWeights, int[] positions) {
    if (rowWeights == null || rowWeights.rank() != 2 || rowWeights.size(0) != positions.length) {
      throw new IllegalArgumentException(
          "expected weights [n, T] with one position per row (n = "
              + positions.length
              + ") but got "
              + (rowWeights == null ? "null" : Arrays.toString(rowWeights.shape())));
    }
    double sum = 0;
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0 || positions[i] >= rowWeights.size(1)) {
        throw new IllegalArgumentException(
            "position "
                + positions[i]
                + " of row "
                + i
                + " is outside [0, "
                + rowWeights.size(1)
                + ")");
      }
      sum += rowWeights.getDouble(i, positions[i]);
    }
    return sum / positions.length;
  }
}
