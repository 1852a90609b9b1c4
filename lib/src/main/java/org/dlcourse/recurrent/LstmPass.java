package org.dlcourse.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of an LSTM over a whole sequence, kept for backpropagation through time: the
 * math of {@link Lstm}, written as {@link GruPass} is (read its comment for why): the input
 * projections of all steps as one native product, one fused {@code h · RW} product {@code [batch,
 * n] · [n, 4n]} per step, the parameter gradients as products over all steps after the loop, and
 * the element-wise gate math in plain Java over {@code double[]}.
 *
 * <p>Layouts (row-major, time-major: row {@code t·batch + i} is example {@code i} at step {@code
 * t}): {@code xRows [T·batch, nIn]}, {@code gates [T·batch, 4n]} holding {@code a, f, o, i}, {@code
 * cells} and {@code states [(T+1)·batch, n]} whose block {@code k} is {@code c_{k-1}}, {@code
 * h_{k-1}} (block 0 = the zero initial state).
 */
final class LstmPass implements RecurrentPass {

  private final long batch, time, nIn, n;
  private final DataType type;
  private final INDArray xRows; // [T·batch, nIn], native: reused by the dW and dx products
  private final double[] gates; // [T·batch, 4n]: a, f, o, i
  private final double[] cells; // [(T+1)·batch, n]: c_{-1} = 0, c_0, ..., c_{T-1}
  private final double[] states; // [(T+1)·batch, n]: h_{-1} = 0, h_0, ..., h_{T-1}

