package org.dlcourse.ps.ps3;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Your convolutional network for Fashion-MNIST (notebook: ps3.ipynb, question q3).
 *
 * <p>The rules (the tests check them): the network takes flat images {@code [n, 784]} (use {@code
 * InputType.convolutionalFlat(28, 28, 1)}), ends in a 10-way softmax output with {@code MCXENT}
 * loss, and has at most {@link #BUDGET} parameters. The grader measures your trained network by
 * rebuilding it from its weights, so use only {@code ConvolutionLayer} (square kernel and stride,
 * no padding, the default {@code ConvolutionMode}), {@code SubsamplingLayer} (MAX), {@code
 * DenseLayer} and {@code OutputLayer}, with relu, tanh, sigmoid or identity activations. You choose the layers, sizes, activations,
 * initialisation and updater. The grader trains it as {@code Training.fitAndMeasure} does in the
 * notebook ({@link Training#EPOCHS} epochs over {@link Training#TRAIN} training images in batches
 * of {@link Training#BATCH}), then measures its accuracy on held-out test images that it moves by 2
 * to 4 pixels ({@link Training#shifted} shows the kind of shift); see the notebook for the target.
 */
public final class CnnDesign {
  /** The most parameters (weights and biases) your network may have. */
  public static final long BUDGET = 8_000;

  private CnnDesign() {}

  /** Your network's configuration; {@code seed} fixes its initial weights. */
  public static MultiLayerConfiguration configuration(long seed) {
    // BEGIN SOLUTION a small LeNet: two conv-pool stages, then the softmax output
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(3e-3))
        .weightInit(WeightInit.RELU)
        .list()
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
        .layer(maxPool())
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
        .layer(maxPool())
        .layer(
            new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(10)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutionalFlat(28, 28, 1))
        .build();
    // END SOLUTION
  }

  private static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .build();
  }
}
