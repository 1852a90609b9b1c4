package org.dlcourse.grading.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;

/**
 * The grader's own forward pass of a judged model (see {@link JudgedModel} for the layouts): dense,
 * convolution (no padding, cross-correlation) and max-pooling layers over {@code float} parameters,
 * computed in {@code double}; for dense networks also the input gradient of the cross-entropy
 * (FGSM, {@link RobustJudge}). Built only from the allowed layer kinds, parsed with fixed patterns.
 */
final class Network {
  private static final Pattern INPUT =
      Pattern.compile("flat:(\\d{1,5})|image:(\\d{1,3}):(\\d{1,4}):(\\d{1,4})");
  private static final String ACT =
      "(identity|relu|sigmoid|tanh|softmax|leakyrelu\\(0\\.\\d{1,4}\\))";
  private static final Pattern DENSE = Pattern.compile("dense:(\\d{1,5}):" + ACT);
  private static final Pattern CONV =
      Pattern.compile("conv:(\\d{1,5}):(\\d{1,2}):(\\d{1,2}):" + ACT);
  private static final Pattern POOL = Pattern.compile("maxpool:(\\d{1,2}):(\\d{1,2})");

  /** One layer: kind, sizes, activation, where its parameters start, its output shape. */
  private record Layer(
      char kind, int units, int kernel, int stride, String act, int[] in, int[] out, int offset) {
    int inSize() {
      return (int) size(in);
    }

    long weights() {
      return kind == 'd'
          ? size(in) * units
          : kind == 'c' ? (long) units * in[0] * kernel * kernel : 0;
    }

    long params() {
      return kind == 'p' ? 0 : weights() + units;
    }

    /** Multiply-adds for one example. */
    long work() {
      return kind == 'd' ? weights() : size(out) * (kind == 'c' ? in[0] : 1) * kernel * kernel;
    }
  }

  private final List<Layer> layers;
  private final long count;
  private final long work;
  private float[] params;

  private Network(List<Layer> layers, long count, long work) {
    this.layers = layers;
    this.count = count;
    this.work = work;
  }

  /** Parses the input and layer specs; every size is checked before anything is allocated. */
  static Network build(String input, List<String> specs) throws BadModel {
    Matcher m = INPUT.matcher(input);
    if (!m.matches()) {
      throw new BadModel("unknown input " + ModelJudge.clip(input));
    }
    int[] shape =
        m.group(1) != null
            ? new int[] {pos(m.group(1), "features")}
            : new int[] {
              pos(m.group(2), "channels"), pos(m.group(3), "height"), pos(m.group(4), "width")
            };
    if (specs.isEmpty() || specs.size() > JudgedModel.MAX_LAYERS) {
      throw new BadModel(
          "1 to " + JudgedModel.MAX_LAYERS + " layers expected, got " + specs.size());
    }
    List<Layer> layers = new ArrayList<>();
    long count = 0;
    long work = 0;
    for (int i = 0; i < specs.size(); i++) {
      Layer l = layer(i, specs.get(i), shape, (int) Math.min(count, Integer.MAX_VALUE));
      if ("softmax".equals(l.act()) && i != specs.size() - 1) {
        throw new BadModel("layer " + (i + 1) + ": softmax is allowed on the last layer only");
      }
      count += l.params();
      work += l.work();
      if (count > JudgedModel.MAX_PARAMS || size(l.out()) > 1_000_000) {
        throw new BadModel(
            "layer "
                + (i + 1)
                + " takes the model past "
                + JudgedModel.MAX_PARAMS
                + " parameters or 1,000,000 activations");
      }
      layers.add(l);
      shape = l.out();
    }
    if (layers.get(layers.size() - 1).kind() != 'd') {
      throw new BadModel("the last layer must be dense (the class scores)");
    }
    return new Network(List.copyOf(layers), count, work);
  }

  private static Layer layer(int i, String spec, int[] in, int offset) throws BadModel {
    String where = "layer " + (i + 1) + " (" + ModelJudge.clip(spec) + "): ";
    Matcher d = DENSE.matcher(spec);
    if (d.matches()) {
      int units = pos(d.group(1), where + "units");
      return new Layer('d', units, 0, 0, d.group(2), in, new int[] {units}, offset);
    }
    Matcher c = CONV.matcher(spec);
    Matcher p = POOL.matcher(spec);
    boolean conv = c.matches();
    if (!conv && !p.matches()) {
      throw new BadModel(
          where
              + "not an allowed layer (dense:units:act, conv:filters:kernel:stride:act,"
              + " maxpool:size:stride)");
    }
    if (in.length != 3) {
      throw new BadModel(where + "needs an image input, but its input is flat");
    }
    Matcher g = conv ? c : p;
    int units = conv ? pos(c.group(1), where + "filters") : in[0];
    int k = pos(g.group(conv ? 2 : 1), where + "kernel");
    int s = pos(g.group(conv ? 3 : 2), where + "stride");
    if (k > in[1] || k > in[2]) {
      throw new BadModel(
          where + "a " + k + "x" + k + " window does not fit " + in[1] + "x" + in[2]);
    }
    int[] out = {units, (in[1] - k) / s + 1, (in[2] - k) / s + 1};
    return new Layer(
        conv ? 'c' : 'p', units, k, s, conv ? c.group(4) : "identity", in, out, offset);
  }

