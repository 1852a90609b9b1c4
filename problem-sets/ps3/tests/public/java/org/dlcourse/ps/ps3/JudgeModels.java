package org.dlcourse.ps.ps3;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.grading.JudgedModel;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DL4J network as data for the grader's judge ({@link JudgedModel}): which layers it has,
 * their sizes, and their weights. The grader rebuilds the network from these numbers with its own
 * forward pass and measures it on test images no test JVM can read. It rebuilds convolutions
 * (square kernels and strides, no padding, {@code ConvolutionMode.Truncate}), max pooling (square,
 * no padding), dense layers and the softmax output layer, with relu, tanh, sigmoid or identity.
 */
final class JudgeModels {
  private static final Map<Class<?>, String> ACTIVATIONS =
      Map.of(
          ActivationReLU.class, "relu",
          ActivationTanH.class, "tanh",
          ActivationSigmoid.class, "sigmoid",
          ActivationIdentity.class, "identity",
          ActivationSoftmax.class, "softmax");

  private JudgeModels() {}

  /** The network's layers and parameters; fails naming the layer the judge cannot rebuild. */
  static JudgedModel of(MultiLayerNetwork net) {
    JudgedModel m = JudgedModel.image(1, 28, 28);
    int n = net.getLayerWiseConfigurations().getConfs().size();
    for (int i = 0; i < n; i++) {
      Layer l = net.getLayerWiseConfigurations().getConf(i).getLayer();
      String where = "layer " + i + " (" + l.getClass().getSimpleName() + "): ";
      if (l.getClass() == ConvolutionLayer.class) {
        ConvolutionLayer c = (ConvolutionLayer) l;
        int k = square(c.getKernelSize(), where + "kernel");
        int s = square(c.getStride(), where + "stride");
        require(
            Arrays.stream(c.getPadding()).allMatch(p -> p == 0)
                && Arrays.stream(c.getDilation()).allMatch(d -> d == 1)
                && c.hasBias()
                && c.getConvolutionMode() != ConvolutionMode.Same,
            where + "use no padding, no dilation, a bias and ConvolutionMode.Truncate");
        m = m.conv((int) c.getNOut(), k, s, activation(c, where), values(net, i, "W"), values(net, i, "b"));
      } else if (l.getClass() == SubsamplingLayer.class) {
        SubsamplingLayer p = (SubsamplingLayer) l;
        require(
            p.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                && Arrays.stream(p.getPadding()).allMatch(x -> x == 0)
                && p.getConvolutionMode() != ConvolutionMode.Same,
            where + "use MAX pooling without padding");
        m = m.maxPool(square(p.getKernelSize(), where + "kernel"), square(p.getStride(), where + "stride"));
      } else if (l.getClass() == DenseLayer.class || l.getClass() == OutputLayer.class) {
        BaseLayer d = (BaseLayer) l;
        long units = l instanceof DenseLayer dl ? dl.getNOut() : ((OutputLayer) l).getNOut();
        m = m.dense((int) units, activation(d, where), values(net, i, "W"), values(net, i, "b"));
      } else {
        throw new AssertionError(
            where + "the grader's judge rebuilds ConvolutionLayer, SubsamplingLayer (MAX),"
                + " DenseLayer and OutputLayer only");
      }
    }
    return m;
  }

  private static String activation(BaseLayer l, String where) {
    IActivation a = l.getActivationFn();
    String name = a == null ? null : ACTIVATIONS.get(a.getClass());
    require(name != null, where + "activation " + a + " is not relu, tanh, sigmoid, identity or softmax");
    return name;
  }

  private static int square(int[] size, String what) {
    require(size.length == 2 && size[0] == size[1], what + " must be square, got " + Arrays.toString(size));
    return size[0];
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }

  /** One parameter array in row-major order (W of a convolution: [nOut, nIn, k, k]). */
  private static double[] values(MultiLayerNetwork net, int layer, String name) {
    INDArray p = net.getParam(layer + "_" + name);
    return p.dup('c').reshape(p.length()).toDoubleVector();
  }
}
