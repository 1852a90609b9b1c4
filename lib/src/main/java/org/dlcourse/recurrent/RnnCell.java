package org.dlcourse.recurrent;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A plain (Elman) RNN written from scratch: forward through time and backpropagation through time.
 *
 * <p>With input {@code x_t} {@code [batch, nIn]} and state {@code h_t} {@code [batch, nOut]}:
 *
 * <pre>
 *   h_t = tanh(x_t W + h_{t-1} RW + b),   h_{-1} = 0
 * </pre>
 *
 * with {@code W [nIn, nOut]}, {@code RW [nOut, nOut]}, {@code b [1, nOut]}: the same equation and
 * parameter names as DL4J's {@code SimpleRnn}, so {@link #copyOf(Layer)} gives a cell whose output
 * equals DL4J's. All arithmetic is in double precision.
 *
 * <pre>{@code
 * RnnCell cell = RnnCell.copyOf(net.getLayer(0));        // DL4J's weights
 * RnnCell.Forward f = cell.forward(x);                    // x [batch, nIn, T] -> f.h() [batch, nOut, T]
 * RnnCell.Gradients g = cell.backward(f, dLdh);           // dLdh [batch, nOut, T]
 * }</pre>
 */
public final class RnnCell {

  private final INDArray W; // [nIn, nOut]
  private final INDArray RW; // [nOut, nOut]
  private final INDArray b; // [1, nOut]

  private RnnCell(INDArray W, INDArray RW, INDArray b) {
    this.W = W;
    this.RW = RW;
    this.b = b;
  }

  /** A cell with these parameters (copied, in double precision), shapes checked. */
  public static RnnCell of(INDArray W, INDArray RW, INDArray b) {
    Objects.requireNonNull(W, "W must not be null");
    long nIn = W.size(0), nOut = W.size(1);
    Shapes.requireShape(RW, "RW (recurrent weights)", nOut, nOut);
    Shapes.requireShape(b.reshape(1, b.length()), "b (bias)", 1, nOut);
    return new RnnCell(
        Shapes.asDouble(W).dup(),
        Shapes.asDouble(RW).dup(),
        Shapes.asDouble(b).reshape(1, nOut).dup());
  }

  /** A copy of the parameters of a DL4J {@code SimpleRnn} layer ({@code net.getLayer(i)}). */
  public static RnnCell copyOf(Layer simpleRnn) {
    if (!(simpleRnn instanceof org.deeplearning4j.nn.layers.recurrent.SimpleRnn)) {
      throw new IllegalArgumentException(
          "expected a SimpleRnn layer but got "
              + (simpleRnn == null ? "null" : simpleRnn.getClass().getSimpleName())
              + "; pass net.getLayer(i) of the SimpleRnn (for LastTimeStep, its getUnderlying())");
    }
    Map<String, INDArray> p = simpleRnn.paramTable();
    return of(p.get("W"), p.get("RW"), p.get("b"));
  }

  /** Inputs per step. */
  public long nIn() {
    return W.size(0);
  }

  /** State size (outputs per step). */
  public long nOut() {
    return W.size(1);
  }

  /**
   * The stored forward pass.
   *
   * @param x the input, {@code [batch, nIn, T]}
   * @param h the states {@code h_0 … h_{T-1}}, {@code [batch, nOut, T]}
   */
  public record Forward(INDArray x, INDArray h) {}

  /**
   * Gradients of a loss with respect to the parameters and the input.
   *
   * @param dW {@code [nIn, nOut]}
   * @param dRW {@code [nOut, nOut]}
   * @param db {@code [1, nOut]}
   * @param dx {@code [batch, nIn, T]}: how the loss depends on each input step
   */
  public record Gradients(INDArray dW, INDArray dRW, INDArray db, INDArray dx) {}

  /** Runs the recurrence over all {@code T} steps of {@code x} {@code [batch, nIn, T]}. */
  public Forward forward(INDArray x) {
    Shapes.requireSequence(x, nIn(), "x");
    INDArray x64 = Shapes.asDouble(x);
    long batch = x.size(0), time = x.size(2);
    INDArray h = Nd4j.zeros(DataType.DOUBLE, batch, nOut(), time);
    INDArray previous = Nd4j.zeros(DataType.DOUBLE, batch, nOut()); // h_{-1} = 0
    for (long t = 0; t < time; t++) {
      INDArray z = step(x64, t).mmul(W).addi(previous.mmul(RW)).addiRowVector(b); // [batch, nOut]
      previous = Transforms.tanh(z, true);
      h.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(previous);
    }
    return new Forward(x64, h);
  }

  /**
   * Backpropagation through time. {@code dLdh} {@code [batch, nOut, T]} is the gradient of the loss
   * with respect to each state as the loss uses it directly (zero at steps the loss does not read);
   * walking back from the last step, each step adds the gradient that arrives through {@code RW}
   * from the step after it.
   */
  public Gradients backward(Forward forward, INDArray dLdh) {
    Shapes.requireShape(dLdh, "dLdh", forward.h().shape());
    INDArray x = forward.x(), h = forward.h(), g = Shapes.asDouble(dLdh);
    long batch = x.size(0), time = x.size(2);
    INDArray dW = Nd4j.zeros(DataType.DOUBLE, nIn(), nOut());
    INDArray dRW = Nd4j.zeros(DataType.DOUBLE, nOut(), nOut());
    INDArray db = Nd4j.zeros(DataType.DOUBLE, 1, nOut());
    INDArray dx = Nd4j.zeros(DataType.DOUBLE, batch, nIn(), time);
    INDArray fromLater = Nd4j.zeros(DataType.DOUBLE, batch, nOut()); // dL/dh_t through h_{t+1}
    for (long t = time - 1; t >= 0; t--) {
      INDArray ht = step(h, t);
      INDArray dh = step(g, t).add(fromLater); // total dL/dh_t
      INDArray dz = dh.mul(ht.mul(ht).rsubi(1)); // tanh'(z) = 1 - h_t^2
      dW.addi(step(x, t).transpose().mmul(dz)); // [nIn, batch] · [batch, nOut]
      if (t > 0) {
        dRW.addi(step(h, t - 1).transpose().mmul(dz)); // [nOut, batch] · [batch, nOut]
      }
      db.addi(dz.sum(true, 0));
      dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
          .assign(dz.mmul(W.transpose()));
      fromLater = dz.mmul(RW.transpose()); // [batch, nOut] · [nOut, nOut]
    }
    return new Gradients(dW, dRW, db, dx);
  }

  /** Slice {@code a[:, :, t]} as a {@code [batch, features]} matrix. */
  static INDArray step(INDArray a, long t) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).dup();
  }

  @Override
  public String toString() {
    return String.format(
        "RnnCell(nIn=%d, nOut=%d): h_t = tanh(x_t W + h_{t-1} RW + b)", nIn(), nOut());
  }
}
