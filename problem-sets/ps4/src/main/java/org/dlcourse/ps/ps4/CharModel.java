package org.dlcourse.ps.ps4;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Your character model (notebook: ps4.ipynb, question q3): a DL4J network that reads one-hot
 * characters {@code [n, 27, T]} and outputs, at every step, the probabilities of the next character
 * {@code [n, 27, T]} (an {@code RnnOutputLayer} with softmax and {@code MCXENT}), with at most
 * {@link #BUDGET} parameters. The grader trains it as {@code CharData} describes ({@link
 * CharData#EPOCHS} epochs, batches of {@link CharData#BATCH} sequences of {@link CharData#LENGTH})
 * and measures the mean loss per character on the validation text.
 */
public final class CharModel {
  /** The most parameters (weights and biases) your network may have. */
  public static final long BUDGET = 20_000;

  private CharModel() {}

  /** Your network's configuration; {@code seed} fixes its initial weights. */
  public static MultiLayerConfiguration configuration(long seed) {
    // BEGIN SOLUTION one LSTM layer of 48 units, then the softmax over the 27 characters
    int vocabulary = CharData.ALPHABET.length();
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(1e-2))
        .list()
        .layer(
            new LSTM.Builder()
                .nIn(vocabulary)
                .nOut(48)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .build())
        .layer(
            new RnnOutputLayer.Builder(LossFunction.MCXENT)
                .nIn(48)
                .nOut(vocabulary)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
    // END SOLUTION
  }
}
