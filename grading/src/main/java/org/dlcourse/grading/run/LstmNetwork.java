package org.dlcourse.grading.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;

/**
 * The grader's own forward pass of a recorded character model ({@code JudgedModel.sequence}): one
 * to {@value #MAX_LSTM_LAYERS} LSTM layers in DL4J's layout, then one dense softmax layer applied
 * at every step (DL4J's {@code RnnOutputLayer}). Parameters are {@code float}, arithmetic is {@code
 * double}. Built only from the fixed patterns below; every size is checked before anything is
 * allocated.
 *
 * <p>One LSTM step, {@code H = units}, {@code x [in]}, {@code h, c [H]} (zero before step 0):
 *
 * <pre>
 *   z = x W + h RW + b                      W [in, 4H], RW [H, 4H], b [4H], all row-major
 *   g = act(z[0:H])    f = sigmoid(z[H:2H])    o = sigmoid(z[2H:3H])    i = sigmoid(z[3H:4H])
 *   c = f c + i g,   h = o act(c)
 * </pre>
 */
final class LstmNetwork {
  /** The most LSTM layers a recorded character model may have. */
  static final int MAX_LSTM_LAYERS = 4;

  /** The most units one LSTM layer may have (and the most input features). */
  static final int MAX_UNITS = 1_024;

  private static final Pattern INPUT = Pattern.compile("seq:(\\d{1,5})");
  private static final Pattern LSTM =
      Pattern.compile("lstm:(\\d{1,5}):(identity|relu|sigmoid|tanh)");
  private static final Pattern OUTPUT = Pattern.compile("dense:(\\d{1,5}):softmax");

  /** One LSTM layer: input size, units, activation, where W starts (RW and b follow). */
  private record Lstm(int in, int units, String act, int offset) {
    long params() {
      return 4L * units * (in + units + 1);
    }
  }

  private final int features;
  private final List<Lstm> lstms;
  private final int classes;
  private final int outputOffset; // the dense layer's W [last units, classes], then b [classes]
  private final long count;
  private float[] params;

  private LstmNetwork(int features, List<Lstm> lstms, int classes, int outputOffset, long count) {
    this.features = features;
    this.lstms = lstms;
    this.classes = classes;
    this.outputOffset = outputOffset;
    this.count = count;
  }

  /** Parses {@code seq:F} and {@code lstm:H:act,…,dense:V:softmax}. */
  static LstmNetwork build(String input, List<String> specs) throws BadModel {
    Matcher m = INPUT.matcher(input);
    if (!m.matches()) {
      throw new BadModel(
          "unknown input " + ModelJudge.clip(input) + "; a sequence model's is seq:F");
    }
    int in = size(m.group(1), "features");
    if (specs.size() < 2 || specs.size() > MAX_LSTM_LAYERS + 1) {
      throw new BadModel(
          "1 to "
              + MAX_LSTM_LAYERS
              + " lstm layers and one dense softmax layer expected, got "
              + specs.size()
              + " layers");
    }
    int features = in;
    List<Lstm> lstms = new ArrayList<>();
    long count = 0;
    for (int i = 0; i < specs.size() - 1; i++) {
      Matcher l = LSTM.matcher(specs.get(i));
      if (!l.matches()) {
        throw new BadModel(
            "layer "
                + (i + 1)
                + " ("
                + ModelJudge.clip(specs.get(i))
                + "): expected lstm:units:act with act identity, relu, sigmoid or tanh");
      }
      int units = size(l.group(1), "layer " + (i + 1) + " units");
      Lstm layer = new Lstm(in, units, l.group(2), (int) count);
      count += layer.params();
      requireCap(count);
      lstms.add(layer);
      in = layer.units();
    }
    String last = specs.get(specs.size() - 1);
    Matcher o = OUTPUT.matcher(last);
    if (!o.matches()) {
      throw new BadModel(
          "the last layer (" + ModelJudge.clip(last) + ") must be dense:classes:softmax");
    }
    int classes = size(o.group(1), "classes");
    int offset = (int) count;
    count += (long) in * classes + classes;
    requireCap(count);
    return new LstmNetwork(features, List.copyOf(lstms), classes, offset, count);
  }

