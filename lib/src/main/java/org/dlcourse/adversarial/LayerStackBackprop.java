package org.dlcourse.adversarial;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward passes through a {@code MultiLayerNetwork}, layer by layer, that end at the
 * <em>input</em> instead of the parameters.
 *
 * <p>DL4J's {@code calculateGradients} gives the input gradient of the loss only; this walks the
 * layers itself so that backpropagation can start anywhere: at the loss, at a class score, or at an
 * inner layer's output. Inference mode (no dropout), no workspaces.
 */
final class LayerStackBackprop {

  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  private final MultiLayerNetwork network;

  LayerStackBackprop(MultiLayerNetwork network) {
    this.network = network;
    if (network.getFlattenedGradients() == null) {
      network.initGradientsView(); // layers write parameter gradients there as a side effect
    }
  }

  /**
   * Runs layers {@code 0..last} on {@code X}; each layer keeps its input for {@link #backward}.
   *
   * @return the output of layer {@code last}
   */
  INDArray forward(INDArray X, int last) {
    long n = X.size(0);
    INDArray a = X;
    for (int i = 0; i <= last; i++) {
      Layer layer = network.getLayer(i);
      layer.setInput(preprocess(i, a, n), NO_WORKSPACES);
      a = layer.activate(false, NO_WORKSPACES);
    }
    return a;
  }

  /**
   * Backpropagates {@code epsilon} = d(objective)/d(output of layer {@code last}) to the input,
   * after {@link #forward} ran at least up to {@code last}: the chain rule through each layer's own
   * backward pass and any input preprocessor (e.g. {@code [n, c, h, w] -> [n, c*h*w]}).
   */
  INDArray backward(INDArray epsilon, int last, long n) {
    INDArray eps = epsilon;
    for (int i = last; i >= 0; i--) {
      eps = network.getLayer(i).backpropGradient(eps, NO_WORKSPACES).getSecond();
      InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(i);
      if (pre != null) {
        eps = pre.backprop(eps, (int) n, NO_WORKSPACES);
      }
    }
    return eps;
  }

  /**
   * d(sum over examples of the loss)/dX: forward through every layer, the output layer's own
   * backward pass with the labels {@code y}, then back to the input.
   */
  INDArray lossGradient(INDArray X, INDArray y) {
    int last = network.getnLayers() - 1;
    if (!(network.getLayer(last) instanceof IOutputLayer output)) {
      throw new IllegalArgumentException(
          "the network's last layer is "
              + network.getLayer(last).getClass().getSimpleName()
              + ", not an output layer with a loss; add an OutputLayer");
    }
    forward(X, last);
    output.setLabels(y);
    return backward(null, last, X.size(0)); // the output layer ignores epsilon: it has the loss
  }

  private INDArray preprocess(int layer, INDArray a, long n) {
    InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(layer);
    return pre == null ? a : pre.preProcess(a, (int) n, NO_WORKSPACES);
  }
}
