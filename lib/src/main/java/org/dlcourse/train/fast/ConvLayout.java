package org.dlcourse.train.fast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a convolutional network's blocks end, the image size each block sees, and the check that
 * the blocks' parameter offsets are DL4J's ({@link ConvStepper}, after {@link ConvSupport}).
 */
final class ConvLayout {

  private ConvLayout() {}

  /** The offsets are DL4J's: each parameter of the blocks, read at its offset, is the layer's. */
  static void check(MultiLayerNetwork network, List<ConvBlock> blocks) {
    float[] all = new float[(int) network.numParams()];
    network.params().data().asNioFloat().get((int) network.params().offset(), all);
    for (ConvBlock blk : blocks) {
      Layer conv = network.getLayer(blk.convLayer);
      same(all, blk.oB, conv.getParam("b"), blk.convLayer + "_b");
      same(all, blk.oW, conv.getParam("W"), blk.convLayer + "_W");
      if (blk.batchNorm()) {
        Layer bn = network.getLayer(blk.bnLayer);
        same(all, blk.oG, bn.getParam("gamma"), blk.bnLayer + "_gamma");
        same(all, blk.oBe, bn.getParam("beta"), blk.bnLayer + "_beta");
        same(all, blk.oMu, bn.getParam("mean"), blk.bnLayer + "_mean");
        same(all, blk.oLs, bn.getParam("log10stdev"), blk.bnLayer + "_log10stdev");
      }
    }
  }

  private static void same(float[] all, int offset, INDArray param, String name) {
    float[] values = param.dup('c').castTo(DataType.FLOAT).data().asFloat();
    float[] mine = Arrays.copyOfRange(all, offset, offset + values.length);
    if (!Arrays.equals(values, mine)) {
      throw new IllegalStateException("parameter " + name + " is not at offset " + offset);
    }
  }

  /** The index of the first dense layer: the one DL4J's flattening preprocessor feeds. */
  static int firstDenseLayer(MultiLayerNetwork network) {
    int l = 0;
    while (l < network.getnLayers()) {
      Object conf = network.getLayer(l).conf().getLayer();
      if (!(conf instanceof ConvolutionLayer
          || conf instanceof BatchNormalization
          || conf instanceof SubsamplingLayer)) {
        break;
      }
      l++;
    }
    return l;
  }

  /**
   * The input size of each block, back from the flattened size {@code q} at layer {@code first}:
   * pooling halves ({@code o = 2 q}), a convolution gives {@code o = s + 2 pad - k + 1}, so {@code
   * s = o - 2 pad + k - 1}. (An odd size would have been truncated by pooling; the stepper takes
   * only images of the size these give, so such a network trains with {@code fit}.)
   */
  static long[] inputSizes(MultiLayerNetwork network, int first) {
    var pre = network.getLayerWiseConfigurations().getInputPreProcess(first);
    long size = ((CnnToFeedForwardPreProcessor) pre).getInputHeight();
    List<ConvolutionLayer> convs = new ArrayList<>();
    for (int l = 0; l < first; l++) {
      if (network.getLayer(l).conf().getLayer() instanceof ConvolutionLayer conv) {
        convs.add(conv);
      }
    }
    long[] sizes = new long[convs.size()];
    for (int i = convs.size() - 1; i >= 0; i--) {
      ConvolutionLayer conv = convs.get(i);
      size = 2 * size - 2L * conv.getPadding()[0] + conv.getKernelSize()[0] - 1;
      sizes[i] = size;
    }
    return sizes;
  }
}
