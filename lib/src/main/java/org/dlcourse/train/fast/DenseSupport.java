package org.dlcourse.train.fast;

import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The configuration check of the fast path: every feature it does not implement sends the network
 * to DL4J's {@code fit}. Exact classes are required (a subclass may change the maths).
 */
final class DenseSupport {

  private DenseSupport() {}

  /** Null when the fast path implements this network's training step, else the reason. */
  static String whyNot(MultiLayerNetwork network) {
    MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
    if (conf.getDataType() != DataType.FLOAT) {
      return "the network is " + conf.getDataType() + ", not FLOAT";
    }
    if (conf.getBackpropType() != BackpropType.Standard) {
      return "backprop type " + conf.getBackpropType();
    }
    if (conf.getInputPreProcessors() != null && !conf.getInputPreProcessors().isEmpty()) {
      return "the network has input preprocessors";
    }
    if (!network.conf().isMiniBatch()) {
      return "miniBatch(false)";
    }
    int n = network.getnLayers();
    if (n < 1 || network.getLayers() == null) {
      return "the network is not initialised";
    }
    for (int i = 0; i < n; i++) {
      String why = layerWhyNot(network.getLayer(i).conf().getLayer(), i == n - 1);
      if (why != null) {
        return "layer " + i + ": " + why;
      }
    }
    return null;
  }

  private static String layerWhyNot(org.deeplearning4j.nn.conf.layers.Layer layer, boolean last) {
    Class<?> expected = last ? OutputLayer.class : DenseLayer.class;
    if (layer.getClass() != expected) {
      return layer.getClass().getSimpleName()
          + " (the fast path has "
          + expected.getSimpleName()
          + " here)";
    }
    FeedForwardLayer ff = (FeedForwardLayer) layer;
    BaseLayer base = (BaseLayer) layer;
    if (layer.getIDropout() != null && InputDropout.whyNot(layer.getIDropout()) != null) {
      return InputDropout.whyNot(layer.getIDropout());
    }
    if (base.getWeightNoise() != null) {
      return "weight noise";
    }
    if (layer.getConstraints() != null && !layer.getConstraints().isEmpty()) {
      return "constraints";
    }
    GradientNormalization norm = base.getGradientNormalization();
    if (norm != null && norm != GradientNormalization.None) {
      return "gradient normalization " + norm;
    }
    String reg = regularizationWhyNot(base.getRegularization());
    reg = reg != null ? reg : regularizationWhyNot(base.getRegularizationBias());
    if (reg != null) {
      return reg;
    }
    String upd = updaterWhyNot(base.getIUpdater());
    upd = upd != null ? upd : updaterWhyNot(base.getBiasUpdater());
    if (upd != null) {
      return upd;
    }
    return last ? outputWhyNot((OutputLayer) layer) : denseWhyNot((DenseLayer) ff);
  }

  private static String denseWhyNot(DenseLayer dense) {
    if (!dense.hasBias() || dense.hasLayerNorm()) {
      return dense.hasBias() ? "layer norm" : "no bias";
    }
    return hiddenActivation(dense.getActivationFn()) == null
        ? "activation " + dense.getActivationFn()
        : null;
  }

  private static String outputWhyNot(OutputLayer out) {
    if (!out.hasBias()) {
      return "no bias";
    }
    if (out.getActivationFn().getClass() != ActivationSoftmax.class) {
      return "output activation " + out.getActivationFn() + " (the fast path has softmax)";
    }
    if (out.getLossFn().getClass() != LossMCXENT.class) {
      return "loss " + out.getLossFn() + " (the fast path has MCXENT, cross-entropy)";
    }
    if (((LossMCXENT) out.getLossFn()).getWeights() != null) {
      return "a weighted cross-entropy";
    }
    return null;
  }

  /** The activation as the fast path knows it, or null for one it does not implement. */
  static Activations.Kind hiddenActivation(IActivation fn) {
    if (fn.getClass() == ActivationReLU.class) {
      ActivationReLU relu = (ActivationReLU) fn;
      boolean plain =
          relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
      return plain ? Activations.Kind.RELU : null;
    }
    if (fn.getClass() == ActivationLReLU.class) {
      return ((ActivationLReLU) fn).getAlpha() > 0 ? Activations.Kind.LEAKY_RELU : null;
    }
    if (fn.getClass() == ActivationSigmoid.class) {
      return Activations.Kind.SIGMOID;
    }
    if (fn.getClass() == ActivationTanH.class) {
      return Activations.Kind.TANH;
    }
    return fn.getClass() == ActivationIdentity.class ? Activations.Kind.IDENTITY : null;
  }

  private static String regularizationWhyNot(List<Regularization> regs) {
    if (regs == null) {
      return null;
    }
    for (Regularization r : regs) {
      if (r.getClass() != L2Regularization.class && r.getClass() != WeightDecay.class) {
        return "regularization "
            + r.getClass().getSimpleName()
            + " (the fast path has L2, weight decay)";
      }
    }
    return null;
  }

  private static String updaterWhyNot(IUpdater updater) {
    if (updater == null) {
      return null;
    }
    Class<?> c = updater.getClass();
    boolean known = c == Sgd.class || c == Nesterovs.class || c == Adam.class || c == RmsProp.class;
    return known
        ? null
        : "updater " + c.getSimpleName() + " (the fast path has Sgd, Nesterovs, Adam, RmsProp)";
  }
}
