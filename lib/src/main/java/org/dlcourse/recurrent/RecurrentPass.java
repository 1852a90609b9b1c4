package org.dlcourse.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of a hand-written recurrent layer ({@link GruPass}, {@link LstmPass}, {@link
 * PlainRnnPass}) over an input {@code x [batch, nIn, T]}, kept for its backward pass: what {@link
 * PassLayer} asks of it.
 */
interface RecurrentPass {

  /** The states {@code [batch, n, T]}, or only {@code h_{T-1}} {@code [batch, n]}. */
  INDArray output(boolean lastStepOnly);

  /**
   * Backpropagation through time for {@code dLdh}: {@code [batch, n, T]}, or {@code [batch, n]}
   * when only the last state was output; {@code inputWeights} and {@code recurrentWeights} are the
   * ones the forward pass used.
   */
  Gradients backward(INDArray dLdh, INDArray inputWeights, INDArray recurrentWeights);

  /**
   * The gradients of one backward pass, in the pass's type and the layer's parameter shapes: input
   * weights, recurrent weights, bias, and {@code dL/dx [batch, nIn, T]}.
   */
  record Gradients(INDArray dInput, INDArray dRecurrent, INDArray db, INDArray dx) {}

  /**
   * {@link #output} from states kept time-major, {@code states [(T+1)·batch, n]} with block {@code
   * k} holding {@code h_{k-1}} (block 0 is {@code h_{-1} = 0}).
   */
  static INDArray output(
      double[] states, long batch, long n, long time, DataType type, boolean lastStepOnly) {
    int block = Math.toIntExact(batch * n);
    if (lastStepOnly) {
      double[] last = new double[block];
      System.arraycopy(states, Math.toIntExact(time * block), last, 0, block);
      return Nd4j.create(last, new long[] {batch, n}, type);
    }
    double[] after = new double[Math.toIntExact(time * block)];
    System.arraycopy(states, block, after, 0, after.length);
    // [T, batch, n] -> [batch, n, T] (a view; the caller copies it where DL4J wants it)
    return Nd4j.create(after, new long[] {time, batch, n}, type).permute(1, 2, 0);
  }
}
