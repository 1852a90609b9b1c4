package org.dlcourse.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.Seed;
import org.dlcourse.Speed;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Convolutional networks of the lectures, on 28 x 28 grey images ({@code [n, 1, 28, 28]}, e.g.
 * {@code Datasets.fashionMnist().train().asImages(1, 28, 28)}).
 *
 * <p>No lesson of 00–06 teaches convolution yet; LeNet is the reference model of the speed
 * benchmark ({@code bench/}) and available to notebooks that compare learned features.
 */
public final class Cnns {

  static {
    Speed.enableHelpers(); // oneDNN convolution and pooling (see Speed)
  }

  private Cnns() {}

  /**
   * LeNet (LeCun et al. 1998, in its modern form): two blocks of 5 x 5 convolution (20, then 50
   * filters, ReLU) and 2 x 2 max pooling, a dense layer of 500 ReLU units and a softmax output; He
   * initialisation, Adam with {@code lr = 1e-3}, seed 42.
   *
   * <pre>{@code
   * // [n, 1, 28, 28] -conv 5x5-> [n, 20, 24, 24] -pool-> [n, 20, 12, 12]
   * //                -conv 5x5-> [n, 50, 8, 8]   -pool-> [n, 50, 4, 4] -> [n, 800] -> [n, 500]
   * //                -> [n, numClasses]
   * Model model = Cnns.lenet(10);
   * }</pre>
   */
  public static Model lenet(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2 but was " + numClasses);
    }
    MultiLayerNetwork network = new MultiLayerNetwork(lenetConfiguration(numClasses));
    network.init();
    return Model.of(network, "lenet", 1, 28, 28);
  }

  /** The DL4J configuration of {@link #lenet(int)}. */
  public static MultiLayerConfiguration lenetConfiguration(int numClasses) {
    return new NeuralNetConfiguration.Builder()
        .seed(Seed.base())
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.RELU)
        .updater(Optimizers.adam(1e-3))
        .list()
        .layer(conv(20))
        .layer(pool())
        .layer(conv(50))
        .layer(pool())
        .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
        .layer(
            new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutional(28, 28, 1))
        .build();
  }

  private static ConvolutionLayer conv(int numFilters) {
    return new ConvolutionLayer.Builder(5, 5)
        .stride(1, 1)
        .nOut(numFilters)
        .activation(Activation.RELU)
        .build();
  }

  private static SubsamplingLayer pool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .build();
  }
}
