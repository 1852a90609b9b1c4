package org.dlcourse.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GRU written by hand on NDArrays, forward and backward: the reference that {@link Gru} (DL4J
 * layer) is tested against.
 *
 * <p>With input {@code x_t} {@code [batch, nIn]} and state {@code h} {@code [batch, n]}, one step
 * is
 *
 * <pre>
 *   r   = σ(x_t Wx_r + h Wh_r + b_r)            reset gate
 *   u   = σ(x_t Wx_u + h Wh_u + b_u)            update gate
 *   c   = tanh(x_t Wx_c + b_c + r ⊙ (h Wh_c))   candidate state
 *   h'  = u ⊙ h + (1 − u) ⊙ c
 * </pre>
 *
 * The reset gate scales the recurrent part of the candidate after the product with {@code Wh_c} (as
 * ND4J's {@code gru} op, cuDNN and PyTorch do; Cho et al. 2014 put it before). Parameters as in
 * {@link Gru}: {@code Wx [nIn, 3n]}, {@code Wh [n, 3n]}, {@code b [1, 3n]}, the three blocks of
 * columns in the order r, u, c. Double precision.
 */
public final class GruReference {

  private final INDArray Wx; // [nIn, 3n]
  private final INDArray Wh; // [n, 3n]
  private final INDArray b; // [1, 3n]
  private final long n;

  private GruReference(INDArray Wx, INDArray Wh, INDArray b) {
    this.Wx = Wx;
    this.Wh = Wh;
    this.b = b;
    this.n = Wh.size(0);
  }

  /** A reference GRU with these parameters (copied to double precision), shapes checked. */
  public static GruReference of(INDArray Wx, INDArray Wh, INDArray b) {
    Objects.requireNonNull(Wx, "Wx must not be null");
    long n = Wx.size(1) / 3;
    if (Wx.rank() != 2 || Wx.size(1) != 3 * n || n == 0) {
      throw new IllegalArgumentException(
          "expected Wx of shape [nIn, 3n] (gates r, u, c) but got "
              + java.util.Arrays.toString(Wx.shape()));
    }
    Shapes.requireShape(Wh, "Wh", n, 3 * n);
    Shapes.requireShape(b.reshape(1, b.length()), "b", 1, 3 * n);
    return new GruReference(
        Shapes.asDouble(Wx).dup(),
        Shapes.asDouble(Wh).dup(),
        Shapes.asDouble(b).reshape(1, 3 * n).dup());
  }

  /** The stored forward pass: input {@code [batch, nIn, T]}, states {@code [batch, n, T]}. */
  public record Forward(INDArray x, INDArray h, List<INDArray[]> gates) {}

  /** Gradients with respect to the parameters and the input (shapes as the parameters / x). */
  public record Gradients(INDArray dWx, INDArray dWh, INDArray db, INDArray dx) {}

  /** Runs the GRU over {@code x} {@code [batch, nIn, T]} from {@code h = 0}. */
  public Forward forward(INDArray x) {
    Shapes.requireSequence(x, Wx.size(0), "x");
    INDArray x64 = Shapes.asDouble(x);
    long batch = x.size(0), time = x.size(2);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, batch, n, time);
    INDArray previous = Nd4j.zeros(DataType.DOUBLE, batch, n);
    List<INDArray[]> gates = new ArrayList<>();
    for (long t = 0; t < time; t++) {
      INDArray xt = RnnCell.step(x64, t);
      INDArray zx = xt.mmul(Wx).addiRowVector(b); // [batch, 3n]
      INDArray zh = previous.mmul(Wh); // [batch, 3n]: the r, u and c parts of h Wh
      INDArray r =
          Transforms.sigmoid(zx.get(all(), cols(0, 1)).add(zh.get(all(), cols(0, 1))), false);
      INDArray u =
          Transforms.sigmoid(zx.get(all(), cols(1, 2)).add(zh.get(all(), cols(1, 2))), false);
      INDArray m = zh.get(all(), cols(2, 3)).dup(); // h Wh_c, before the reset gate scales it
      INDArray c = Transforms.tanh(zx.get(all(), cols(2, 3)).add(r.mul(m)), false);
      INDArray next = u.mul(previous).addi(u.rsub(1).muli(c)); // u ⊙ h + (1 − u) ⊙ c
      gates.add(new INDArray[] {r, u, c, previous, m});
      h.get(all(), all(), NDArrayIndex.point(t)).assign(next);
      previous = next;
    }
    return new Forward(x64, h, gates);
  }

  /**
   * Backpropagation through time for {@code dLdh} {@code [batch, n, T]} (as in {@link RnnCell}).
   */
  public Gradients backward(Forward forward, INDArray dLdh) {
    Shapes.requireShape(dLdh, "dLdh", forward.h().shape());
    INDArray x = forward.x(), g = Shapes.asDouble(dLdh);
    long batch = x.size(0), time = x.size(2);
    INDArray dWx = Nd4j.zeros(DataType.DOUBLE, Wx.shape());
    INDArray dWh = Nd4j.zeros(DataType.DOUBLE, Wh.shape());
    INDArray db = Nd4j.zeros(DataType.DOUBLE, b.shape());
    INDArray dx = Nd4j.zeros(DataType.DOUBLE, x.shape());
    INDArray fromLater = Nd4j.zeros(DataType.DOUBLE, batch, n);
    for (long t = time - 1; t >= 0; t--) {
      INDArray[] s = forward.gates().get((int) t);
      INDArray r = s[0], u = s[1], c = s[2], h = s[3], m = s[4];
      INDArray dh = RnnCell.step(g, t).addi(fromLater); // dL/dh'
      INDArray dzu = dh.mul(h.sub(c)).muli(u.mul(u.rsub(1))); // h' = c + u (h − c)
      INDArray dzc = dh.mul(u.rsub(1)).muli(c.mul(c).rsubi(1)); // tanh' = 1 − c²
      INDArray dzr = dzc.mul(m).muli(r.mul(r.rsub(1))); // z_c contains r ⊙ m
      INDArray dz = Nd4j.hstack(dzr, dzu, dzc); // [batch, 3n]: dL/dz for the x side
      INDArray dzh = Nd4j.hstack(dzr, dzu, dzc.mul(r)); // [batch, 3n]: dL/d(h Wh)
      dWx.addi(RnnCell.step(x, t).transpose().mmul(dz)); // [nIn, batch] · [batch, 3n]
      db.addi(dz.sum(true, 0));
      dWh.addi(h.transpose().mmul(dzh)); // [n, batch] · [batch, 3n]
      dx.get(all(), all(), NDArrayIndex.point(t)).assign(dz.mmul(Wx.transpose()));
      fromLater = dh.mul(u).addi(dzh.mmul(Wh.transpose())); // through u ⊙ h and through h Wh
    }
    return new Gradients(dWx, dWh, db, dx);
  }

  private static INDArrayIndex all() {
    return NDArrayIndex.all();
  }

  /** Columns of gate blocks {@code [from, to)} (block 0 = r, 1 = u, 2 = c). */
  private INDArrayIndex cols(int from, int to) {
    return NDArrayIndex.interval(from * n, to * n);
  }

  @Override
  public String toString() {
    return String.format("GruReference(nIn=%d, n=%d)", Wx.size(0), n);
  }
}
