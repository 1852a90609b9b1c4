package org.dlcourse.train.fast;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The element-wise parts of a dense layer's step as Java loops over heap copies of {@code [b, n]}
 * arrays, one {@code float[]} per row ({@code rows[i][j]} is element {@code (i, j)}).
 *
 * <p>Why: one native ND4J op costs tens of microseconds here however small its array (issue 13's
 * profile: 14 of them per MLP step, a bias add 50-130 us for a [128, 256] array); a loop over a
 * copy of the same array costs a few, and fuses what were separate ops (bias and activation;
 * derivative and bias gradient). Why rows: HotSpot's C2 (JDK 17) vectorises a loop only when all
 * its arrays are indexed alike; {@code z[i * n + j] + bias[j]} is not, {@code zi[j] + bias[j]} is
 * (measured: bias + ReLU on [128, 256] 19 us flat, 2.6 us by rows). The ReLU derivative is written
 * without a branch ({@link #step}) for the same reason (59 us with a branch on a flat array, 7 us).
 */
final class RowKernels {

  private RowKernels() {}

  /** Copies the {@code [rows.length, n]} c-order array in {@code from} into {@code rows}. */
  static void read(FloatBuffer from, float[][] rows, int n) {
    for (int i = 0; i < rows.length; i++) {
      from.get(i * n, rows[i], 0, n);
    }
  }

  /** Copies {@code rows} ({@code n} used per row) into the c-order array behind {@code to}. */
  static void write(float[][] rows, int n, FloatBuffer to) {
    for (int i = 0; i < rows.length; i++) {
      to.put(i * n, rows[i], 0, n);
    }
  }

  /**
   * The forward pass after the product: {@code h_ij = f(z_ij + bias_j)} in place. The activations
   * as DL4J computes them: ReLU {@code max(x, 0)}; leaky ReLU {@code x < 0 ? alpha x : x} (written
   * {@code max(x, 0) + alpha min(x, 0)}, the same numbers); sigmoid {@code 1 / (1 + e^-x)}; tanh;
   * identity.
   */
  static void biasActivate(float[][] z, int n, float[] bias, Activations.Kind kind, float alpha) {
    for (float[] zi : z) {
      switch (kind) {
        case RELU -> {
          for (int j = 0; j < n; j++) {
            zi[j] = Math.max(zi[j] + bias[j], 0f);
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < n; j++) {
            float x = zi[j] + bias[j];
            zi[j] = Math.max(x, 0f) + alpha * Math.min(x, 0f);
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < n; j++) {
            zi[j] = (float) (1.0 / (1.0 + Math.exp(-(zi[j] + bias[j]))));
          }
        }
        case TANH -> {
          for (int j = 0; j < n; j++) {
            zi[j] = (float) Math.tanh(zi[j] + bias[j]);
          }
        }
        case IDENTITY -> {
          for (int j = 0; j < n; j++) {
            zi[j] += bias[j];
          }
        }
      }
    }
  }

  /**
   * The backward pass through the activation, from its output {@code h}: {@code dz = dh * f'(z)} in
   * place on {@code dh} (ReLU {@code [h > 0]}, leaky ReLU {@code 1 if h > 0 else alpha}, sigmoid
   * {@code h (1 - h)}, tanh {@code 1 - h^2}, identity 1, as {@link Activations#backward}), and the
   * bias gradient {@code db_j = scale * sum_i dz_ij}. Rows {@code 0 .. h.length - 1} of {@code dh}.
   */
  static void activationBackward(
      float[][] dh,
      float[][] h,
      int n,
      Activations.Kind kind,
      float alpha,
      float[] db,
      float scale) {
    Arrays.fill(db, 0, n, 0f);
    for (int i = 0; i < h.length; i++) {
      float[] d = dh[i];
      float[] hi = h[i];
      switch (kind) {
        case RELU -> {
          for (int j = 0; j < n; j++) {
            float v = d[j] * step(hi[j]);
            d[j] = v;
            db[j] += v;
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < n; j++) {
            float s = step(hi[j]);
            float v = d[j] * s + alpha * d[j] * (1 - s); // d or alpha d, exactly
            d[j] = v;
            db[j] += v;
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < n; j++) {
            float v = d[j] * ((1 - hi[j]) * hi[j]);
            d[j] = v;
            db[j] += v;
          }
        }
        case TANH -> {
          for (int j = 0; j < n; j++) {
            float v = d[j] * (1 - hi[j] * hi[j]);
            d[j] = v;
            db[j] += v;
          }
        }
        case IDENTITY -> {
          for (int j = 0; j < n; j++) {
            db[j] += d[j];
          }
        }
      }
    }
    for (int j = 0; j < n; j++) {
      db[j] *= scale;
    }
  }

  /**
   * {@code [h > 0]} as 1 or 0 without a branch: {@code h * 1e38 * 1e38} is 0 for {@code h = 0} (and
   * negative for {@code h < 0}) and at least 1.4e31 for the smallest positive float.
   */
  private static float step(float h) {
    return Math.min(Math.max(h * 1e38f * 1e38f, 0f), 1f);
  }

  /**
   * The output layer after its product, {@code z} {@code [rows, k]}, one-hot labels {@code y}:
   *
   * <pre>
   * p_i = softmax(z_i + bias)       (exp(x - max) / sum, as DL4J's softmax)
   * loss = -(1/rows) sum_i sum_c y_ic log(clip(p_ic, eps, 1 - eps))   (as DL4J's LossMCXENT)
   * accuracy = share of rows whose argmax p (first on ties) is argmax y
   * D = p - y  (written into z);  db_c = scale * sum_i D_ic
   * </pre>
   *
   * Returns {mean cross-entropy, accuracy}.
   */
  static double[] softmaxCrossEntropy(
      float[][] z, float[] bias, float[][] y, int k, double clipEps, float[] db, float scale) {
    Arrays.fill(db, 0, k, 0f);
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < z.length; i++) {
      float[] zi = z[i];
      float[] yi = y[i];
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        zi[c] += bias[c];
        max = Math.max(max, zi[c]);
      }
      float total = 0;
      for (int c = 0; c < k; c++) {
        float e = (float) Math.exp(zi[c] - max);
        zi[c] = e;
        total += e;
      }
      int bestP = 0;
      int bestY = 0;
      for (int c = 0; c < k; c++) {
        float p = zi[c] / total;
        zi[c] = p;
        bestP = p > zi[bestP] ? c : bestP;
        bestY = yi[c] > yi[bestY] ? c : bestY;
        if (yi[c] != 0) {
          sum += yi[c] * Math.log(Math.min(Math.max(p, clipEps), 1 - clipEps));
        }
      }
      correct += bestP == bestY ? 1 : 0;
      for (int c = 0; c < k; c++) {
        float d = zi[c] - yi[c];
        zi[c] = d;
        db[c] += d;
      }
    }
    for (int c = 0; c < k; c++) {
      db[c] *= scale;
    }
    return new double[] {-sum / z.length, (double) correct / z.length};
  }
}
