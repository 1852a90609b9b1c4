package org.dlcourse.ps.ps4;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An LSTM layer, forward through time and backpropagation through time (notebook: ps4.ipynb,
 * question q2), with the parameter layout of DL4J's {@code LSTM} layer (no peepholes). With {@code
 * H = nOut}, one product gives the pre-activations of all four blocks:
 *
 * <pre>
 *   a_t = x_t W + h_{t-1} RW + b                  [n, 4H], columns in DL4J's order:
 *   g = tanh(a[:, 0:H])        block input (the candidate cell value)
 *   f = sigmoid(a[:, H:2H])    forget gate
 *   o = sigmoid(a[:, 2H:3H])   output gate
 *   i = sigmoid(a[:, 3H:4H])   input gate
 *   c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t),   h_{-1} = c_{-1} = 0
 * </pre>
 *
 * <p>Shapes: {@code x [n, nIn, T]}, {@code h [n, H, T]}, {@code W [nIn, 4H]}, {@code RW [H, 4H]},
 * {@code b [1, 4H]}.
 */
public final class Lstm {
  public final INDArray W;
  public final INDArray RW;
  public final INDArray b;

  /** Gradients of the loss with respect to W, RW and b, written by {@link #backward}. */
  public INDArray dW;

  public INDArray dRW;
  public INDArray db;

  private INDArray input;
  private final List<INDArray> gates = new ArrayList<>(); // per step: [g, f, o, i] as [n, 4H]
  private final List<INDArray> cells = new ArrayList<>(); // per step: c_t [n, H]
  private final List<INDArray> outputs = new ArrayList<>(); // per step: h_t [n, H]

  public Lstm(INDArray W, INDArray RW, INDArray b) {
    this.W = W;
    this.RW = RW;
    this.b = b;
  }

  /** {@code x [n, nIn, T] -> h [n, H, T]}. */
  public INDArray forward(INDArray x) {
    // BEGIN SOLUTION per step: one product for the four blocks, activations, cell, output
    input = x;
    gates.clear();
    cells.clear();
    outputs.clear();
    long n = x.size(0), H = RW.size(0), time = x.size(2);
    INDArray h = Nd4j.zeros(x.dataType(), n, H);
    INDArray c = Nd4j.zeros(x.dataType(), n, H);
    INDArray all = Nd4j.zeros(x.dataType(), n, H, time);
    for (long t = 0; t < time; t++) {
      INDArray a = Rnn.at(x, t).mmul(W).addi(h.mmul(RW)).addiRowVector(b); // [n, 4H]
      INDArray act = a.dup();
      Transforms.tanh(block(act, 0, H), false);
      Transforms.sigmoid(act.get(NDArrayIndex.all(), NDArrayIndex.interval(H, 4 * H)), false);
      c = block(act, 1, H).mul(c).addi(block(act, 3, H).mul(block(act, 0, H)));
      h = block(act, 2, H).mul(Transforms.tanh(c, true));
      gates.add(act);
      cells.add(c);
      outputs.add(h);
      Rnn.at(all, t).assign(h);
    }
    return all;
    // END SOLUTION
  }

  /**
   * Backpropagation through time: {@code dh [n, H, T]} is how the loss depends on each output
   * directly. Sets {@code dW}, {@code dRW}, {@code db}; returns {@code dx [n, nIn, T]}.
   */
  public INDArray backward(INDArray dh) {
    // BEGIN SOLUTION from the last step back: dh and dc from the step after, then the 4 blocks
    long n = dh.size(0), H = RW.size(0), time = input.size(2);
    dW = Nd4j.zeros(W.dataType(), W.shape());
    dRW = Nd4j.zeros(RW.dataType(), RW.shape());
    db = Nd4j.zeros(b.dataType(), 1, b.length());
    INDArray dx = Nd4j.zeros(input.dataType(), input.shape());
    INDArray dhLater = Nd4j.zeros(dh.dataType(), n, H); // dL/dh_t through step t+1
    INDArray dcLater = Nd4j.zeros(dh.dataType(), n, H); // dL/dc_t through c_{t+1}
    for (long t = time - 1; t >= 0; t--) {
      INDArray act = gates.get((int) t);
      INDArray g = block(act, 0, H),
          f = block(act, 1, H),
          o = block(act, 2, H),
          i = block(act, 3, H);
      INDArray cPrev = t > 0 ? cells.get((int) t - 1) : Nd4j.zeros(dh.dataType(), n, H);
      INDArray hPrev = t > 0 ? outputs.get((int) t - 1) : Nd4j.zeros(dh.dataType(), n, H);
      INDArray tanhC = Transforms.tanh(cells.get((int) t), true);
      INDArray dht = Rnn.at(dh, t).add(dhLater);
      INDArray dc = dht.mul(o).muli(tanhC.mul(tanhC).rsubi(1)).addi(dcLater);
      INDArray da = Nd4j.zeros(dh.dataType(), n, 4 * H); // dL/da_t, the pre-activations
      block(da, 0, H).assign(dc.mul(i).muli(g.mul(g).rsubi(1))); // tanh' = 1 - g^2
      block(da, 1, H).assign(dc.mul(cPrev).muli(sigmoidDerivative(f)));
      block(da, 2, H).assign(dht.mul(tanhC).muli(sigmoidDerivative(o)));
      block(da, 3, H).assign(dc.mul(g).muli(sigmoidDerivative(i)));
      dW.addi(Rnn.at(input, t).transpose().mmul(da));
      dRW.addi(hPrev.transpose().mmul(da));
      db.addi(da.sum(true, 0));
      Rnn.at(dx, t).assign(da.mmul(W.transpose()));
      dhLater = da.mmul(RW.transpose());
      dcLater = dc.mul(f);
    }
    return dx;
    // END SOLUTION
  }

  /**
   * Columns {@code [k H, (k + 1) H)} of a {@code [n, 4H]} array: block k in DL4J's order, a view.
   */
  static INDArray block(INDArray a, int k, long H) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * H, (k + 1) * H));
  }

  /** {@code s (1 - s)} from a sigmoid's output {@code s}. */
  static INDArray sigmoidDerivative(INDArray s) {
    return s.mul(s.rsub(1));
  }
}
