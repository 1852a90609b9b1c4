package org.dlcourse.train.fast;

import java.util.Arrays;

/**
 * The element-wise loops of the convolutional fast path, on plain {@code float[]} arrays in the
 * channel-major layout {@code [C, N, H, W]} (CNHW: channel c's values for all images are one
 * contiguous row, so a convolution is one matrix product and a channel's batch statistics one
 * pass). The loops run in Java: bench/CONV-STEP.md measured them faster than ND4J's im2col/col2im
 * and broadcast ops at these sizes. Convolutions are {@code k x k}, stride 1, padding {@code pad};
 * an input of size {@code S} gives {@code O = S + 2 pad - k + 1}; pooling is 2x2 with stride 2.
 */
final class ConvKernels {

  private ConvKernels() {}

  /**
   * im2col for a {@code k x k} window, padding {@code pad}, stride 1, on a CNHW input {@code src
   * [C, N, S, S]} with output size {@code O = S + 2 pad - k + 1}:
   *
   * <pre>
   * col[(c*k + kh)*k + kw, (n*O + h)*O + w] = src[c, n, h + kh - pad, w + kw - pad]  (0 outside)
   * </pre>
   *
   * so that {@code W [F, C*k*k] . col} is the convolution (W in DL4J's [F, C, k, k] c-order).
   */
  static void im2col(float[] src, int C, int N, int S, int k, int pad, int O, float[] col) {
    int nOO = N * O * O;
    for (int c = 0; c < C; c++) {
      for (int kh = 0; kh < k; kh++) {
        for (int kw = 0; kw < k; kw++) {
          int row = ((c * k + kh) * k + kw) * nOO;
          int dw = kw - pad;
          int from = Math.max(0, -dw), to = Math.min(O, S - dw); // 0 <= w + dw < S
          for (int n = 0; n < N; n++) {
            for (int h = 0; h < O; h++) {
              int d = row + (n * O + h) * O;
              int hs = h + kh - pad;
              if (hs < 0 || hs >= S) {
                Arrays.fill(col, d, d + O, 0f);
                continue;
              }
              int s = ((c * N + n) * S + hs) * S + dw;
              for (int w = 0; w < from; w++) {
                col[d + w] = 0f;
              }
              System.arraycopy(src, s + from, col, d + from, to - from);
              for (int w = to; w < O; w++) {
                col[d + w] = 0f;
              }
            }
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col}: {@code dst[c, n, h + kh - pad, w + kw - pad] += col[(c*k +
   * kh)*k + kw, (n*O + h)*O + w]} for positions inside the image ({@code dst} zeroed by the
   * caller): dL/d(input) is the sum, over the k*k window offsets, of dL/d(col).
   */
  static void col2im(float[] col, int C, int N, int S, int k, int pad, int O, float[] dst) {
    int nOO = N * O * O;
    for (int c = 0; c < C; c++) {
      for (int kh = 0; kh < k; kh++) {
        for (int kw = 0; kw < k; kw++) {
          int row = ((c * k + kh) * k + kw) * nOO;
          int dw = kw - pad;
          int from = Math.max(0, -dw), to = Math.min(O, S - dw);
          for (int n = 0; n < N; n++) {
            for (int h = 0; h < O; h++) {
              int hs = h + kh - pad;
              if (hs < 0 || hs >= S) {
                continue;
              }
              int d = row + (n * O + h) * O;
              int s = ((c * N + n) * S + hs) * S + dw;
              for (int w = from; w < to; w++) {
                dst[s + w] += col[d + w];
              }
            }
          }
        }
      }
    }
  }

  /** Per channel row c of {@code z [C, m]}, in place: {@code a = ReLU(z + bias_c)}. */
  static void biasRelu(float[] z, float[] bias, int C, int m) {
    for (int c = 0; c < C; c++) {
      float bc = bias[c];
      for (int i = c * m; i < (c + 1) * m; i++) {
        z[i] = Math.max(z[i] + bc, 0f); // branch-free (maxss), and vectorisable
      }
    }
  }

  /**
   * Per channel row c of {@code z [C, m]} (in place): {@code a = ReLU(z + bias_c)} (the
   * convolution's activation), then batch norm's training statistics over the m = b*o*o positions,
   * biased variance as DL4J/oneDNN: {@code mean_c}, {@code var_c = E[a^2] - mean_c^2}, {@code inv_c
   * = 1 / sqrt(var_c + eps)}, and {@code xhat = (a - mean_c) inv_c}.
   *
   * <p>The sums run in double (one pass: in double, E[a^2] - mean^2 loses nothing that matters for
   * values of order 1), with four independent accumulators each: a single chain of dependent
   * additions is bound by the adder's latency, four chains keep it busy (the JIT does not reorder
   * floating-point sums by itself).
   */
  static void biasReluNorm(
      float[] z,
      float[] bias,
      int C,
      int m,
      double eps,
      float[] xhat,
      double[] mean,
      double[] var,
      double[] inv) {
    for (int c = 0; c < C; c++) {
      int o = c * m, end = o + m;
      float bc = bias[c];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
      int i = o;
      for (; i + 3 < end; i += 4) {
        float v0 = Math.max(z[i] + bc, 0f), v1 = Math.max(z[i + 1] + bc, 0f);
        float v2 = Math.max(z[i + 2] + bc, 0f), v3 = Math.max(z[i + 3] + bc, 0f);
        z[i] = v0;
        z[i + 1] = v1;
        z[i + 2] = v2;
        z[i + 3] = v3;
        s0 += v0;
        s1 += v1;
        s2 += v2;
        s3 += v3;
        q0 += (double) v0 * v0;
        q1 += (double) v1 * v1;
        q2 += (double) v2 * v2;
        q3 += (double) v3 * v3;
      }
      for (; i < end; i++) {
        float v = Math.max(z[i] + bc, 0f);
        z[i] = v;
        s0 += v;
        q0 += (double) v * v;
      }
      double mu = (s0 + s1 + s2 + s3) / m;
      mean[c] = mu;
      var[c] = Math.max((q0 + q1 + q2 + q3) / m - mu * mu, 0);
      inv[c] = 1 / Math.sqrt(var[c] + eps);
      float muF = (float) mu, invF = (float) inv[c];
      for (i = o; i < end; i++) {
        xhat[i] = (z[i] - muF) * invF;
      }
    }
  }

  /**
   * Batch norm's output {@code y = gamma_c xhat + beta_c} and 2x2 max pooling with stride 2 on
   * {@code [C, N, O, O]}, in one pass: {@code out[c, n, i, j] = max over the window (2i..2i+1,
   * 2j..2j+1) of y}; {@code arg} keeps where it is (the index into {@code [C, N, O, O]}). The first
   * maximum wins ties; ties happen only between ReLU zeros (equal a, so equal y), whose gradient
   * the ReLU stops, and x-hat is equal for them, so the choice changes no gradient.
   */
  static void bnPool(
      float[] xhat, float[] gamma, float[] beta, int C, int N, int O, float[] out, int[] arg) {
    int q = O / 2;
    for (int c = 0; c < C; c++) {
      float g = gamma[c], be = beta[c];
      for (int n = 0; n < N; n++) {
        int base = (c * N + n) * O * O, r = (c * N + n) * q * q;
        for (int i = 0; i < q; i++) {
          for (int j = 0; j < q; j++, r++) {
            int p = base + 2 * i * O + 2 * j;
            float v0 = g * xhat[p] + be, v1 = g * xhat[p + 1] + be;
            float v2 = g * xhat[p + O] + be, v3 = g * xhat[p + O + 1] + be;
            // which one wins is random data, so branches would mispredict half the time:
            // max as maxss, the index by selects (first maximum wins ties, as in 0, 1, 2, 3
            // order)
            float top = Math.max(v0, v1), bottom = Math.max(v2, v3);
            int kTop = v1 > v0 ? p + 1 : p, kBottom = v3 > v2 ? p + O + 1 : p + O;
            out[r] = Math.max(top, bottom);
            arg[r] = bottom > top ? kBottom : kTop;
          }
        }
      }
    }
  }

  /**
   * From {@code dp = dL/d(pooled)} to {@code dz = dL/dz} (before the convolution's bias + ReLU),
   * through pooling, batch norm and the ReLU; also {@code dgamma}, {@code dbeta}, {@code dbias}.
   *
   * <pre>
   * pooling:    dy_i = dp_r if i is the argmax of window r, else 0
   * batch norm: dbeta = sum_i dy_i = sum_r dp_r;  dgamma = sum_i dy_i xhat_i = sum_r dp_r xhat_arg(r)
   *             dx_i = gamma inv (dy_i - dbeta/m - xhat_i dgamma/m)     (batch statistics: the
   *             mean and variance depend on every x_i, which gives the two sums)
   * ReLU:       dz_i = dx_i if a_i > 0 else 0;    dbias = sum_i dz_i
   * </pre>
   */
  static void poolBnReluBack(
      float[] dp,
      int[] arg,
      float[] xhat,
      float[] a,
      float[] gamma,
      double[] inv,
      int C,
      int N,
      int O,
      float[] dz,
      float[] dGamma,
      float[] dBeta,
      float[] dBias) {
    int windows = N * (O / 2) * (O / 2), m = N * O * O;
    for (int c = 0; c < C; c++) {
      int o = c * m, r0 = c * windows, r1 = r0 + windows;
      double sb0 = 0, sb1 = 0, sg0 = 0, sg1 = 0; // two chains each (see biasReluNorm)
      int r = r0;
      for (; r + 1 < r1; r += 2) {
        sb0 += dp[r];
        sb1 += dp[r + 1];
        sg0 += dp[r] * xhat[arg[r]];
        sg1 += dp[r + 1] * xhat[arg[r + 1]];
      }
      for (; r < r1; r++) {
        sb0 += dp[r];
        sg0 += dp[r] * xhat[arg[r]];
      }
      double sb = sb0 + sb1, sg = sg0 + sg1;
      dBeta[c] = (float) sb;
      dGamma[c] = (float) sg;
      float scale = (float) (gamma[c] * inv[c]);
      // what every position gets, -(dbeta + xhat dgamma)/m, times the ReLU's derivative [a > 0]:
      // a >= 0 here, and min(a * 2^126, 1) is exactly 1 for every normal a > 0 and 0 for a = 0
      // (only subnormal a, below 1.2e-38, would be scaled by less): branch-free, so the random
      // 0/1 pattern of the ReLU costs no mispredicted branches
      float cbS = (float) (-scale * sb / m), cgS = (float) (-scale * sg / m);
      for (int i = o; i < o + m; i++) {
        dz[i] = Math.min(a[i] * 0x1p126f, 1f) * (cbS + xhat[i] * cgS);
      }
      for (r = r0; r < r1; r++) { // plus dy at the argmax positions, through the ReLU
        int p = arg[r];
        dz[p] += Math.min(a[p] * 0x1p126f, 1f) * scale * dp[r];
      }
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int i = o, end = o + m;
      for (; i + 3 < end; i += 4) {
        s0 += dz[i];
        s1 += dz[i + 1];
        s2 += dz[i + 2];
        s3 += dz[i + 3];
      }
      for (; i < end; i++) {
        s0 += dz[i];
      }
      dBias[c] = (float) (s0 + s1 + s2 + s3);
    }
  }

  /**
   * Without batch norm: {@code dz_i = dp_r} if i is the argmax of window r and {@code a_i > 0},
   * else 0 (pooling, then the convolution's ReLU); {@code dbias = sum_i dz_i}.
   */
  static void poolReluBack(
      float[] dp, int[] arg, float[] a, int C, int N, int O, float[] dz, float[] dBias) {
    int windows = N * (O / 2) * (O / 2);
    Arrays.fill(dz, 0f);
    for (int c = 0; c < C; c++) {
      double s = 0;
      for (int r = c * windows; r < (c + 1) * windows; r++) {
        int p = arg[r];
        float g = Math.min(a[p] * 0x1p126f, 1f) * dp[r]; // [a > 0] dp, see poolBnReluBack
        dz[p] = g;
        s += g;
      }
      dBias[c] = (float) s;
    }
  }
}