  /** The number of values in a shape ([features] or [channels, height, width]). */
  private static long size(int[] shape) {
    return shape.length == 1 ? shape[0] : (long) shape[0] * shape[1] * shape[2];
  }

  private static int pos(String digits, String what) throws BadModel {
    int v = Integer.parseInt(digits); // the patterns allow at most 5 digits
    if (v < 1) {
      throw new BadModel(what + " must be at least 1, got " + v);
    }
    return v;
  }

  long parameterCount() {
    return count;
  }

  /** Multiply-adds for one example (bounds the judge's time per model). */
  long work() {
    return work;
  }

  int outputs() {
    return layers.get(layers.size() - 1).units();
  }

  /** Takes the parameters, layer by layer, each W then b (sizes checked by the caller). */
  void load(float[] p) {
    this.params = p;
  }

  /** The predicted class of one example: the index of the largest last-layer output. */
  int predict(float[] x) {
    return argMax(scores(toDouble(x)));
  }

  /** The predicted class of one example given in double precision. */
  int predict(double[] x) {
    return argMax(scores(x));
  }

  /**
   * The last layer's outputs for one example, every activation applied except softmax (which keeps
   * the order of its inputs): a generator's samples, a classifier's class scores.
   */
  double[] scores(double[] x) {
    double[] a = x;
    for (Layer l : layers) {
      a = l.kind() == 'd' ? dense(l, a) : l.kind() == 'c' ? conv(l, a) : pool(l, a);
      if (!"softmax".equals(l.act())) {
        activate(l.act(), a);
      }
    }
    return a;
  }

  /** The last layer's activation (the last layer is dense, {@link #build}). */
  String lastActivation() {
    return layers.get(layers.size() - 1).act();
  }

  /** Whether the model has at least one convolution layer. */
  boolean hasConvolution() {
    return layers.stream().anyMatch(l -> l.kind() == 'c');
  }

  /** The layers' kinds in order, e.g. {@code conv, maxpool, dense} (for messages). */
  String describe() {
    return String.join(
        ", ",
        layers.stream()
            .map(l -> l.kind() == 'd' ? "dense" : l.kind() == 'c' ? "conv" : "maxpool")
            .toList());
  }

  /**
   * Refuses a model the FGSM judges cannot attack: the input gradient below needs dense layers
   * only, with softmax last.
   */
  void requireDenseSoftmax() throws BadModel {
    boolean denseOnly = layers.stream().allMatch(l -> l.kind() == 'd');
    if (!denseOnly || !"softmax".equals(layers.get(layers.size() - 1).act())) {
      throw new BadModel("the FGSM judge takes dense layers with softmax last");
    }
  }

