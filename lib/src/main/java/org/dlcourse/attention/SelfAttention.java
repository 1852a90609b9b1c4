package org.dlcourse.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-head self-attention with input projections, from scratch: what DL4J's {@code
 * SelfAttentionLayer} (with {@code projectInput(true)}) computes, in the same parameter layout, so
 * that a trained layer's attention weights can be recomputed and looked at.
 *
 * <p>For each head {@code h} and input {@code x [batch, nIn, T]}:
 *
 * <pre>
 *   Q_h = Wq[h] x,  K_h = Wk[h] x,  V_h = Wv[h] x      [batch, headSize, T]   (Wq[h] is [headSize, nIn])
 *   A_h = softmax over keys (K_hᵀ Q_h / √headSize)      [batch, T, T]           (keys × queries)
 *   O_h = V_h A_h                                        [batch, headSize, T]
 *   out = Woᵀ [O_1; …; O_H]                              [batch, nOut, T]        (Wo is [H·headSize, nOut])
 * </pre>
 *
 * No biases: DL4J's layer has none.
 *
 * <pre>{@code
 * SelfAttention attention = SelfAttention.of(network.getLayer(0));  // the trained layer's Wq, Wk, Wv, Wo
 * SelfAttention.Forward f = attention.forward(x);                   // f.weights() [b, heads, T, T]
 * }</pre>
 *
 * @param wq query projections {@code [heads, headSize, nIn]}
 * @param wk key projections {@code [heads, headSize, nIn]}
 * @param wv value projections {@code [heads, headSize, nIn]}
 * @param wo output projection {@code [heads·headSize, nOut]}
 */
public record SelfAttention(INDArray wq, INDArray wk, INDArray wv, INDArray wo) {

  /** DL4J's parameter names in a {@code SelfAttentionLayer}. */
  public static final String QUERY = "Wq", KEY = "Wk", VALUE = "Wv", OUT = "Wo";

  /** Rejects projections whose shapes do not fit together, naming them. */
  public SelfAttention {
    boolean fits =
        wq != null
            && wk != null
            && wv != null
            && wo != null
            && wq.rank() == 3
            && Arrays.equals(wq.shape(), wk.shape())
            && Arrays.equals(wq.shape(), wv.shape())
            && wo.rank() == 2
            && wo.size(0) == wq.size(0) * wq.size(1);
    if (!fits) {
      throw new IllegalArgumentException(
          "expected Wq, Wk, Wv of shape [heads, headSize, nIn] and Wo of shape [heads*headSize,"
              + " nOut] but got "
              + describe(wq, wk, wv, wo)
              + "; take them from a SelfAttentionLayer built with projectInput(true)");
    }
  }

  /** The projections of a DL4J {@code SelfAttentionLayer} (built with {@code projectInput}). */
  public static SelfAttention of(Layer layer) {
    if (layer == null || !layer.paramTable().containsKey(QUERY)) {
      throw new IllegalArgumentException(
          "expected a SelfAttentionLayer with projectInput(true) (parameters Wq, Wk, Wv, Wo) but got "
              + (layer == null ? "null" : layer.paramTable().keySet())
              + "; pass network.getLayer(i) of the attention layer");
    }
    return new SelfAttention(
        layer.getParam(QUERY), layer.getParam(KEY), layer.getParam(VALUE), layer.getParam(OUT));
  }

  /** Number of heads. */
  public int heads() {
    return (int) wq.size(0);
  }

  /** Inputs per position, {@code nIn}. */
  public long inputs() {
    return wq.size(2);
  }

  /** The layer's output and every head's attention weights. */
  public record Forward(INDArray output, INDArray weights) {
    /** Head {@code h}'s weights {@code [batch, T keys, T queries]}. */
    public INDArray head(int h) {
      return weights.get(NDArrayIndex.all(), NDArrayIndex.point(h)).dup();
    }
  }

  /**
   * Runs the layer on {@code x [batch, nIn, T]}: output {@code [batch, nOut, T]}, weights {@code
   * [batch, heads, T, T]}.
   */
  public Forward forward(INDArray x) {
    if (x == null || x.rank() != 3 || x.size(1) != inputs()) {
      throw new IllegalArgumentException(
          "expected x of shape [batch, "
              + inputs()
              + ", T] but got "
              + (x == null ? "null" : Arrays.toString(x.shape()))
              + "; encode each position with nIn = "
              + inputs()
              + " features");
    }
    INDArray input = x.castTo(wq.dataType());
    List<INDArray> outputs = new ArrayList<>();
    List<INDArray> weights = new ArrayList<>();
    for (int h = 0; h < heads(); h++) {
      ScaledDotProductAttention.Attention a =
          ScaledDotProductAttention.attend(
              project(slice(wq, h), input),
              project(slice(wk, h), input),
              project(slice(wv, h), input));
      outputs.add(a.output()); // [b, headSize, T]
      weights.add(a.weights().reshape(x.size(0), 1, x.size(2), x.size(2))); // [b, 1, T, T]
    }
    INDArray concatenated = Nd4j.concat(1, outputs.toArray(INDArray[]::new)); // [b, H·headSize, T]
    INDArray output = project(wo.transpose(), concatenated); // [b, nOut, T]
    return new Forward(output, Nd4j.concat(1, weights.toArray(INDArray[]::new)));
  }

  /**
   * {@code W x} at every position: {@code W [out, in]}, {@code x [b, in, T]} → {@code [b, out, T]}.
   */
  static INDArray project(INDArray w, INDArray x) {
    long b = x.size(0), t = x.size(2);
    INDArray rows = x.permute(0, 2, 1).dup().reshape(b * t, x.size(1)); // [b·T, in]
    INDArray projected = rows.mmul(w.transpose()); // [b·T, out]
    return projected.reshape(b, t, w.size(0)).permute(0, 2, 1).dup(); // [b, out, T]
  }

  private static INDArray slice(INDArray w, int h) {
    return w.get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all()); // [headSize, nIn]
  }

  private static String describe(INDArray... arrays) {
    List<String> shapes = new ArrayList<>();
    for (INDArray a : arrays) {
      shapes.add(a == null ? "null" : Arrays.toString(a.shape()));
    }
    return String.join(", ", shapes);
  }
}