  private static int size(String digits, String what) throws BadModel {
    int v = Integer.parseInt(digits); // at most 5 digits
    if (v < 1 || v > MAX_UNITS) {
      throw new BadModel(what + " must be in 1.." + MAX_UNITS + ", got " + v);
    }
    return v;
  }

  private static void requireCap(long count) throws BadModel {
    if (count > JudgedModel.MAX_PARAMS) {
      throw new BadModel("more than " + JudgedModel.MAX_PARAMS + " parameters");
    }
  }

  long parameterCount() {
    return count;
  }

  int features() {
    return features;
  }

  int classes() {
    return classes;
  }

  /** Multiply-adds for one character (bounds the judge's time per model). */
  long work() {
    long w = 0;
    for (Lstm l : lstms) {
      w += 4L * l.units() * (l.in() + l.units());
    }
    return w + (long) lstms.get(lstms.size() - 1).units() * classes;
  }

  /** Takes the parameters: each LSTM's W, RW, b, then the dense W, b (sizes checked by caller). */
  void load(float[] p) {
    this.params = p;
  }

  /**
   * The log-probabilities of the next character at every step, {@code [T][classes]}, for the
   * one-hot input characters {@code chars [T]} (each in 0..features-1), from a zero state.
   */
  double[][] logProbabilities(int[] chars) {
    double[][] h = new double[lstms.size()][];
    double[][] c = new double[lstms.size()][];
    for (int k = 0; k < lstms.size(); k++) {
      h[k] = new double[lstms.get(k).units()];
      c[k] = new double[lstms.get(k).units()];
    }
    double[][] out = new double[chars.length][];
    for (int t = 0; t < chars.length; t++) {
      double[] x = new double[features];
      x[chars[t]] = 1;
      for (int k = 0; k < lstms.size(); k++) {
        step(lstms.get(k), x, h[k], c[k]);
        x = h[k];
      }
      out[t] = logSoftmax(dense(x));
    }
    return out;
  }

  /** One step of one LSTM layer: updates {@code h} and {@code c} in place (see the class doc). */
  private void step(Lstm l, double[] x, double[] h, double[] c) {
    int n = l.units();
    int rw = l.offset() + l.in() * 4 * n;
    int b = rw + n * 4 * n;
    double[] z = new double[4 * n];
    for (int j = 0; j < z.length; j++) {
      z[j] = params[b + j];
    }
    addProduct(z, x, l.offset());
    addProduct(z, h, rw);
    for (int j = 0; j < n; j++) {
      double g = activate(l.act(), z[j]);
      double f = sigmoid(z[n + j]);
      double o = sigmoid(z[2 * n + j]);
      double i = sigmoid(z[3 * n + j]);
      c[j] = f * c[j] + i * g;
      h[j] = o * activate(l.act(), c[j]);
    }
  }

  /** {@code z[j] += sum_i v[i] M[i, j]}, M row-major [v.length, z.length] from {@code offset}. */
  private void addProduct(double[] z, double[] v, int offset) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        int row = offset + i * z.length;
        for (int j = 0; j < z.length; j++) {
          z[j] += v[i] * params[row + j];
        }
      }
    }
  }

  /** The output layer's logits {@code b + h W}, W [units, classes]. */
  private double[] dense(double[] h) {
    double[] z = new double[classes];
    int b = outputOffset + h.length * classes;
    for (int j = 0; j < classes; j++) {
      z[j] = params[b + j];
    }
    addProduct(z, h, outputOffset);
    return z;
  }

  /** {@code z - max - log sum exp(z - max)}: never overflows, never takes the log of zero. */
  private static double[] logSoftmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    double log = max + Math.log(sum);
    double[] out = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      out[j] = z[j] - log;
    }
    return out;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double activate(String act, double z) {
    return switch (act) {
      case "tanh" -> Math.tanh(z);
      case "sigmoid" -> sigmoid(z);
      case "relu" -> Math.max(0, z);
      default -> z; // identity
    };
  }
}
