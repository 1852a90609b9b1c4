package org.dlcourse.train.fast;

import java.util.Arrays;

/**
 * The element-wise parts of a dense layer's step as Java loops over row-major {@code float[]}
 * copies of {@code [b, n]} arrays (element {@code (i, j)} at {@code i * n + j}). One native ND4J op
 * costs tens of microseconds here however small its array (issue 13's profile: 14 of them per MLP
 * step, each bias add 50-130 us for a [128, 256] array); a loop over a copy of the same array costs
 * a few, and fuses what were separate ops (bias, activation; derivative, bias gradient).
 */
final class RowKernels {

  private RowKernels() {}

  /**
   * The forward pass after the product: {@code h_ij = f(z_ij + bias_j)} in place, {@code z} {@code
   * [rows, n]}. The activations as DL4J computes them: ReLU {@code max(x, 0)}; leaky ReLU {@code x
   * < 0 ? alpha x : x}; sigmoid {@code 1 / (1 + e^-x)}; tanh; identity.
   */
  static void biasActivate(
      float[] z, int rows, int n, float[] bias, Activations.Kind kind, float alpha) {
    for (int i = 0; i < rows; i++) {
      int o = i * n;
      switch (kind) {
        case RELU -> {
          for (int j = 0; j < n; j++) {
            z[o + j] = Math.max(z[o + j] + bias[j], 0f);
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < n; j++) {
            float x = z[o + j] + bias[j];
            z[o + j] = x < 0 ? alpha * x : x;
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < n; j++) {
            z[o + j] = (float) (1.0 / (1.0 + Math.exp(-(z[o + j] + bias[j]))));
          }
        }
        case TANH -> {
          for (int j = 0; j < n; j++) {
            z[o + j] = (float) Math.tanh(z[o + j] + bias[j]);
          }
        }
        case IDENTITY -> {
          for (int j = 0; j < n; j++) {
            z[o + j] += bias[j];
          }
        }
      }
    }
  }

  /**
   * The backward pass through the activation, from its output {@code h} {@code [rows, n]}: {@code
   * dz = dh * f'(z)} in place on {@code dh} (ReLU {@code [h > 0]}, leaky ReLU {@code 1 if h > 0
   * else alpha}, sigmoid {@code h (1 - h)}, tanh {@code 1 - h^2}, identity 1, as {@link
   * Activations#backward}), and the bias gradient {@code db_j = scale * sum_i dz_ij}.
   */
  static void activationBackward(
      float[] dh,
      float[] h,
      int rows,
      int n,
      Activations.Kind kind,
      float alpha,
      float[] db,
      float scale) {
    Arrays.fill(db, 0, n, 0f);
    for (int i = 0; i < rows; i++) {
      int o = i * n;
      switch (kind) {
        case RELU -> {
          for (int j = 0; j < n; j++) {
            float d = h[o + j] > 0 ? dh[o + j] : 0f;
            dh[o + j] = d;
            db[j] += d;
          }
        }
        case LEAKY_RELU -> {
          for (int j = 0; j < n; j++) {
            float d = h[o + j] > 0 ? dh[o + j] : alpha * dh[o + j];
            dh[o + j] = d;
            db[j] += d;
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < n; j++) {
            float d = dh[o + j] * ((1 - h[o + j]) * h[o + j]);
            dh[o + j] = d;
            db[j] += d;
          }
        }
        case TANH -> {
          for (int j = 0; j < n; j++) {
            float d = dh[o + j] * (1 - h[o + j] * h[o + j]);
            dh[o + j] = d;
            db[j] += d;
          }
        }
        case IDENTITY -> {
          for (int j = 0; j < n; j++) {
            db[j] += dh[o + j];
          }
        }
      }
    }
    for (int j = 0; j < n; j++) {
      db[j] *= scale;
    }
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
      float[] z,
      float[] bias,
      float[] y,
      int rows,
      int k,
      double clipEps,
      float[] db,
      float scale) {
    Arrays.fill(db, 0, k, 0f);
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < rows; i++) {
      int o = i * k;
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        z[o + c] += bias[c];
        max = Math.max(max, z[o + c]);
      }
      float total = 0;
      for (int c = 0; c < k; c++) {
        float e = (float) Math.exp(z[o + c] - max);
        z[o + c] = e;
        total += e;
      }
      int bestP = 0;
      int bestY = 0;
      for (int c = 0; c < k; c++) {
        float p = z[o + c] / total;
        z[o + c] = p;
        bestP = p > z[o + bestP] ? c : bestP;
        bestY = y[o + c] > y[o + bestY] ? c : bestY;
        if (y[o + c] != 0) {
          sum += y[o + c] * Math.log(Math.min(Math.max(p, clipEps), 1 - clipEps));
        }
      }
      correct += bestP == bestY ? 1 : 0;
      for (int c = 0; c < k; c++) {
        float d = z[o + c] - y[o + c];
        z[o + c] = d;
        db[c] += d;
      }
    }
    for (int c = 0; c < k; c++) {
      db[c] *= scale;
    }
    return new double[] {-sum / rows, (double) correct / rows};
  }
}
