package org.dlcourse.text;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measuring a character-level language model: its cross-entropy per character and perplexity.
 *
 * <p>The network maps one-hot windows {@code [B, V, T]} to next-character probabilities {@code yHat
 * [B, V, T]} (a softmax over {@code V} at every step). Its cross-entropy on windows with one-hot
 * labels {@code y} is the mean over all {@code B·T} predicted characters of {@code -ln yHat[b,
 * y_bt, t]} in nats; perplexity is {@code exp} of it. Every window is read from a fresh, zero
 * state, so its first characters are predicted with little context.
 */
public final class CharModel {

  private CharModel() {}

  /** Mean cross-entropy in nats per character of {@code network} on {@code batches}. */
  public static double crossEntropy(MultiLayerNetwork network, List<DataSet> batches) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("cross-entropy needs at least one minibatch");
    }
    double sum = 0;
    long count = 0;
    for (DataSet batch : batches) {
      INDArray yHat = network.output(batch.getFeatures(), false); // [B, V, T]
      if (!java.util.Arrays.equals(yHat.shape(), batch.getLabels().shape())) {
        throw new IllegalArgumentException(
            "the network's output "
                + java.util.Arrays.toString(yHat.shape())
                + " does not match the labels "
                + java.util.Arrays.toString(batch.getLabels().shape())
                + " ([batch, V, T]); build it with nOut = the vocabulary size");
      }
      INDArray pTrue = yHat.mul(batch.getLabels()).sum(1); // [B, T]: probability of the label
      sum -= Transforms.log(Transforms.max(pTrue, 1e-12), false).sumNumber().doubleValue();
      count += pTrue.length();
    }
    return sum / count;
  }

  /** {@code exp(crossEntropy)}: how many equally likely characters would be as surprising. */
  public static double perplexity(MultiLayerNetwork network, List<DataSet> batches) {
    return Math.exp(crossEntropy(network, batches));
  }
}
