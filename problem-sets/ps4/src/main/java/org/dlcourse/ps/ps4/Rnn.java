package org.dlcourse.ps.ps4;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A plain (Elman) recurrent layer, forward through time and backpropagation through time (notebook:
 * ps4.ipynb, question q1), with the equation and parameter layout of DL4J's {@code SimpleRnn}:
 *
 * <pre>
 *   h_t = tanh(x_t W + h_{t-1} RW + b),   h_{-1} = 0
 * </pre>
 *
 * <p>Shapes (DL4J's layout, time last): input {@code x [n, nIn, T]}, states {@code h [n, nOut, T]},
 * {@code W [nIn, nOut]}, {@code RW [nOut, nOut]}, {@code b [1, nOut]}. {@link #forward} keeps what
 * {@link #backward} needs.
 */
public final class Rnn {
  public final INDArray W;
  public final INDArray RW;
  public final INDArray b;

  /** Gradients of the loss with respect to W, RW and b, written by {@link #backward}. */
  public INDArray dW;

  public INDArray dRW;
  public INDArray db;

  private INDArray input;
  private INDArray states;

  public Rnn(INDArray W, INDArray RW, INDArray b) {
    this.W = W;
    this.RW = RW;
    this.b = b;
  }

  /** {@code x [n, nIn, T] -> h [n, nOut, T]}. */
  public INDArray forward(INDArray x) {
    // BEGIN SOLUTION step through time from h_{-1} = 0, keeping x and every h_t
    input = x;
    long n = x.size(0), hidden = W.size(1), time = x.size(2);
    states = Nd4j.zeros(x.dataType(), n, hidden, time);
    INDArray previous = Nd4j.zeros(x.dataType(), n, hidden);
    for (long t = 0; t < time; t++) {
      INDArray z = at(x, t).mmul(W).addi(previous.mmul(RW)).addiRowVector(b); // [n, nOut]
      previous = Transforms.tanh(z, true);
      at(states, t).assign(previous);
    }
    return states.dup();
    // END SOLUTION
  }

  /**
   * Backpropagation through time. {@code dh [n, nOut, T]} is how the loss depends on each state
   * directly; each step also receives the gradient that flows back from the step after it through
   * {@code RW}. Sets {@code dW}, {@code dRW}, {@code db}; returns {@code dx [n, nIn, T]}.
   */
  public INDArray backward(INDArray dh) {
    // BEGIN SOLUTION from t = T-1 down to 0: total dL/dh_t, through tanh, into W, RW, b and x
    long time = input.size(2);
    dW = Nd4j.zeros(W.dataType(), W.shape());
    dRW = Nd4j.zeros(RW.dataType(), RW.shape());
    db = Nd4j.zeros(b.dataType(), 1, b.length());
    INDArray dx = Nd4j.zeros(input.dataType(), input.shape());
    INDArray fromLater = Nd4j.zeros(dh.dataType(), dh.size(0), dh.size(1)); // via h_{t+1}
    for (long t = time - 1; t >= 0; t--) {
      INDArray h = at(states, t);
      INDArray dz = at(dh, t).add(fromLater).muli(h.mul(h).rsubi(1)); // tanh' = 1 - h^2
      dW.addi(at(input, t).transpose().mmul(dz)); // [nIn, n] x [n, nOut]
      if (t > 0) {
        dRW.addi(at(states, t - 1).transpose().mmul(dz)); // h_{-1} = 0 adds nothing
      }
      db.addi(dz.sum(true, 0));
      at(dx, t).assign(dz.mmul(W.transpose()));
      fromLater = dz.mmul(RW.transpose());
    }
    return dx;
    // END SOLUTION
  }

  /** {@code a[:, :, t]}, a {@code [n, features]} view. */
  static INDArray at(INDArray a, long t) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
  }
}
