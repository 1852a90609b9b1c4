package org.dlcourse.train.fast;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
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
 * The configuration check of the convolutional fast path ({@link ConvStepper}): blocks of
 * convolution (ReLU, stride 1, square kernel, explicit padding, no dilation, NCHW) + optional batch
 * norm + 2x2 max pooling with stride 2 on an even size, then DL4J's flattening ({@code
 * CnnToFeedForwardPreProcessor}) into dense layers and a softmax output with cross-entropy, the
 * tail {@link DenseStepper} trains. Float32, any updater the dense path has. Exact classes are
 * required (a subclass may change the maths); the first feature it does not implement is named.
 */
final class ConvSupport {

  private ConvSupport() {}

  /** Whether {@code network} starts with a convolution (its messages come from this class). */
  static boolean isConvolutional(MultiLayerNetwork network) {
    return network.getnLayers() > 0
        && network.getLayer(0).conf().getLayer() instanceof ConvolutionLayer;
  }

  /**
   * A layer wrapped by DL4J (e.g. {@code FrozenLayer} from {@code TransferLearning}), or null: the
   * wrapper answers {@code conf()} with the wrapped layer's configuration, so a check of the
   * configuration alone would see a plain layer and a fast step would train a frozen one.
   */
  static String wrappedLayerWhyNot(MultiLayerNetwork network) {
    for (int i = 0; network.getLayers() != null && i < network.getnLayers(); i++) {
      if (network.getLayer(i) instanceof BaseWrapperLayer wrapper) {
        return "layer " + i + ": " + wrapper.getClass().getSimpleName() + " (a wrapped layer)";
      }
    }
    return null;
  }

  /** Null when the convolutional fast path implements this network's step, else the reason. */
  static String whyNot(MultiLayerNetwork network) {
    String wrapped = wrappedLayerWhyNot(network);
    if (wrapped != null) {
      return wrapped;
    }
    MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
    if (conf.getDataType() != DataType.FLOAT) {
      return "the network is " + conf.getDataType() + ", not FLOAT";
    }
    if (conf.getBackpropType() != BackpropType.Standard) {
      return "backprop type " + conf.getBackpropType();
    }
    if (!network.conf().isMiniBatch()) {
      return "miniBatch(false)";
    }
    int n = network.getnLayers();
    if (n < 2 || network.getLayers() == null) {
      return "the network is not initialised";
    }
    int l = 0;
    long channels = -1; // channels entering the block
    int blocks = 0;
    while (l < n && network.getLayer(l).conf().getLayer() instanceof ConvolutionLayer) {
      ConvolutionLayer conv = (ConvolutionLayer) network.getLayer(l).conf().getLayer();
      String why = convWhyNot(conv, channels);
      if (why != null) {
        return "layer " + l + ": " + why;
      }
      channels = conv.getNOut();
      l++;
      if (l < n && network.getLayer(l).conf().getLayer() instanceof BatchNormalization bn) {
        why = batchNormWhyNot(bn, channels);
        if (why != null) {
          return "layer " + l + ": " + why;
        }
        l++;
      }
      Layer pool = l < n ? network.getLayer(l).conf().getLayer() : null;
      why = pool == null ? "no pooling after the convolution" : poolWhyNot(pool);
      if (why != null) {
        return "layer " + l + ": " + why + " (the fast path has 2x2 max pooling with stride 2)";
      }
      l++;
      blocks++;
    }
    if (blocks == 0) {
      return "layer 0: not a convolution";
    }
    String why = flattenWhyNot(conf, l, channels);
    if (why != null) {
      return why;
    }
    why = sizesWhyNot(network, l, blocks);
    if (why != null) {
      return why;
    }
    if (l >= n) {
      return "no output layer after the convolution blocks";
    }
    for (int t = l; t < n; t++) {
      why = tailWhyNot(network.getLayer(t).conf().getLayer(), t == n - 1);
      if (why != null) {
        return "layer " + t + ": " + why;
      }
    }
    return null;
  }

