package org.dlcourse.grading;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A trained model handed to the judge <em>as data</em>: its architecture (a short list of allowed
 * layer kinds and their sizes) and its parameters. Record it with {@link Judge#recordModel}.
 *
 * <p>A test that trains a model inside the sandbox cannot hand the judge a score: code that
 * controls its JVM could report any score. It hands over the weights instead. The grader, in its
 * own process that runs no student code, rebuilds the network from these numbers with its own
 * forward pass (never loading a submitted class) and measures it on held-out data that never enters
 * a sandbox. Forging a passing record then takes weights that really classify well: the task
 * itself.
 *
 * <pre>{@code
 * JudgedModel m = JudgedModel.flat(784)
 *     .dense(64, "relu", W1, b1)      // W1: [784, 64] row-major, b1: [64]
 *     .dense(10, "softmax", W2, b2);  // the last layer: class scores
 * judge.recordModel("your MLP", m, new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.75, 60_000));
 * }</pre>
 *
 * <p>Layer kinds and parameter layouts (all row-major, like ND4J's {@code 'c'} order):
 *
 * <ul>
 *   <li>{@code dense(units, activation, W, b)}: {@code W [in, units]}, {@code b [units]}; an image
 *       input is flattened in {@code [channels, height, width]} order (DL4J's {@code
 *       CnnToFeedForwardPreProcessor}).
 *   <li>{@code conv(filters, kernel, stride, activation, W, b)}: a square kernel, no padding
 *       (DL4J's {@code ConvolutionMode.Truncate}), cross-correlation; {@code W [filters, channels,
 *       k, k]}.
 *   <li>{@code maxPool(size, stride)}: square windows, no padding, no parameters.
 *   <li>{@code lstm(units, activation, W, RW, b)} after {@link #sequence}: DL4J's {@code LSTM}
 *       layout, {@code W [in, 4 units]}, {@code RW [units, 4 units]}, {@code b [4 units]}; a {@code
 *       dense} layer after it is applied at every step.
 * </ul>
 *
 * Activations: {@value #ACTIVATION_NAMES}; {@code softmax} only on the last layer (it does not
 * change the predicted class, so the judge scores its input).
 */
public final class JudgedModel {
  /** The most parameters one model may hold (about 480 KB on the report channel). */
  public static final int MAX_PARAMS = 120_000;

  /** The most layers one model may have. */
  public static final int MAX_LAYERS = 16;

  static final String ACTIVATION_NAMES =
      "identity, relu, sigmoid, tanh, softmax, leakyrelu(alpha) with alpha 0.d to 0.dddd";
  static final Set<String> ACTIVATIONS = Set.of("identity", "relu", "sigmoid", "tanh", "softmax");

  /**
   * What the judge measures, from the <em>reference's</em> record (a submission's own terms are
   * ignored): accuracy of the predicted classes on the first {@code examples} of the held-out set
   * {@code heldOut} must be at least {@code minAccuracy}, with at most {@code maxParams}
   * parameters, and with {@code requireConvolution} the model must have at least one {@code conv}
   * layer (the grader reads that from the recorded layers, so a test JVM cannot claim it). With
   * {@code shifted} the grader first moves each held-out image by 2 to 4 pixels (its own seeded
   * draw, {@code run/ShiftedHeldOut}): a test of shift tolerance, which convolution and pooling
   * give and a dense network of the same budget lacks. A held-out set must be declared in {@code
   * assignment.properties} ({@code heldOut=fashion-mnist-test}), so that no test JVM of that
   * problem set can read it.
   */
  public record Terms(
      String heldOut,
      int examples,
      double minAccuracy,
      long maxParams,
      boolean requireConvolution,
      boolean shifted) {
    public Terms {
      if (!heldOut.matches("[a-z0-9-]{1,40}")) {
        throw new IllegalArgumentException(
            "heldOut must be a data set name like fashion-mnist-test");
      }
      if (examples < 1 || !(minAccuracy >= 0 && minAccuracy <= 1) || maxParams < 1) {
        throw new IllegalArgumentException(
            "examples >= 1, minAccuracy in [0, 1] and maxParams >= 1 expected, got "
                + examples
                + ", "
                + minAccuracy
                + ", "
                + maxParams);
      }
    }

    /** Terms on the held-out images as they are (not shifted). */
    public Terms(
        String heldOut,
        int examples,
        double minAccuracy,
        long maxParams,
        boolean requireConvolution) {
      this(heldOut, examples, minAccuracy, maxParams, requireConvolution, false);
    }

    /** Terms that do not ask for a convolution layer. */
    public Terms(String heldOut, int examples, double minAccuracy, long maxParams) {
      this(heldOut, examples, minAccuracy, maxParams, false, false);
    }

    /**
     * The terms as the judge reads them: {@code heldOut;examples;minAccuracy;maxParams}, then
     * {@code ;conv} when a convolution layer is required and {@code ;shift} when the images are
     * shifted.
     */
    public String encode() {
      return String.format(
              Locale.ROOT,
              "%s;%d;%s;%d",
              heldOut,
              examples,
              Double.toString(minAccuracy),
              maxParams)
          + (requireConvolution ? ";conv" : "")
          + (shifted ? ";shift" : "");
    }
  }

  /**
   * The rules a design must follow, checked by the grader from the recorded layers alone (no
   * held-out data, no training; from the reference's record, a submission's own terms are ignored):
   * the reference's input, at most {@code maxParams} parameters (the grader counts them from the
   * layers), a last layer that is a {@code classes}-way softmax, every parameter finite. A test JVM
   * reports no yes/no here: an over-budget design fails however its JVM reports.
   */
  public record RulesTerms(int classes, long maxParams) {
    public RulesTerms {
      if (classes < 2 || classes > 65_536 || maxParams < 1) {
        throw new IllegalArgumentException(
            "classes in 2..65536 and maxParams >= 1 expected, got " + classes + ", " + maxParams);
      }
    }

    /** {@code rules;classes;maxParams}. */
    public String encode() {
      return String.format(Locale.ROOT, "rules;%d;%d", classes, maxParams);
    }
  }

  /**
   * What the judge measures for a <em>character model</em> (an LSTM over one-hot characters, see
   * {@link #sequence}; from the reference's record, a submission's own terms are ignored): the
   * grader cuts its held-out text {@code heldOut} into at most {@code sequences} non-overlapping
   * sequences of {@code length} characters, runs the recorded network over each from a zero state
   * with its own LSTM forward pass, and the mean cross-entropy of the next character (nats per
   * character) must be at most {@code maxLoss}, with at most {@code maxParams} parameters. The
   * held-out text must be declared in {@code assignment.properties} ({@code
   * heldOut=wamerican-words}).
   */
  public record TextTerms(
      String heldOut, int sequences, int length, double maxLoss, long maxParams) {
    public TextTerms {
      if (!heldOut.matches("[a-z0-9-]{1,40}")
          || sequences < 1
          || sequences > 100_000
          || length < 1
          || length > 1_000
          || !(maxLoss > 0 && maxLoss < 100)
          || maxParams < 1) {
        throw new IllegalArgumentException(
            "a data set name, sequences in 1..100000, length in 1..1000, maxLoss in (0, 100) and"
                + " maxParams >= 1 expected");
      }
    }

    /** {@code text;heldOut;sequences;length;maxLoss;maxParams}. */
    public String encode() {
      return String.format(
          Locale.ROOT,
          "text;%s;%d;%d;%s;%d",
          heldOut,
          sequences,
          length,
          Double.toString(maxLoss),
          maxParams);
    }
  }

  /**
   * What the judge measures for a <em>generator</em> (from the reference's record; a submission's
   * own terms are ignored, and its architecture must be the reference's): the grader feeds {@code
   * samples} draws of its own noise {@code z ~ N(0, I)} (its own seed) through the recorded
   * network, draws as many samples of the target {@code 1/2 N(-mode, sd^2) + 1/2 N(mode, sd^2)},
   * and the 1-D Wasserstein distance between the two must be at most {@code maxDistance}.
   */
  public record GeneratorTerms(double mode, double sd, int samples, double maxDistance) {
    public GeneratorTerms {
      if (!(mode >= 0 && sd > 0 && maxDistance > 0) || samples < 100 || samples > 100_000) {
        throw new IllegalArgumentException(
            "mode >= 0, sd > 0, maxDistance > 0 and samples in 100..100000 expected");
      }
    }

    /** {@code w1;mixture:mode:sd;samples;maxDistance}. */
    public String encode() {
      return String.format(
          Locale.ROOT, "w1;mixture:%s:%s;%d;%s", mode, sd, samples, Double.toString(maxDistance));
    }
  }

  /**
   * What the judge measures for a <em>robust classifier</em> (from the reference's record; the
   * architecture must be the reference's, dense layers, softmax last): the grader attacks each of
   * the first {@code examples} held-out images with its own FGSM, {@code clip(x + eps sign(dL/dx),
   * 0, 1)} with L the cross-entropy of the true class; the accuracy on the attacked images must be
   * at least {@code minRobustAccuracy} and on the clean images at least {@code minCleanAccuracy} (a
   * model that is robust only because it is weak, such as a linear nearest-mean classifier, does
   * not pass). The held-out set must be declared as for {@link Terms}.
   */
  public record RobustTerms(
      String heldOut, int examples, double eps, double minRobustAccuracy, double minCleanAccuracy) {
    public RobustTerms {
      if (!heldOut.matches("[a-z0-9-]{1,40}")
          || examples < 1
          || !(eps > 0 && eps <= 1)
          || !(minRobustAccuracy >= 0 && minRobustAccuracy <= 1)
          || !(minCleanAccuracy >= 0 && minCleanAccuracy <= 1)) {
        throw new IllegalArgumentException(
            "a data set name, examples >= 1, eps in (0, 1] and accuracies in [0, 1] expected");
      }
    }

    /** {@code fgsm;heldOut;examples;eps;minRobustAccuracy;minCleanAccuracy}. */
    public String encode() {
      return String.format(
          Locale.ROOT,
          "fgsm;%s;%d;%s;%s;%s",
          heldOut,
          examples,
          Double.toString(eps),
          Double.toString(minRobustAccuracy),
          Double.toString(minCleanAccuracy));
    }
  }

  /**
   * What the judge measures for a student's <em>attack</em> on a recorded classifier (from the
   * reference's record; the architecture must be the reference's, dense layers, softmax last): the
   * student's FGSM images of a few Fashion-MNIST training images (named by index, see {@link
   * Judge#recordAttack}) must agree with the grader's own FGSM of the same images on the recorded
   * model at {@code minAgreement} of the pixels, and the grader's FGSM must take at least {@code
   * minDrop} off the model's accuracy on the first {@code examples} held-out images.
   */
  public record AttackTerms(
      String heldOut, int examples, double eps, double minDrop, double minAgreement) {
    public AttackTerms {
      if (!heldOut.matches("[a-z0-9-]{1,40}")
          || examples < 1
          || !(eps > 0 && eps <= 1)
          || !(minDrop >= 0 && minDrop <= 1)
          || !(minAgreement > 0 && minAgreement <= 1)) {
        throw new IllegalArgumentException(
            "a data set name, examples >= 1, eps in (0, 1], minDrop in [0, 1] and minAgreement in"
                + " (0, 1] expected");
      }
    }

    /** {@code attack;heldOut;examples;eps;minDrop;minAgreement}. */
    public String encode() {
      return String.format(
          Locale.ROOT,
          "attack;%s;%d;%s;%s;%s",
          heldOut,
          examples,
          Double.toString(eps),
          Double.toString(minDrop),
          Double.toString(minAgreement));
    }
  }

  private final String input;
  private final List<String> layers;
  private final List<float[]> params;
  private final int[] shape; // [channels, height, width] or [features]
  private final int count;

  private JudgedModel(String input, List<String> layers, List<float[]> params, int[] shape) {
    this.input = input;
    this.layers = layers;
    this.params = params;
    this.shape = shape;
    int n = 0;
    for (float[] p : params) {
      n += p.length;
    }
    this.count = n;
  }

  /** A model whose input is a vector of {@code features} numbers. */
  public static JudgedModel flat(int features) {
    positive("features", features);
    return new JudgedModel("flat:" + features, List.of(), List.of(), new int[] {features});
  }

  /** A model whose input is an image {@code [channels, height, width]}. */
  public static JudgedModel image(int channels, int height, int width) {
    positive("channels", channels);
    positive("height", height);
    positive("width", width);
    return new JudgedModel(
        "image:" + channels + ":" + height + ":" + width,
        List.of(),
        List.of(),
        new int[] {channels, height, width});
  }

  /**
   * A model whose input is a sequence of vectors of {@code features} numbers (one-hot characters):
   * LSTM layers, then one {@code dense} softmax layer applied at every step (DL4J's {@code
   * RnnOutputLayer}).
   */
  public static JudgedModel sequence(int features) {
    positive("features", features);
    return new JudgedModel("seq:" + features, List.of(), List.of(), new int[] {features});
  }

  /**
   * An LSTM layer without peepholes, as DL4J's {@code LSTM}: {@code W [in, 4 units]}, {@code RW
   * [units, 4 units]}, {@code b [4 units]}, the four column blocks in DL4J's order: block input
   * {@code g = activation(.)}, forget gate {@code f}, output gate {@code o}, input gate {@code i}
   * (gates: sigmoid); {@code c_t = f c_{t-1} + i g}, {@code h_t = o activation(c_t)}.
   */
  public JudgedModel lstm(int units, String activation, double[] W, double[] RW, double[] b) {
    if (!input.startsWith("seq:") || !layers.stream().allMatch(l -> l.startsWith("lstm:"))) {
      throw new IllegalArgumentException(
          "an lstm layer needs a sequence input and only lstm layers before it");
    }
    positive("units", units);
    String act = activation(activation);
    if (!Set.of("identity", "relu", "sigmoid", "tanh").contains(act)) {
      throw new IllegalArgumentException(
          "an lstm layer's activation must be identity, relu, sigmoid or tanh, not " + act);
    }
    size("lstm W [" + shape[0] + ", " + 4 * units + "]", W, 4L * shape[0] * units);
    size("lstm RW [" + units + ", " + 4 * units + "]", RW, 4L * units * units);
    size("lstm b [" + 4 * units + "]", b, 4L * units);
    return add("lstm:" + units + ":" + act, new int[] {units}, W, RW, b);
  }

  /** A fully connected layer: {@code W [in, units]} row-major, {@code b [units]}. */
  public JudgedModel dense(int units, String activation, double[] W, double[] b) {
    positive("units", units);
    int in = shape.length == 1 ? shape[0] : shape[0] * shape[1] * shape[2];
    size("dense W [" + in + ", " + units + "]", W, (long) in * units);
    size("dense b [" + units + "]", b, units);
    return add("dense:" + units + ":" + activation(activation), new int[] {units}, W, b);
  }

  /** A convolution: {@code W [filters, channels, kernel, kernel]}, {@code b [filters]}. */
  public JudgedModel conv(
      int filters, int kernel, int stride, String activation, double[] W, double[] b) {
    int[] s = image("conv");
    positive("filters", filters);
    positive("kernel", kernel);
    positive("stride", stride);
    int h = (s[1] - kernel) / stride + 1;
    int w = (s[2] - kernel) / stride + 1;
    if (kernel > s[1] || kernel > s[2]) {
      throw new IllegalArgumentException(
          "a " + kernel + "x" + kernel + " kernel does not fit a " + s[1] + "x" + s[2] + " input");
    }
    size("conv W", W, (long) filters * s[0] * kernel * kernel);
    size("conv b", b, filters);
    String spec = "conv:" + filters + ":" + kernel + ":" + stride + ":" + activation(activation);
    return add(spec, new int[] {filters, h, w}, W, b);
  }

  /** Max pooling over {@code size x size} windows, {@code stride} apart. */
  public JudgedModel maxPool(int size, int stride) {
    int[] s = image("maxPool");
    positive("size", size);
    positive("stride", stride);
    if (size > s[1] || size > s[2]) {
      throw new IllegalArgumentException(
          size + "x" + size + " pooling does not fit a " + s[1] + "x" + s[2] + " input");
    }
    int[] out = {s[0], (s[1] - size) / stride + 1, (s[2] - size) / stride + 1};
    return add("maxpool:" + size + ":" + stride, out);
  }

  /** The number of parameters. */
  public int parameterCount() {
    return count;
  }

  private JudgedModel add(String layer, int[] out, double[]... arrays) {
    if (layers.size() >= MAX_LAYERS) {
      throw new IllegalArgumentException("a judged model has at most " + MAX_LAYERS + " layers");
    }
    List<String> l = new ArrayList<>(layers);
    l.add(layer);
    List<float[]> p = new ArrayList<>(params);
    long n = count;
    for (double[] a : arrays) {
      n += a.length;
      if (n > MAX_PARAMS) {
        throw new IllegalArgumentException(
            "a judged model has at most " + MAX_PARAMS + " parameters; this one has more");
      }
      float[] f = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        f[i] = (float) a[i];
      }
      p.add(f);
    }
    return new JudgedModel(input, List.copyOf(l), List.copyOf(p), out);
  }

  private int[] image(String layer) {
    if (shape.length != 3) {
      throw new IllegalArgumentException(layer + " needs an image input, not a flat vector");
    }
    return shape;
  }

  private static String activation(String a) {
    String s = a.toLowerCase(Locale.ROOT);
    if (!ACTIVATIONS.contains(s) && !s.matches("leakyrelu\\(0\\.\\d{1,4}\\)")) {
      throw new IllegalArgumentException(
          "activation " + a + " is not one the judge rebuilds: " + ACTIVATION_NAMES);
    }
    return s;
  }

  private static void positive(String what, int v) {
    if (v < 1 || v > 65_536) {
      throw new IllegalArgumentException(what + " must be in 1..65536, got " + v);
    }
  }

  private static void size(String what, double[] a, long want) {
    if (a == null || a.length != want) {
      throw new IllegalArgumentException(
          what + " needs " + want + " numbers, got " + (a == null ? "null" : a.length));
    }
  }

  /**
   * The record's value: {@code input|layer,layer,…|base64(float32 little-endian parameters)}, the
   * parameters layer by layer, each layer's W then b.
   */
  public String encode() {
    ByteBuffer buf = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] p : params) {
      for (float v : p) {
        buf.putFloat(v);
      }
    }
    return input
        + "|"
        + String.join(",", layers)
        + "|"
        + Base64.getEncoder().encodeToString(buf.array());
  }

  @Override
  public String toString() {
    return "JudgedModel[" + input + " " + String.join(",", layers) + ", " + count + " parameters]";
  }
}
