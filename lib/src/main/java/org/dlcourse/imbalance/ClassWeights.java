package org.dlcourse.imbalance;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Class weights in the cross-entropy loss: {@code L = -(1/n) sum_i w[y_i] log p_{y_i}(x_i)}, so an
 * error on a rare class costs more.
 *
 * <pre>{@code
 * double[] w = ClassWeights.inverseFrequency(train.classCounts()); // w_c = n / (k n_c)
 * Model model = ClassWeights.model(Models.mlpBuilder().layerSizes(784, 128, 10).configuration(),
 *     w, "weighted mlp", 784);
 * }</pre>
 *
 * <p>With inverse-frequency weights every class contributes the same total weight {@code n / k}, as
 * if the classes were balanced; on a balanced set all weights are 1.
 */
public final class ClassWeights {

  private ClassWeights() {}

  /**
   * {@code w_c = n / (k n_c)} for class counts {@code n_c}, {@code n = sum n_c}, {@code k} classes.
   *
   * @throws IllegalArgumentException if a class has no example (its weight would be infinite)
   */
  public static double[] inverseFrequency(int[] counts) {
    long n = Arrays.stream(counts).asLongStream().sum();
    double[] w = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] <= 0) {
        throw new IllegalArgumentException(
            "class "
                + c
                + " has "
                + counts[c]
                + " examples, so its inverse-frequency weight is undefined; counts were "
                + Arrays.toString(counts)
                + "; drop the class or give it at least one example");
      }
      w[c] = (double) n / ((double) counts.length * counts[c]);
    }
    return w;
  }

  /**
   * A new, initialised model from {@code configuration} whose output layer's loss is the
   * cross-entropy weighted by {@code weights} (one per class, {@code > 0}). The configuration is
   * copied, not changed.
   *
   * @param inputShape the shape of one example, e.g. {@code 784} or {@code 1, 28, 28}
   */
  public static Model model(
      MultiLayerConfiguration configuration, double[] weights, String name, long... inputShape) {
    MultiLayerConfiguration copy = configuration.clone();
    Layer last = copy.getConf(copy.getConfs().size() - 1).getLayer();
    if (!(last instanceof BaseOutputLayer output)) {
      throw new IllegalArgumentException(
          "class weights go into the output layer's loss, but the last layer is a "
              + last.getClass().getSimpleName()
              + "; end the network with an OutputLayer");
    }
    if (weights.length != output.getNOut()) {
      throw new IllegalArgumentException(
          "expected one weight per class ("
              + output.getNOut()
              + ") but got "
              + weights.length
              + ": "
              + Arrays.toString(weights));
    }
    for (double w : weights) {
      if (!(w > 0)) {
        throw new IllegalArgumentException(
            "class weights must be > 0 but got " + Arrays.toString(weights));
      }
    }
    output.setLossFn(new LossMCXENT(Nd4j.createFromArray(weights).castTo(DataType.FLOAT)));
    MultiLayerNetwork network = new MultiLayerNetwork(copy);
    network.init();
    return Model.of(network, name, inputShape);
  }
}
