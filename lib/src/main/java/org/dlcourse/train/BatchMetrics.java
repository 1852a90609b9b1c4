package org.dlcourse.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measures a minibatch's loss and accuracy from the forward pass that training does anyway.
 *
 * <p>DL4J hands listeners the activations up to the input of the output layer. For a dense softmax
 * output layer the rest is one small matrix product, {@code z = h W + b} ({@code [batch, nIn] ->
 * [batch, k]}), so no second forward pass is needed. Where that does not apply (other output
 * layers, graphs), {@link #measured()} stays false and the trainer runs an inference pass instead.
 */
final class BatchMetrics extends BaseTrainingListener {

  private final MultiLayerNetwork network;
  private final boolean supported;
  private INDArray labels; // [batch, k], one-hot
  private boolean measured;
  private double loss;
  private double accuracy;

  BatchMetrics(MultiLayerNetwork network) {
    this.network = network;
    var conf = network.getOutputLayer().conf().getLayer();
    this.supported =
        network.getOutputLayer() instanceof OutputLayer
            && conf instanceof BaseOutputLayer out
            && out.getActivationFn() instanceof ActivationSoftmax
            && out.getLossFn() instanceof LossMCXENT mcxent
            && mcxent.getWeights() == null;
  }

  /** Prepares for the next minibatch, whose labels are {@code labels}. */
  void expect(INDArray labels) {
    this.labels = labels;
    this.measured = false;
  }

  boolean measured() {
    return measured;
  }

  double loss() {
    return loss;
  }

  double accuracy() {
    return accuracy;
  }

  @Override
  public void onForwardPass(Model model, List<INDArray> activations) {
    // activations: [input, layer 0 output, ..., output of the layer before the output layer]
    if (!supported || labels == null || activations.size() != network.getnLayers()) {
      return;
    }
    // compute outside DL4J's training workspace so nothing here lives in (or leaks from) it
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      measure(activations.get(activations.size() - 1));
    }
  }

  private void measure(INDArray h) { // h: [batch, nIn]
    INDArray W = network.getOutputLayer().getParam("W"); // [nIn, k]
    INDArray b = network.getOutputLayer().getParam("b"); // [1, k]
    if (h.rank() != 2 || h.size(1) != W.size(0) || h.size(0) != labels.size(0)) {
      return;
    }
    INDArray z = h.mmul(W).addiRowVector(b); // logits [batch, k]
    // log softmax(z) = z - max - log(sum exp(z - max)), stable for large logits
    INDArray shifted = z.subColumnVector(z.max(1));
    INDArray logSoftmax =
        shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false));
    long n = labels.size(0);
    loss = -logSoftmax.muli(labels).sumNumber().doubleValue() / n; // mean cross-entropy
    INDArray same = z.argMax(1).eq(labels.argMax(1)); // argmax softmax(z) = argmax z
    accuracy = same.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).sumNumber().doubleValue() / n;
    measured = true;
  }
}