  /**
   * A positive multiple of {@code dL/dx}, the gradient of the cross-entropy {@code L = -log
   * softmax(z)[label]} with respect to the input {@code x [features]}, for a dense network whose
   * last layer is softmax. FGSM needs only its sign, so the factor does not matter; it is chosen so
   * that nothing underflows: {@code dL/dz_k = p_k - y_k} times {@code S e^{-m}} (S the softmax's
   * denominator, m the largest wrong-class logit) is {@code e^{z_k - m}} for k != label and {@code
   * -sum_{k != label} e^{z_k - m}} for the label, never all zero however large the logits are
   * (scaling a network's logits cannot hide its gradient). Backward through each dense layer:
   * {@code dL/da_in = W dL/dz} ({@code W [in, units]}), then times the previous layer's activation
   * derivative at its pre-activation (computed in forms that do not round to zero early).
   */
  double[] inputGradient(double[] x, int label) {
    List<double[]> pre = new ArrayList<>(); // each layer's pre-activation z
    double[] a = x;
    for (Layer l : layers) {
      double[] z = dense(l, a);
      pre.add(z);
      a = z.clone();
      if (!"softmax".equals(l.act())) {
        activate(l.act(), a);
      }
    }
    double[] z = pre.get(pre.size() - 1);
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < z.length; k++) {
      m = k == label ? m : Math.max(m, z[k]);
    }
    double[] delta = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      if (k != label) {
        delta[k] = Math.exp(z[k] - m);
        delta[label] -= delta[k];
      }
    }
    for (int i = layers.size() - 1; ; i--) {
      double[] g = backDense(layers.get(i), delta);
      if (i == 0) {
        return g;
      }
      String act = layers.get(i - 1).act();
      double[] zPrev = pre.get(i - 1);
      for (int j = 0; j < g.length; j++) {
        g[j] *= derivative(act, zPrev[j]);
      }
      delta = g;
    }
  }

  /** {@code g[i] = sum_j W[i, j] delta[j]}: the gradient at a dense layer's input. */
  private double[] backDense(Layer l, double[] delta) {
    int w = l.offset();
    double[] g = new double[l.inSize()];
    for (int i = 0; i < g.length; i++) {
      int row = w + i * l.units();
      double s = 0;
      for (int j = 0; j < delta.length; j++) {
        s += params[row + j] * delta[j];
      }
      g[i] = s;
    }
    return g;
  }

  /** The activation's derivative at pre-activation z (sigmoid and tanh without 1 - s rounding). */
  private static double derivative(String act, double z) {
    return switch (act) {
      case "relu" -> z > 0 ? 1 : 0;
      case "sigmoid" -> {
        double e = Math.exp(-Math.abs(z)); // s(z)(1 - s(z)) = e / (1 + e)^2 with e = exp(-|z|)
        yield e / ((1 + e) * (1 + e));
      }
      case "tanh" -> {
        double c = 1 / Math.cosh(z);
        yield c * c;
      }
      case "identity" -> 1;
      default -> z > 0 ? 1 : alpha(act); // leaky ReLU
    };
  }

  /** The slope of {@code leakyrelu(alpha)} below zero. */
  private static double alpha(String act) {
    return Double.parseDouble(act.substring("leakyrelu(".length(), act.length() - 1));
  }

  private static double[] toDouble(float[] x) {
    double[] a = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      a[i] = x[i];
    }
    return a;
  }

  private static int argMax(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      best = a[i] > a[best] ? i : best;
    }
    return best;
  }

  /** {@code out[j] = sum_i a[i] W[i, j] + b[j]}, W row-major [in, units]. */
  private double[] dense(Layer l, double[] a) {
    int in = l.inSize();
    int w = l.offset();
    int b = w + (int) l.weights();
    double[] out = new double[l.units()];
    for (int j = 0; j < out.length; j++) {
      out[j] = params[b + j];
    }
    for (int i = 0; i < in; i++) {
      double v = a[i];
      if (v != 0) {
        int row = w + i * l.units();
        for (int j = 0; j < out.length; j++) {
          out[j] += v * params[row + j];
        }
      }
    }
    return out;
  }

  /**
   * {@code out[f, y, x] = b[f] + sum_{c, u, v} W[f, c, u, v] in[c, y*s + u, x*s + v]}, one kernel
   * weight at a time over a whole output row (the inner loop runs along x).
   */
  private double[] conv(Layer l, double[] a) {
    int[] in = l.in();
    int[] o = l.out();
    int k = l.kernel();
    int s = l.stride();
    int b = l.offset() + (int) l.weights();
    double[] out = new double[o[0] * o[1] * o[2]];
    for (int f = 0; f < o[0]; f++) {
      java.util.Arrays.fill(out, f * o[1] * o[2], (f + 1) * o[1] * o[2], params[b + f]);
      for (int c = 0; c < in[0]; c++) {
        for (int u = 0; u < k; u++) {
          for (int v = 0; v < k; v++) {
            double w = params[l.offset() + ((f * in[0] + c) * k + u) * k + v];
            for (int y = 0; y < o[1]; y++) {
              int from = (c * in[1] + y * s + u) * in[2] + v;
              int to = (f * o[1] + y) * o[2];
              for (int x = 0; x < o[2]; x++) {
                out[to + x] += w * a[from + x * s];
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code out[c, y, x] = max_{u, v} in[c, y*s + u, x*s + v]}. */
  private static double[] pool(Layer l, double[] a) {
    int[] in = l.in();
    int[] o = l.out();
    int k = l.kernel();
    int s = l.stride();
    double[] out = new double[o[0] * o[1] * o[2]];
    for (int c = 0; c < o[0]; c++) {
      for (int y = 0; y < o[1]; y++) {
        for (int x = 0; x < o[2]; x++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              best = Math.max(best, a[(c * in[1] + y * s + u) * in[2] + x * s + v]);
            }
          }
          out[(c * o[1] + y) * o[2] + x] = best;
        }
      }
    }
    return out;
  }

  private static void activate(String act, double[] a) {
    double alpha = act.startsWith("leakyrelu(") ? alpha(act) : 0;
    for (int i = 0; i < a.length; i++) {
      a[i] =
          switch (act) {
            case "relu" -> Math.max(0, a[i]);
            case "sigmoid" -> 1 / (1 + Math.exp(-a[i]));
            case "tanh" -> Math.tanh(a[i]);
            case "identity", "softmax" -> a[i];
            default -> a[i] > 0 ? a[i] : alpha * a[i]; // leaky ReLU
          };
    }
  }
}
