package org.dlcourse.train;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dlcourse.models.Model;
import org.dlcourse.train.fast.FastPath;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measures a minibatch's loss and accuracy from the forward pass that training does anyway, the
 * same way for a layer stack and a computation graph.
 *
 * <p>What is measured: the mean cross-entropy and the accuracy of the parameters <em>before</em>
 * the step, on the minibatch the step learns from, in training mode (dropout on). DL4J hands
 * listeners the activations up to the input of the output layer; for a dense softmax output layer
 * the rest is one small matrix product, {@code z = h W + b} ({@code [batch, nIn] -> [batch, k]}),
 * so no second forward pass is needed. Where that does not apply (another output layer), {@link
 * #supported()} is false and the trainer measures the same quantities another way: the accuracy by
 * an inference pass before the step and the loss from the step's score.
 */
final class BatchMetrics extends BaseTrainingListener implements FastPath.MeasuringListener {

  private final Model model;
  private final boolean supported;
  private final String outputInput; // graph only: the vertex that feeds the output layer
  private INDArray labels; // [batch, k], one-hot
  private boolean measured;
  private double loss;
  private double accuracy;

  BatchMetrics(Model model) {
    this.model = model;
    var output = model.outputLayer();
    this.supported =
        output instanceof OutputLayer
            && output.conf().getLayer() instanceof BaseOutputLayer out
            && out.getActivationFn() instanceof ActivationSoftmax
            && out.getLossFn() instanceof LossMCXENT mcxent
            && mcxent.getWeights() == null;
    this.outputInput = model.isGraph() ? inputOfOutputLayer(model.graph()) : null;
  }

  /** Whether the forward pass of a step can be measured (a dense softmax cross-entropy output). */
  boolean supported() {
    return supported;
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

  /** Layer stack: {@code [input, layer 0 output, ..., output of the layer before the output]}. */
  @Override
  public void onForwardPass(org.deeplearning4j.nn.api.Model net, List<INDArray> activations) {
    if (activations.size() == model.numLayers()) {
      measureOutside(activations.get(activations.size() - 1));
    }
  }

  /** Graph: vertex name to its output, the output layers excluded. */
  @Override
  public void onForwardPass(
      org.deeplearning4j.nn.api.Model net, Map<String, INDArray> activations) {
    if (outputInput != null && activations.containsKey(outputInput)) {
      measureOutside(activations.get(outputInput));
    }
  }

  private void measureOutside(INDArray h) {
    if (!supported || labels == null) {
      return;
    }
    // compute outside DL4J's training workspace so nothing here lives in (or leaks from) it
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      measure(h);
    }
  }

  private void measure(INDArray h) { // h: [batch, nIn]
    INDArray W = model.outputLayer().getParam("W"); // [nIn, k]
    INDArray b = model.outputLayer().getParam("b"); // [1, k]
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
    accuracy = same.castTo(DataType.FLOAT).sumNumber().doubleValue() / n;
    measured = true;
  }

  /** The name of the vertex whose output the (single) output layer reads, or null. */
  private static String inputOfOutputLayer(ComputationGraph graph) {
    String outputName = graph.getConfiguration().getNetworkOutputs().get(0);
    List<String> inputs = graph.getConfiguration().getVertexInputs().get(outputName);
    return inputs != null && inputs.size() == 1 ? inputs.get(0) : null;
  }
}