  private static String convWhyNot(ConvolutionLayer conv, long channels) {
    if (conv.getClass() != ConvolutionLayer.class) {
      return conv.getClass().getSimpleName() + " (the fast path has ConvolutionLayer)";
    }
    if (channels > 0 && conv.getNIn() != channels) {
      return "nIn " + conv.getNIn() + " but the previous block has " + channels + " channels";
    }
    if (DenseSupport.hiddenActivation(conv.getActivationFn()) != Activations.Kind.RELU) {
      return "convolution activation " + conv.getActivationFn() + " (the fast path has ReLU)";
    }
    if (!conv.hasBias()) {
      return "a convolution without bias";
    }
    int[] k = conv.getKernelSize();
    int[] s = conv.getStride();
    int[] p = conv.getPadding();
    int[] d = conv.getDilation();
    if (s[0] != 1 || s[1] != 1) {
      return "stride " + s[0] + "x" + s[1] + " (the fast path has stride 1)";
    }
    if (k[0] != k[1]) {
      return "kernel " + k[0] + "x" + k[1] + " (the fast path has square kernels)";
    }
    if (p[0] != p[1]) {
      return "padding " + p[0] + "x" + p[1] + " (the fast path has equal padding)";
    }
    if (d[0] != 1 || d[1] != 1) {
      return "dilation " + d[0] + "x" + d[1];
    }
    ConvolutionMode mode = conv.getConvolutionMode();
    if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict) {
      return "convolution mode " + mode + " (the fast path has explicit padding)";
    }
    if (conv.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      return "data format " + conv.getCnn2dDataFormat() + " (the fast path has NCHW)";
    }
    return trainingWhyNot(conv, true);
  }

  private static String batchNormWhyNot(BatchNormalization bn, long channels) {
    if (bn.getClass() != BatchNormalization.class) {
      return bn.getClass().getSimpleName();
    }
    if (!bn.isUseLogStd()) {
      return "batch norm storing the variance (the fast path has useLogStd)";
    }
    if (bn.isLockGammaBeta()) {
      return "batch norm with locked gamma and beta";
    }
    if (!bn.isMinibatch()) {
      return "batch norm with minibatch(false)";
    }
    if (bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
      return "batch norm data format " + bn.getCnn2DFormat();
    }
    if (bn.getNOut() != channels) {
      return "batch norm of " + bn.getNOut() + " channels after " + channels;
    }
    return trainingWhyNot(bn, true);
  }

  private static String poolWhyNot(Layer layer) {
    if (layer.getClass() != SubsamplingLayer.class) {
      return layer.getClass().getSimpleName();
    }
    SubsamplingLayer pool = (SubsamplingLayer) layer;
    if (pool.getPoolingType() != PoolingType.MAX) {
      return pool.getPoolingType() + " pooling";
    }
    int[] k = pool.getKernelSize();
    int[] s = pool.getStride();
    int[] p = pool.getPadding();
    int[] d = pool.getDilation();
    if (k[0] != 2 || k[1] != 2 || s[0] != 2 || s[1] != 2) {
      return "pooling " + k[0] + "x" + k[1] + " with stride " + s[0] + "x" + s[1];
    }
    if (p[0] != 0 || p[1] != 0 || d[0] != 1 || d[1] != 1) {
      return "pooling with padding or dilation";
    }
    if (pool.getConvolutionMode() == ConvolutionMode.Same
        || pool.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      return "pooling in mode " + pool.getConvolutionMode() + ", " + pool.getCnn2dDataFormat();
    }
    return layer.getIDropout() != null ? "dropout on a pooling layer" : null;
  }

  /** The only preprocessor: DL4J's flattening {@code [b, C, q, q] -> [b, C*q*q]} at layer t. */
  private static String flattenWhyNot(MultiLayerConfiguration conf, int t, long channels) {
    Map<Integer, InputPreProcessor> pre = conf.getInputPreProcessors();
    InputPreProcessor flatten = pre == null ? null : pre.get(t);
    if (pre == null || pre.size() != 1 || flatten == null) {
      return "input preprocessors other than one CnnToFeedForwardPreProcessor at layer " + t;
    }
    if (flatten.getClass() != CnnToFeedForwardPreProcessor.class) {
      return "layer " + t + ": preprocessor " + flatten.getClass().getSimpleName();
    }
    CnnToFeedForwardPreProcessor c = (CnnToFeedForwardPreProcessor) flatten;
    if (c.getFormat() != CNN2DFormat.NCHW
        || c.getNumChannels() != channels
        || c.getInputHeight() != c.getInputWidth()) {
      return "layer " + t + ": flattening " + c + " (the fast path has square NCHW maps)";
    }
    return null;
  }

  /**
   * The image sizes, from the flattened size {@code q} back to the input: pooling doubles it (the
   * convolution's output {@code o = 2 q} must be even), a convolution gives {@code s = o - 2 pad +
   * k - 1}.
   */
  private static String sizesWhyNot(MultiLayerNetwork network, int t, int blocks) {
    long[] sizes = ConvLayout.inputSizes(network, t);
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 1) {
        return "block " + i + " has an input of size " + sizes[i];
      }
    }
    return sizes.length == blocks ? null : "blocks do not match the flattening";
  }

  private static String tailWhyNot(Layer layer, boolean last) {
    Class<?> expected = last ? OutputLayer.class : DenseLayer.class;
    if (layer.getClass() != expected) {
      return layer.getClass().getSimpleName()
          + " (the fast path has "
          + expected.getSimpleName()
          + " here)";
    }
    String why = trainingWhyNot((BaseLayer) layer, false);
    if (why != null) {
      return why;
    }
    if (!last) {
      DenseLayer dense = (DenseLayer) layer;
      if (!dense.hasBias() || dense.hasLayerNorm()) {
        return dense.hasBias() ? "layer norm" : "no bias";
      }
      return DenseSupport.hiddenActivation(dense.getActivationFn()) == null
          ? "activation " + dense.getActivationFn()
          : null;
    }
    OutputLayer out = (OutputLayer) layer;
    if (!out.hasBias() || out.getActivationFn().getClass() != ActivationSoftmax.class) {
      return "output " + out.getActivationFn() + " (the fast path has softmax with a bias)";
    }
    if (out.getLossFn().getClass() != LossMCXENT.class
        || ((LossMCXENT) out.getLossFn()).getWeights() != null) {
      return "loss " + out.getLossFn() + " (the fast path has MCXENT, cross-entropy)";
    }
    return null;
  }

  /** Dropout (dense layers only), weight noise, constraints, normalisation, regularisation. */
  private static String trainingWhyNot(BaseLayer layer, boolean convBlock) {
    if (layer.getIDropout() != null) {
      String why = convBlock ? "dropout in a convolution block" : null;
      why = why != null ? why : InputDropout.whyNot(layer.getIDropout());
      if (why != null) {
        return why;
      }
    }
    if (layer.getWeightNoise() != null) {
      return "weight noise";
    }
    if (layer.getConstraints() != null && !layer.getConstraints().isEmpty()) {
      return "constraints";
    }
    GradientNormalization norm = layer.getGradientNormalization();
    if (norm != null && norm != GradientNormalization.None) {
      return "gradient normalization " + norm;
    }
    String why = regularizationWhyNot(layer.getRegularization());
    why = why != null ? why : regularizationWhyNot(layer.getRegularizationBias());
    why = why != null ? why : updaterWhyNot(layer.getIUpdater());
    return why != null ? why : updaterWhyNot(layer.getBiasUpdater());
  }

  private static String regularizationWhyNot(List<Regularization> regs) {
    for (Regularization r : regs == null ? List.<Regularization>of() : regs) {
      if (r.getClass() != L2Regularization.class && r.getClass() != WeightDecay.class) {
        return "regularization " + r.getClass().getSimpleName() + " (the fast path has L2, WD)";
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
        : "updater " + c.getSimpleName() + " (the fast path has Sgd, Nesterovs, ...)";
  }
}
