package org.dlcourse.ps.ps4;

import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers of the tests: seeded arrays, the tests' own numerical gradient, DL4J's recurrent layers.
 */
final class Fixtures {
  private Fixtures() {}

  /** A double array of this shape with entries drawn from N(0, 1) by this seed. */
  static INDArray randn(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, shape);
  }

  static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " is null; did backward set it?");
    }
    return a.dup().reshape(a.length()).toDoubleVector();
  }

  /** Fails with a message naming both shapes unless {@code a} has shape {@code want}. */
  static void requireShape(INDArray a, String what, long... want) {
    if (a == null) {
      throw new AssertionError(what + " is null");
    }
    if (!java.util.Arrays.equals(a.shape(), want)) {
      throw new AssertionError(
          "expected "
              + what
              + " of shape "
              + java.util.Arrays.toString(want)
              + " but got "
              + java.util.Arrays.toString(a.shape())
              + hintFor(a.shape(), want));
    }
  }

  private static String hintFor(long[] got, long[] want) {
    if (got.length == 3 && want.length == 3 && got[1] == want[2] && got[2] == want[1]) {
      return ": time comes last, [n, features, T]";
    }
    return "";
  }

  /** Central differences of f at x, entry by entry (x is restored). */
  static double[] numerical(ToDoubleFunction<INDArray> f, INDArray x) {
    double h = 1e-6;
    INDArray flat = x.reshape(x.length());
    double[] g = new double[(int) x.length()];
    for (int i = 0; i < g.length; i++) {
      double old = flat.getDouble(i);
      flat.putScalar(i, old + h);
      double plus = f.applyAsDouble(x);
      flat.putScalar(i, old - h);
      double minus = f.applyAsDouble(x);
      flat.putScalar(i, old);
      g[i] = (plus - minus) / (2 * h);
    }
    return g;
  }

  /** The first entry where got and want differ by more than tol, as a message, or null. */
  static String firstDifference(
      String what, long[] shape, double[] got, double[] want, double tol, String hint) {
    if (got.length != want.length) {
      return what + ": expected " + want.length + " entries but got " + got.length;
    }
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - want[i]) <= tol)) {
        return what
            + index(shape, i)
            + " is "
            + got[i]
            + " but should be "
            + want[i]
            + " (difference "
            + Math.abs(got[i] - want[i])
            + "): "
            + hint;
      }
    }
    return null;
  }

  /** The multi-index of flat (row-major) position i in an array of this shape, as "[a, b, …]". */
  static String index(long[] shape, long i) {
    long[] at = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = i % shape[d];
      i /= shape[d];
    }
    return java.util.Arrays.toString(at);
  }

  /**
   * DL4J's output and dL/dW, dL/dRW, dL/db, dL/dx of one recurrent layer for upstream gradient dh.
   */
  record Dl4j(INDArray h, INDArray dW, INDArray dRW, INDArray db, INDArray dx) {}

  /** A DL4J SimpleRnn (tanh) with these parameters, run forward and backward. */
  static Dl4j simpleRnn(INDArray W, INDArray RW, INDArray b, INDArray x, INDArray dh) {
    return run(
        new SimpleRnn.Builder().nIn(W.size(0)).nOut(W.size(1)).activation(Activation.TANH).build(),
        W,
        RW,
        b,
        x,
        dh);
  }

  /**
   * A DL4J LSTM (tanh, sigmoid gates, no peepholes) with these parameters, run forward and
   * backward.
   */
  static Dl4j lstm(INDArray W, INDArray RW, INDArray b, INDArray x, INDArray dh) {
    return run(
        new LSTM.Builder()
            .nIn(W.size(0))
            .nOut(RW.size(0))
            .activation(Activation.TANH)
            .gateActivationFunction(Activation.SIGMOID)
            .build(),
        W,
        RW,
        b,
        x,
        dh);
  }

  private static Dl4j run(
      org.deeplearning4j.nn.conf.layers.Layer conf,
      INDArray W,
      INDArray RW,
      INDArray b,
      INDArray x,
      INDArray dh) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(conf)
                .build());
    net.init();
    net.initGradientsView(); // backpropGradient writes into the gradient views
    Layer layer = net.getLayer(0);
    layer.setParam("W", W.dup());
    layer.setParam("RW", RW.dup());
    layer.setParam("b", b.dup());
    LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(x.dup(), none);
    INDArray h = layer.activate(true, none).dup();
    Pair<Gradient, INDArray> g = layer.backpropGradient(dh.dup(), none);
    Gradient grads = g.getFirst();
    return new Dl4j(
        h,
        grads.getGradientFor("W").dup(),
        grads.getGradientFor("RW").dup(),
        grads.getGradientFor("b").dup().reshape(1, -1), // DL4J keeps it as [4H]
        g.getSecond().dup());
  }
}