  /** Runs the LSTM over {@code x} {@code [batch, nIn, T]} from {@code h = c = 0}. */
  LstmPass(INDArray x, INDArray W, INDArray RW, INDArray b) {
    batch = x.size(0);
    nIn = x.size(1);
    time = x.size(2);
    n = RW.size(0);
    type = RW.dataType();
    int rows = Math.toIntExact(time * batch);
    cells = new double[Math.toIntExact((rows + batch) * n)];
    states = new double[Math.toIntExact((rows + batch) * n)];
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      // [batch, nIn, T] -> [T, batch, nIn] -> [T·batch, nIn]; then x W + b for every step at once
      xRows = x.castTo(type).permute(2, 0, 1).dup('c').reshape('c', rows, nIn);
      gates = NativeRows.read(xRows.mmul(W).addiRowVector(b)); // [T·batch, 4n]
      run(RW.dup('c'));
    }
  }

  /** The forward loop: {@code gates} goes in as {@code x W + b} and comes out as a, f, o, i. */
  private void run(INDArray RW) {
    INDArray previous = Nd4j.zeros(type, batch, n); // h_{t-1}, native, for the fused product
    INDArray product = Nd4j.zeros(type, batch, 4 * n); // h_{t-1} RW
    double[] zh = new double[Math.toIntExact(batch * 4 * n)];
    int block = Math.toIntExact(batch * n);
    for (int t = 0; t < time; t++) {
      if (t > 0) { // h_{-1} = 0 gives h RW = 0 (zh is still all zeros at t = 0)
        Nd4j.gemm(previous, RW, product, false, false, 1.0, 0.0);
        NativeRows.read(product, zh);
      }
      step(t, zh);
      NativeRows.write(states, (t + 1) * block, previous);
    }
  }

  /**
   * One step, element-wise: {@code a = tanh(z_a)}, {@code f, o, i = σ(z)}, {@code c = f ⊙ c_prev +
   * i ⊙ a}, {@code h = o ⊙ tanh(c)}.
   */
  private void step(int t, double[] zh) {
    int width = (int) n;
    for (int k = 0; k < batch; k++) {
      int row = (int) (t * batch + k), g = row * 4 * width, z = k * 4 * width;
      int before = row * width, after = (row + (int) batch) * width;
      for (int j = 0; j < width; j++) {
        double a = Math.tanh(gates[g + j] + zh[z + j]);
        double f = sigmoid(gates[g + width + j] + zh[z + width + j]);
        double o = sigmoid(gates[g + 2 * width + j] + zh[z + 2 * width + j]);
        double i = sigmoid(gates[g + 3 * width + j] + zh[z + 3 * width + j]);
        double c = f * cells[before + j] + i * a;
        gates[g + j] = a;
        gates[g + width + j] = f;
        gates[g + 2 * width + j] = o;
        gates[g + 3 * width + j] = i;
        cells[after + j] = c;
        states[after + j] = o * Math.tanh(c);
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
  public Gradients backward(INDArray dLdh, INDArray W, INDArray RW) {
    int width = (int) n, block = Math.toIntExact(batch * n);
    double[] g = timeMajor(dLdh); // [T·batch, n]
    int rows = Math.toIntExact(time * batch);
    double[] dz = new double[rows * 4 * width]; // dL/dz, z = x W + h RW + b: [dza, dzf, dzo, dzi]
    double[] hLater = new double[block]; // dL/dh_t through step t + 1 (dz_{t+1} RWᵀ)
    double[] cLater = new double[block]; // dL/dc_t through step t + 1 (dc_{t+1} ⊙ f_{t+1})
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray stepDz = Nd4j.zeros(type, batch, 4 * n), back = Nd4j.zeros(type, batch, n);
      INDArray recurrent = RW.dup('c');
      for (int t = (int) time - 1; t >= 0; t--) {
        stepBack(t, g, hLater, cLater, dz);
        if (t > 0) { // hLater = dz_t RWᵀ
          NativeRows.write(dz, t * 4 * block, stepDz);
          Nd4j.gemm(stepDz, recurrent, back, false, true, 1.0, 0.0);
          NativeRows.read(back, hLater);
        }
      }
      INDArray dzRows = NativeRows.create(dz, rows, 4 * n, type);
      INDArray previous = NativeRows.create(states, rows, n, type); // h_{t-1} for row t·batch + i
      INDArray dW = xRows.transpose().mmul(dzRows); // Σ_t x_tᵀ dz_t: [nIn, 4n]
      INDArray dRW = previous.transpose().mmul(dzRows); // Σ_t h_{t-1}ᵀ dz_t: [n, 4n]
      INDArray db = dzRows.sum(true, 0); // [1, 4n]
      INDArray dx = dzRows.mmul(W.transpose()).reshape('c', time, batch, nIn).permute(1, 2, 0);
      return new Gradients(dW, dRW, db, dx);
    }
  }

  /**
   * Step {@code t} backwards, element-wise: with {@code dh = dL/dh_t} and {@code τ = tanh(c_t)},
   *
   * <pre>
   *   dc   = (dL/dc_t from later) + dh ⊙ o ⊙ (1 − τ²)      h = o ⊙ tanh(c)
   *   dz_o = dh ⊙ τ ⊙ o (1 − o)
   *   dz_a = dc ⊙ i ⊙ (1 − a²),   dz_i = dc ⊙ a ⊙ i (1 − i),   dz_f = dc ⊙ c_{t-1} ⊙ f (1 − f)
   * </pre>
   *
   * and {@code dL/dc_{t-1} = dc ⊙ f} is left in {@code cLater}.
   */
  private void stepBack(int t, double[] g, double[] hLater, double[] cLater, double[] dz) {
    int width = (int) n;
    for (int k = 0; k < batch; k++) {
      int row = (int) (t * batch + k), gate = row * 4 * width;
      int before = row * width, after = (row + (int) batch) * width;
      for (int j = 0; j < width; j++) {
        int s = k * width + j;
        double dh = g[before + j] + hLater[s];
        double a = gates[gate + j], f = gates[gate + width + j];
        double o = gates[gate + 2 * width + j], i = gates[gate + 3 * width + j];
        double tau = Math.tanh(cells[after + j]);
        double dc = cLater[s] + dh * o * (1 - tau * tau);
        dz[gate + j] = dc * i * (1 - a * a);
        dz[gate + width + j] = dc * cells[before + j] * f * (1 - f);
        dz[gate + 2 * width + j] = dh * tau * o * (1 - o);
        dz[gate + 3 * width + j] = dc * a * i * (1 - i);
        cLater[s] = dc * f;
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
