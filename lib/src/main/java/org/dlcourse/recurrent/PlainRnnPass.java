package org.dlcourse.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of a plain RNN, {@code h_t = tanh(x_t W + h_{t-1} RW + b)}, over a whole
 * sequence, kept for backpropagation through time: the math of {@link PlainRnn} (and of {@link
 * RnnCell}), written as {@link GruPass} is (read its comment for why).
 *
 * <p>Layouts (row-major, time-major: row {@code t·batch + i} is example {@code i} at step {@code
 * t}): {@code xRows [T·batch, nIn]}, {@code states [(T+1)·batch, n]} whose block {@code k} is
 * {@code h_{k-1}} (block 0 = {@code h_{-1} = 0}).
 */
final class PlainRnnPass implements RecurrentPass {

  private final long batch, time, nIn, n;
  private final DataType type;
  private final INDArray xRows; // [T·batch, nIn], native: reused by the dW and dx products
  private final double[] states; // [(T+1)·batch, n]: h_{-1} = 0, h_0, ..., h_{T-1}

  /** Runs the RNN over {@code x} {@code [batch, nIn, T]} from {@code h = 0}. */
  PlainRnnPass(INDArray x, INDArray W, INDArray RW, INDArray b) {
    batch = x.size(0);
    nIn = x.size(1);
    time = x.size(2);
    n = RW.size(0);
    type = RW.dataType();
    int rows = Math.toIntExact(time * batch), block = Math.toIntExact(batch * n);
    states = new double[Math.toIntExact((rows + batch) * n)];
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      // [batch, nIn, T] -> [T, batch, nIn] -> [T·batch, nIn]; then x W + b for every step at once
      xRows = x.castTo(type).permute(2, 0, 1).dup('c').reshape('c', rows, nIn);
      double[] zx = NativeRows.read(xRows.mmul(W).addiRowVector(b.reshape(1, n))); // [T·batch, n]
      INDArray recurrent = RW.dup('c');
      INDArray previous = Nd4j.zeros(type, batch, n); // h_{t-1}, native
      INDArray product = Nd4j.zeros(type, batch, n); // h_{t-1} RW
      double[] zh = new double[block];
      for (int t = 0; t < time; t++) {
        if (t > 0) { // h_{-1} = 0 gives h RW = 0
          Nd4j.gemm(previous, recurrent, product, false, false, 1.0, 0.0);
          NativeRows.read(product, zh);
        }
        for (int k = 0; k < block; k++) { // h_t = tanh(x_t W + b + h_{t-1} RW)
          states[(t + 1) * block + k] = Math.tanh(zx[t * block + k] + zh[k]);
        }
        NativeRows.write(states, (t + 1) * block, previous);
      }
    }
  }

  /** The states {@code [batch, n, T]}, or only {@code h_{T-1}} {@code [batch, n]}. */
  @Override
  public INDArray output(boolean lastStepOnly) {
    return RecurrentPass.output(states, batch, n, time, type, lastStepOnly);
  }

  /**
   * Backpropagation through time for {@code dLdh} ({@code [batch, n, T]}, or {@code [batch, n]}
   * when only the last state was output): {@code δ_t = (dL/dh_t + δ_{t+1} RWᵀ) ⊙ (1 − h_t²)}, then
   * {@code dW = Σ x_tᵀ δ_t}, {@code dRW = Σ h_{t-1}ᵀ δ_t}, {@code db = Σ δ_t}, {@code dx_t = δ_t
   * Wᵀ}.
   */
  @Override
  public Gradients backward(INDArray dLdh, INDArray W, INDArray RW) {
    int block = Math.toIntExact(batch * n), rows = Math.toIntExact(time * batch);
    double[] g = timeMajor(dLdh); // [T·batch, n]
    double[] delta = new double[rows * (int) n];
    double[] later = new double[block]; // δ_{t+1} RWᵀ
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray stepDelta = Nd4j.zeros(type, batch, n), back = Nd4j.zeros(type, batch, n);
      INDArray recurrent = RW.dup('c');
      for (int t = (int) time - 1; t >= 0; t--) {
        for (int k = 0; k < block; k++) {
          double h = states[(t + 1) * block + k];
          delta[t * block + k] = (g[t * block + k] + later[k]) * (1 - h * h);
        }
        if (t > 0) {
          NativeRows.write(delta, t * block, stepDelta);
          Nd4j.gemm(stepDelta, recurrent, back, false, true, 1.0, 0.0);
          NativeRows.read(back, later);
        }
      }
      INDArray deltaRows = NativeRows.create(delta, rows, n, type);
      INDArray previous = NativeRows.create(states, rows, n, type); // h_{t-1} for row t·batch + i
      INDArray dW = xRows.transpose().mmul(deltaRows); // [nIn, n]
      INDArray dRW = previous.transpose().mmul(deltaRows); // [n, n]
      INDArray db = deltaRows.sum(true, 0); // [1, n]
      INDArray dx = deltaRows.mmul(W.transpose()).reshape('c', time, batch, nIn).permute(1, 2, 0);
      return new Gradients(dW, dRW, db, dx);
    }
  }

  /** {@code dLdh} as time-major rows {@code [T·batch, n]} (zeros before the last step if 2-D). */
  private double[] timeMajor(INDArray dLdh) {
    int block = Math.toIntExact(batch * n);
    double[] g = new double[Math.toIntExact(time * block)];
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      if (dLdh.rank() == 2) {
        Shapes.requireShape(dLdh, "dL/dh (last step)", batch, n);
        NativeRows.read(dLdh.castTo(type).dup('c'), g, Math.toIntExact((time - 1) * block));
      } else {
        Shapes.requireShape(dLdh, "dL/dh", batch, n, time);
        NativeRows.read(dLdh.castTo(type).permute(2, 0, 1).dup('c'), g, 0);
      }
    }
    return g;
  }
}
