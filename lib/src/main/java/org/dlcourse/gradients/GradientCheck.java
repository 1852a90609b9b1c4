package org.dlcourse.gradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checking: the derivative of a function measured by central differences, compared with a
 * gradient computed by backpropagation.
 *
 * <pre>{@code
 * INDArray numeric = GradientCheck.numerical(W -> loss(X, W, y), W);   // W in double precision
 * double error = GradientCheck.relativeError(dW, numeric);              // ~1e-9 when dW is right
 * Map<String, INDArray> dl4j = GradientCheck.dl4jGradients(network, X, y); // "0_W", "0_b", ...
 * }</pre>
 *
 * <p>Central differences {@code (f(w + eps) - f(w - eps)) / (2 eps)} have error {@code O(eps^2)},
 * but rounding adds about {@code 1e-16 / eps}: {@code eps = 1e-6} in double precision leaves
 * roughly 1e-9 relative error. In float32 (7 digits) the rounding swamps the derivative, so these
 * methods require {@code DataType.DOUBLE}. Introduced in notebook 03 ({@code 03-backpropagation}).
 */
public final class GradientCheck {

  /** The default step {@code eps} of the central differences. */
  public static final double DEFAULT_EPS = 1e-6;

  private GradientCheck() {}

  /** The gradient of {@code f} at {@code x} by central differences with {@code eps = 1e-6}. */
  public static INDArray numerical(ToDoubleFunction<INDArray> f, INDArray x) {
    return numerical(f, x, DEFAULT_EPS);
  }

  /**
   * The gradient of the scalar function {@code f} at {@code x} by central differences: entry {@code
   * i} is {@code (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)}. Same shape as {@code x}.
   *
   * <p>{@code f} is called {@code 2 * x.length()} times with an array of {@code x}'s shape in which
   * one entry is moved; {@code x} itself is left unchanged.
   *
   * @throws IllegalArgumentException if {@code x} is not double precision or {@code eps <= 0}
   */
  public static INDArray numerical(ToDoubleFunction<INDArray> f, INDArray x, double eps) {
    Objects.requireNonNull(f, "f must not be null");
    requireDouble(x, "x");
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be > 0 (e.g. 1e-6) but was " + eps);
    }
    long[] shape = x.shape();
    INDArray flat = x.dup('c').reshape(x.length()); // moved one entry at a time, then restored
    INDArray gradient = Nd4j.zeros(DataType.DOUBLE, x.length());
    for (long i = 0; i < flat.length(); i++) {
      double original = flat.getDouble(i);
      flat.putScalar(i, original + eps);
      double plus = f.applyAsDouble(flat.reshape('c', shape));
      flat.putScalar(i, original - eps);
      double minus = f.applyAsDouble(flat.reshape('c', shape));
      flat.putScalar(i, original);
      gradient.putScalar(i, (plus - minus) / (2 * eps));
    }
    return gradient.reshape('c', shape);
  }

  /**
   * The relative error {@code ||a - b|| / (||a|| + ||b||)} (Euclidean norms) of two gradients: 0
   * when equal, 1 when opposite; 0 when both are zero. Below 1e-7 is agreement to rounding in
   * double precision; above 1e-3 means a bug.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static double relativeError(INDArray a, INDArray b) {
    Objects.requireNonNull(a, "a must not be null");
    Objects.requireNonNull(b, "b must not be null");
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          "expected gradients of the same shape but got "
              + Arrays.toString(a.shape())
              + " and "
              + Arrays.toString(b.shape()));
    }
    INDArray a64 = a.castTo(DataType.DOUBLE);
    INDArray b64 = b.castTo(DataType.DOUBLE);
    double denominator = a64.norm2Number().doubleValue() + b64.norm2Number().doubleValue();
    if (denominator == 0) {
      return 0;
    }
    return a64.sub(b64).norm2Number().doubleValue() / denominator;
  }

  /**
   * The largest relative error over the gradients both maps name, e.g. hand-written against DL4J's.
   *
   * @throws IllegalArgumentException if the maps do not have the same names
   */
  public static double relativeError(Map<String, INDArray> a, Map<String, INDArray> b) {
    Objects.requireNonNull(a, "a must not be null");
    Objects.requireNonNull(b, "b must not be null");
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException(
          "expected gradients for the same parameters but got "
              + a.keySet()
              + " and "
              + b.keySet()
              + "; name them as DL4J does: \"0_W\", \"0_b\", \"1_W\", …");
    }
    double worst = 0;
    for (String name : a.keySet()) {
      worst = Math.max(worst, relativeError(a.get(name), b.get(name)));
    }
    return worst;
  }

  /**
   * DL4J's gradients of the mean loss of {@code network} on the minibatch ({@code X}, {@code y}),
   * by parameter name in layer order: {@code "0_W"} ({@code [nIn, nOut]}), {@code "0_b"} ({@code
   * [nOut], a vector in M2.1}), {@code "1_W"}, …. The network's parameters are not changed.
   *
   * <p>DL4J's {@code computeGradientAndScore()} leaves the gradient of the loss <b>summed</b> over
   * the {@code n} examples in {@code network.gradient()}; its updater divides by {@code n} (and
   * adds any L1/L2 terms) just before the step. This method divides by {@code n}, so the result is
   * the gradient of the mean loss, the number {@code network.score()} reports when there is no
   * L1/L2.
   *
   * <pre>{@code
   * MultiLayerNetwork net = model.network().convertDataType(DataType.DOUBLE);
   * Map<String, INDArray> grads = GradientCheck.dl4jGradients(net, X, y);
   * }</pre>
   *
   * @param X {@code [n, nIn]} in the network's data type
   * @param y {@code [n, nOut]} labels in the network's data type
   */
  public static Map<String, INDArray> dl4jGradients(
      MultiLayerNetwork network, INDArray X, INDArray y) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(X, "X must not be null");
    Objects.requireNonNull(y, "y must not be null");
    DataType type = network.params().dataType();
    if (X.dataType() != type || y.dataType() != type) {
      throw new IllegalArgumentException(
          "the network computes in "
              + type
              + " but X is "
              + X.dataType()
              + " and y is "
              + y.dataType()
              + "; cast them with X.castTo(DataType."
              + type
              + ")");
    }
    network.setInput(X);
    network.setLabels(y);
    network.computeGradientAndScore();
    Gradient gradient = network.gradient();
    // DL4J lists the gradients in backprop order (last layer first); return them in layer order.
    List<String> names = new ArrayList<>(gradient.gradientForVariable().keySet());
    names.sort(Comparator.comparingInt(GradientCheck::layerIndex).thenComparing(n -> n));
    Map<String, INDArray> byName = new LinkedHashMap<>();
    for (String name : names) {
      // sum over the examples -> mean over the examples, shaped like the parameter
      INDArray mean = gradient.getGradientFor(name).div(X.size(0));
      byName.put(name, mean.reshape(network.getParam(name).shape()));
    }
    network.clear(); // drop the stored input, labels and activations
    return byName;
  }

  private static int layerIndex(String parameterName) {
    int underscore = parameterName.indexOf('_');
    try {
      return Integer.parseInt(parameterName.substring(0, Math.max(underscore, 0)));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static void requireDouble(INDArray x, String what) {
    Objects.requireNonNull(x, what + " must not be null");
    if (x.dataType() != DataType.DOUBLE) {
      throw new IllegalArgumentException(
          what
              + " is "
              + x.dataType()
              + " but numerical gradients need DataType.DOUBLE (float32 keeps only ~7 digits,"
              + " which swamps the difference quotient); call "
              + what
              + ".castTo(DataType.DOUBLE)");
    }
  }
}
