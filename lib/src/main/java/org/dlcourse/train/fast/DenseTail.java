package org.dlcourse.train.fast;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The dense layers after the convolution blocks (layers {@code first .. L} of the network), as
 * {@link DenseStepper} computes them: input {@code A [b, n_0]} (the flattened pooled maps), layer l
 * maps {@code [b, n_l] -> [b, n_(l+1)]} with {@code W_l [n_l, n_(l+1)]} ('f' order, DL4J's):
 *
 * <pre>
 * forward:  a_l = h_(l-1) * m_l (dropout, optional);  z_l = a_l W_l + b_l;  h_l = f(z_l)
 * backward: from D_L = (p - y) / b (the MEAN gradient, set by the caller):
 *           dW_l = a_l^T D_l;  db_l = 1^T D_l;  D_(l-1) = (D_l W_l^T) * m_l * f'(z_(l-1))
 *           and dL/dA = (D_0 W_0^T) * m_0 for the convolution blocks
 * </pre>
 */
final class DenseTail {

  private final MultiLayerNetwork network;
  private final int first; // network index of the tail's first layer
  final long[] sizes; // n_0 .. n_L
  private final Activations.Kind[] kinds;
  private final double[] alphas; // leaky ReLU slopes
  private final double[] retain; // dropout's retain probability on layer l's input, 0: none
  private final IActivation[] activations; // DL4J's own, applied in place
  private final INDArray[] gradW; // views of the flat gradient, [n_l, n_(l+1)] 'f'
  private final INDArray[] gradB; // views, [1, n_(l+1)]

  /** The tail from layer {@code first}, whose parameters start at {@code offset} of the flat. */
  DenseTail(MultiLayerNetwork network, int first, long offset, INDArray flatGradient) {
    this.network = network;
    this.first = first;
    int count = network.getnLayers() - first;
    sizes = new long[count + 1];
    kinds = new Activations.Kind[count];
    alphas = new double[count];
    retain = new double[count];
    activations = new IActivation[count];
    gradW = new INDArray[count];
    gradB = new INDArray[count];
    INDArray flatParams = ConvStepper.flat(network.params());
    for (int l = 0; l < count; l++) {
      Layer layer = network.getLayer(first + l);
      FeedForwardLayer conf = (FeedForwardLayer) layer.conf().getLayer();
      sizes[l] = conf.getNIn();
      sizes[l + 1] = conf.getNOut();
      activations[l] = conf.getActivationFn();
      kinds[l] = l < count - 1 ? DenseSupport.hiddenActivation(activations[l]) : null;
      alphas[l] = activations[l] instanceof ActivationLReLU leaky ? leaky.getAlpha() : 0;
      retain[l] = InputDropout.retainProbability(conf.getIDropout());
      var range = NDArrayIndex.interval(offset, offset + layer.numParams());
      DefaultParamInitializer init = DefaultParamInitializer.getInstance();
      Map<String, INDArray> g =
          init.getGradientsFromFlattened(layer.conf(), flatGradient.get(range));
      Map<String, INDArray> p = init.getGradientsFromFlattened(layer.conf(), flatParams.get(range));
      if (!p.get("W").equals(layer.getParam("W")) || !p.get("b").equals(layer.getParam("b"))) {
        throw new IllegalStateException(
            "layer " + (first + l) + "'s parameters are not laid out as DL4J's dense layers");
      }
      gradW[l] = g.get("W");
      gradB[l] = g.get("b").reshape(1, sizes[l + 1]);
      offset += layer.numParams();
    }
  }

  /** The arrays of one minibatch size {@code b} (as {@link Buffers}, plus the input's). */
  final class Work {
    final int b;
    final INDArray in, dIn; // [b, n_0]: A, written by the caller, and dL/dA
    final INDArray[] h, dh, scratch, mask, dropped, input; // as Buffers' arrays of the same name
    final INDArray ones, labels; // [1, b]; [b, k]

    Work(int b) {
      this.b = b;
      int count = kinds.length;
      in = Nd4j.create(DataType.FLOAT, b, sizes[0]);
      dIn = Nd4j.create(DataType.FLOAT, b, sizes[0]);
      h = new INDArray[count];
      dh = new INDArray[count];
      scratch = new INDArray[count];
      mask = new INDArray[count];
      dropped = new INDArray[count];
      input = new INDArray[count];
      for (int l = 0; l < count; l++) {
        h[l] = Nd4j.create(DataType.FLOAT, b, sizes[l + 1]);
        if (l < count - 1) {
          dh[l] = Nd4j.create(DataType.FLOAT, b, sizes[l + 1]);
          scratch[l] = Nd4j.create(DataType.FLOAT, b, sizes[l + 1]);
        }
        if (retain[l] > 0) { // 'c' [b, n_l], as DL4J's flattened input to the layer
          mask[l] = Nd4j.create(DataType.FLOAT, b, sizes[l]);
          dropped[l] = Nd4j.create(DataType.FLOAT, b, sizes[l]);
        }
      }
      ones = Nd4j.ones(DataType.FLOAT, 1, b);
      labels = Nd4j.create(DataType.FLOAT, b, sizes[count]);
    }
  }

  /** Forward from {@code w.in}; returns the softmax output {@code p} {@code [b, k]}. */
  INDArray forward(Work w) {
    INDArray in = w.in;
    for (int l = 0; l < kinds.length; l++) {
      if (retain[l] > 0) { // a fresh mask, drawn in DL4J's layer order with DL4J's random op
        InputDropout.drawMask(w.mask[l], retain[l]);
        InputDropout.multiply(in, w.mask[l], w.dropped[l]);
        in = w.dropped[l];
      }
      w.input[l] = in;
      Layer layer = network.getLayer(first + l);
      Nd4j.gemm(in, layer.getParam("W"), w.h[l], false, false, 1.0, 0.0); // z = a W
      w.h[l].addiRowVector(layer.getParam("b")); // z += b
      activations[l].getActivation(w.h[l], true); // f(z) in place (softmax for the output)
      in = w.h[l];
    }
    return in;
  }

  /** Backward from {@code D_L} in {@code w.h[L]}: the gradient views, then {@code w.dIn}. */
  void backward(Work w) {
    int last = kinds.length - 1;
    INDArray d = w.h[last];
    for (int l = last; l >= 0; l--) {
      Nd4j.gemm(w.input[l], d, gradW[l], true, false, 1.0, 0.0); // dW = a^T D
      Nd4j.gemm(w.ones, d, gradB[l], false, false, 1.0, 0.0); // db = 1^T D
      INDArray dh = l > 0 ? w.dh[l - 1] : w.dIn;
      Nd4j.gemm(d, network.getLayer(first + l).getParam("W"), dh, false, true, 1.0, 0.0);
      if (retain[l] > 0) {
        InputDropout.multiply(dh, w.mask[l], dh); // through a_l = h_(l-1) * m_l
      }
      if (l > 0) {
        Activations.backward(kinds[l - 1], alphas[l - 1], w.h[l - 1], dh, w.scratch[l - 1]);
        d = dh;
      }
    }
  }
}
