package org.dlcourse.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of a GRU over a whole sequence, kept for backpropagation through time: the math
 * of {@link Gru}, the equations of {@link GruReference}.
 *
 * <p>Why it is written this way: every native ND4J op costs a fixed 20–110 µs here, and a GRU step
 * at course sizes (batch 25, 32 units) is only ~2,400 numbers per gate. So the matrix products run
 * natively — all input projections {@code [T·batch, nIn] · [nIn, 3n]} as <b>one</b> product, one
 * fused {@code h · Wh} product {@code [batch, n] · [n, 3n]} per step for the three gates, and the
 * parameter gradients as three products over all steps after the loop — while the element-wise gate
 * math runs as plain Java loops over {@code double[]} copies (no per-op overhead, double precision
 * inside, rounded to the network's type where it goes back to ND4J).
 *
 * <p>Layouts (all row-major, time-major: row {@code t·batch + i} is example {@code i} at step
 * {@code t}): {@code xRows [T·batch, nIn]}, {@code gates [T·batch, 3n]} holding {@code r, u, c},
 * {@code hc [T·batch, n]} holding {@code m = h Wh_c} (before the reset gate scales it), {@code
 * states [(T+1)·batch, n]} whose block {@code k} is {@code h_{k-1}} (block 0 = {@code h_{-1} = 0}).
 * Native arrays are created outside DL4J's workspaces, since they outlive the call that made them.
 */
final class GruPass implements RecurrentPass {

  private final long batch, time, nIn, n;
  private final DataType type;
  private final INDArray xRows; // [T·batch, nIn], native: reused by the dWx and dx products
  private final double[] gates; // [T·batch, 3n]: r, u, c
  private final double[] hc; // [T·batch, n]: m = h_{t-1} Wh_c
  private final double[] states; // [(T+1)·batch, n]: h_{-1} = 0, h_0, ..., h_{T-1}

  /** Runs the GRU over {@code x} {@code [batch, nIn, T]} from {@code h = 0}. */
  GruPass(INDArray x, INDArray Wx, INDArray Wh, INDArray b) {
    batch = x.size(0);
    nIn = x.size(1);
    time = x.size(2);
    n = Wh.size(0);
    type = Wh.dataType();
    int rows = Math.toIntExact(time * batch);
    hc = new double[Math.toIntExact(rows * n)];
    states = new double[Math.toIntExact((rows + batch) * n)];
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      // [batch, nIn, T] -> [T, batch, nIn] -> [T·batch, nIn]; then x Wx + b for every step at once
      xRows = x.castTo(type).permute(2, 0, 1).dup('c').reshape('c', rows, nIn);
      gates = NativeRows.read(xRows.mmul(Wx).addiRowVector(b)); // [T·batch, 3n]: x Wx + b
      run(Wh);
    }
  }

  /** The forward loop: {@code gates} goes in as {@code x Wx + b} and comes out as r, u, c. */
  private void run(INDArray Wh) {
    INDArray previous = Nd4j.zeros(type, batch, n); // h_{t-1}, native, for the fused product
    INDArray product = Nd4j.zeros(type, batch, 3 * n); // h_{t-1} Wh: r, u, c parts
    double[] zh = new double[Math.toIntExact(batch * 3 * n)];
    int block = Math.toIntExact(batch * n);
    for (int t = 0; t < time; t++) {
      if (t > 0) { // h_{-1} = 0 gives h Wh = 0 (zh is still all zeros at t = 0)
        Nd4j.gemm(previous, Wh, product, false, false, 1.0, 0.0);
        NativeRows.read(product, zh);
      }
      step(t, gates, zh);
      NativeRows.write(states, (t + 1) * block, previous);
    }
  }

  /**
   * One step, element-wise: {@code r, u = σ(zx + zh)}, {@code c = tanh(zx_c + r ⊙ m)}, {@code h' =
   * u ⊙ h + (1 − u) ⊙ c}.
   */
  private void step(int t, double[] zx, double[] zh) {
    int width = (int) n;
    for (int i = 0; i < batch; i++) {
      int row = (int) (t * batch + i), g = row * 3 * width, z = i * 3 * width;
      int hPrev = row * width, hNext = (row + (int) batch) * width;
      for (int j = 0; j < width; j++) {
        double r = sigmoid(zx[g + j] + zh[z + j]);
        double u = sigmoid(zx[g + width + j] + zh[z + width + j]);
        double m = zh[z + 2 * width + j];
        double c = Math.tanh(zx[g + 2 * width + j] + r * m);
        zx[g + j] = r;
        zx[g + width + j] = u;
        zx[g + 2 * width + j] = c;
        hc[hPrev + j] = m;
        states[hNext + j] = u * states[hPrev + j] + (1 - u) * c;
      }
    }
  }

  /** The states {@code [batch, n, T]}, or only {@code h_{T-1}} {@code [batch, n]}. */
  @Override
  public INDArray output(boolean lastStepOnly) {
    return RecurrentPass.output(states, batch, n, time, type, lastStepOnly);
  }

  /**
   * Backpropagation through time for {@code dLdh}: {@code [batch, n, T]}, or {@code [batch, n]}
   * when only the last state was output.
   */
  @Override
  public Gradients backward(INDArray dLdh, INDArray Wx, INDArray Wh) {
    int width = (int) n, block = Math.toIntExact(batch * n);
    double[] g = timeMajor(dLdh); // [T·batch, n]
    int rows = Math.toIntExact(time * batch);
    double[] dz = new double[rows * 3 * width]; // dL/d(pre-activation), x side: [dzr, dzu, dzc]
    double[] dzh = new double[rows * 3 * width]; // dL/d(h Wh): [dzr, dzu, dzc ⊙ r]
    double[] fromLater = new double[block]; // dL/dh_t through step t + 1
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray stepDzh = Nd4j.zeros(type, batch, 3 * n), back = Nd4j.zeros(type, batch, n);
      double[] backRows = new double[block];
      for (int t = (int) time - 1; t >= 0; t--) {
        stepBack(t, g, fromLater, dz, dzh);
        if (t > 0) { // fromLater = dh ⊙ u (already there) + dzh_t Whᵀ
          NativeRows.write(dzh, t * 3 * block, stepDzh);
          Nd4j.gemm(stepDzh, Wh, back, false, true, 1.0, 0.0);
          NativeRows.read(back, backRows);
          for (int k = 0; k < block; k++) {
            fromLater[k] += backRows[k];
          }
        }
      }
      INDArray dzRows = NativeRows.create(dz, rows, 3 * n, type);
      INDArray dzhRows = NativeRows.create(dzh, rows, 3 * n, type);
      INDArray previous = NativeRows.create(states, rows, n, type); // h_{t-1} for row t·batch + i
      INDArray dWx = xRows.transpose().mmul(dzRows); // Σ_t x_tᵀ dz_t: [nIn, 3n]
      INDArray dWh = previous.transpose().mmul(dzhRows); // Σ_t h_{t-1}ᵀ dzh_t: [n, 3n]
      INDArray db = dzRows.sum(true, 0); // [1, 3n]
      INDArray dx = dzRows.mmul(Wx.transpose()).reshape('c', time, batch, nIn).permute(1, 2, 0);
      return new Gradients(dWx, dWh, db, dx);
    }
  }

  /**
   * Step {@code t} backwards, element-wise: with {@code dh = dL/dh'},
   *
   * <pre>
   *   dz_u = dh ⊙ (h − c) ⊙ u (1 − u)          from h' = c + u (h − c)
   *   dz_c = dh ⊙ (1 − u) ⊙ (1 − c²)           tanh' = 1 − c²
   *   dz_r = dz_c ⊙ m ⊙ r (1 − r)              z_c contains r ⊙ m
   * </pre>
   *
   * and {@code dL/dh} through the direct path {@code u ⊙ h} is left in {@code fromLater}.
   */
  private void stepBack(int t, double[] g, double[] fromLater, double[] dz, double[] dzh) {
    int width = (int) n;
    for (int i = 0; i < batch; i++) {
      int row = (int) (t * batch + i), gate = row * 3 * width, own = row * width;
      for (int j = 0; j < width; j++) {
        int k = i * width + j;
        double dh = g[own + j] + fromLater[k];
        double r = gates[gate + j], u = gates[gate + width + j], c = gates[gate + 2 * width + j];
        double h = states[own + j], m = hc[own + j];
        double dzu = dh * (h - c) * u * (1 - u);
        double dzc = dh * (1 - u) * (1 - c * c);
        double dzr = dzc * m * r * (1 - r);
        dz[gate + j] = dzh[gate + j] = dzr;
        dz[gate + width + j] = dzh[gate + width + j] = dzu;
        dz[gate + 2 * width + j] = dzc;
        dzh[gate + 2 * width + j] = dzc * r;
        fromLater[k] = dh * u;
      }
    }
  }

  /** {@code dLdh} as time-major rows {@code [T·batch, n]} (zeros before the last step if 2-D). */
  private double[] timeMajor(INDArray dLdh) {
    int block = Math.toIntExact(batch * n);
    double[] g = new double[Math.toIntExact(time * block)];
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      if (dLdh.rank() == 2) { // only h_{T-1} was output
        Shapes.requireShape(dLdh, "dL/dh (last step)", batch, n);
        NativeRows.read(dLdh.castTo(type).dup('c'), g, Math.toIntExact((time - 1) * block));
      } else {
        Shapes.requireShape(dLdh, "dL/dh", batch, n, time);
        NativeRows.read(dLdh.castTo(type).permute(2, 0, 1).dup('c'), g, 0);
      }
    }
    return g;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
