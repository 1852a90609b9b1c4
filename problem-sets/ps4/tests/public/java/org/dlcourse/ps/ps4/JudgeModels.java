package org.dlcourse.ps.ps4;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
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
 * A trained character model as data for the grader's judge ({@link JudgedModel#sequence}): its
 * LSTM layers (DL4J's {@code LSTM}: no peepholes, sigmoid gates; {@code W [nIn, 4H]}, {@code RW [H,
 * 4H]}, {@code b [4H]}) and the softmax {@code RnnOutputLayer}. The grader rebuilds the network
 * with its own LSTM forward pass and measures its loss on held-out text no test JVM can read.
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
  static JudgedModel of(MultiLayerNetwork net, int vocabulary) {
    var conf = net.getLayerWiseConfigurations();
    require(
        conf.getInputPreProcessors().isEmpty(),
        "the judge rebuilds LSTM layers and an RnnOutputLayer without input preprocessors");
    JudgedModel m = JudgedModel.sequence(vocabulary);
    int n = conf.getConfs().size();
    for (int i = 0; i < n; i++) {
      Layer l = conf.getConf(i).getLayer();
      String where = "layer " + i + " (" + l.getClass().getSimpleName() + "): ";
      if (l.getClass() == LSTM.class && i < n - 1) {
        LSTM c = (LSTM) l;
        require(
            c.getGateActivationFn() instanceof ActivationSigmoid,
            where + "the judge rebuilds sigmoid gates only (gateActivationFunction SIGMOID)");
        String act = activation(c, where);
        require(!act.equals("softmax"), where + "an LSTM's activation cannot be softmax");
        m =
            m.lstm(
                (int) c.getNOut(),
                act,
                values(net, i, "W"),
                values(net, i, "RW"),
                values(net, i, "b"));
      } else if (l.getClass() == RnnOutputLayer.class && i == n - 1) {
        RnnOutputLayer o = (RnnOutputLayer) l;
        require(
            activation(o, where).equals("softmax"), where + "the output layer must use SOFTMAX");
        m = m.dense((int) o.getNOut(), "softmax", values(net, i, "W"), values(net, i, "b"));
      } else {
        throw new AssertionError(
            where
                + "the grader's judge rebuilds LSTM layers followed by one RnnOutputLayer"
                + " (softmax) only");
      }
    }
    return m;
  }

  private static String activation(BaseLayer l, String where) {
    IActivation a = l.getActivationFn();
    String name = a == null ? null : ACTIVATIONS.get(a.getClass());
    require(
        name != null, where + "activation " + a + " is not tanh, sigmoid, relu, identity or softmax");
    return name;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }

  /** One parameter array in row-major order. */
  private static double[] values(MultiLayerNetwork net, int layer, String name) {
    INDArray p = net.getParam(layer + "_" + name);
    return p.dup('c').reshape(p.length()).toDoubleVector();
  }
}
