package org.dlcourse.ps.ps3;

import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers of the tests: seeded arrays, the tests' own numerical gradient, DL4J's layers. */
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
    if (got.length == 4 && want.length == 4 && got[2] + 1 == want[2]) {
      return ": one row too few; how many whole windows fit in h?";
    }
    if (got.length == 4 && want.length == 4 && got[1] == want[2] && got[2] == want[1]) {
      return ": channels must come second (n, c, h, w)";
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

  /** DL4J's forward output, dL/dW, dL/db and dL/dX of one layer for upstream gradient dY. */
  record Dl4j(INDArray y, INDArray dW, INDArray db, INDArray dX) {}

  /** A DL4J ConvolutionLayer (stride 1, no padding, identity activation) with these W and b. */
  static Dl4j convolution(INDArray W, INDArray b, INDArray X, INDArray dY) {
    ConvolutionLayer conf =
        new ConvolutionLayer.Builder((int) W.size(2), (int) W.size(3))
            .nIn(W.size(1))
            .nOut(W.size(0))
            .stride(1, 1)
            .activation(Activation.IDENTITY)
            .build();
    Layer layer = single(conf);
    layer.setParam("W", W.dup());
    layer.setParam("b", b.dup());
    return run(layer, X, dY, "W", "b");
  }

  /** A DL4J SubsamplingLayer with max-pooling over k x k windows, stride k. */
  static Dl4j maxPooling(int k, INDArray X, INDArray dY) {
    return run(
        single(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(k, k)
                .stride(k, k)
                .build()),
        X,
        dY,
        null,
        null);
  }

  private static Layer single(org.deeplearning4j.nn.conf.layers.Layer conf) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(conf)
                .build());
    net.init();
    net.initGradientsView(); // backpropGradient writes into the gradient views
    return net.getLayer(0);
  }

  private static Dl4j run(Layer layer, INDArray X, INDArray dY, String w, String b) {
    LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(X.dup(), none);
    INDArray y = layer.activate(true, none).dup();
    if (dY == null) {
      return new Dl4j(y, null, null, null);
    }
    Pair<Gradient, INDArray> g = layer.backpropGradient(dY.dup(), none);
    Gradient grads = g.getFirst();
    return new Dl4j(
        y,
        w == null ? null : grads.getGradientFor(w).dup(),
        b == null ? null : grads.getGradientFor(b).dup().reshape(1, -1), // DL4J keeps it as [f]
        g.getSecond().dup());
  }
}
