package org.dlcourse.ps.ps5;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.generative.ChainRuleLoss;
import org.dlcourse.generative.Wasserstein;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The GAN of q1 (given; nothing to write here): the target distribution, the two networks and the
 * distance the grader measures. The grader uses its own copy, so editing this file changes only
 * what your notebook shows.
 *
 * <p>Target: a mixture of two Gaussians on the line, {@code p_data = 1/2 N(-MODE, SD^2) + 1/2
 * N(MODE, SD^2)}. Generator {@code G: z [n, LATENT] -> x [n, 1]}; discriminator {@code D: x [n, 1]
 * -> D(x) [n, 1]}, the probability that x is real. Both are tiny MLPs in double precision.
 */
public final class GanSetup {
  /** The mixture's modes are at -MODE and +MODE, each with standard deviation SD. */
  public static final double MODE = 2.0;

  public static final double SD = 0.5;

  /** The latent size, the hidden width, the batch size (real and fake each) and the steps. */
  public static final int LATENT = 4;

  public static final int HIDDEN = 16;
  public static final int BATCH = 64;
  public static final int STEPS = 1_500;

  private GanSetup() {}

  /** {@code n} samples of the target, {@code [n, 1]}: each picks a mode with probability 1/2. */
  public static INDArray real(SplittableRandom random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (random.nextBoolean() ? MODE : -MODE) + SD * random.nextGaussian();
    }
    return Nd4j.createFromArray(x).reshape(n, 1);
  }

  /** Latent noise {@code z ~ N(0, I)}, {@code [n, LATENT]}. */
  public static INDArray latent(SplittableRandom random, int n) {
    double[] z = new double[n * LATENT];
    for (int i = 0; i < z.length; i++) {
      z[i] = random.nextGaussian();
    }
    return Nd4j.createFromArray(z).reshape(n, LATENT);
  }

  /**
   * G: two leaky-ReLU layers, identity output. Its output layer's "loss" is {@link ChainRuleLoss}:
   * {@code G.fit(z, dLdx)} backpropagates the labels {@code dLdx [n, 1]} (the gradient of the
   * generator's loss with respect to G's outputs) through G and takes one Adam step.
   */
  public static MultiLayerNetwork generator(long seed) {
    return network(seed, LATENT, 1, true);
  }

  /** D: two leaky-ReLU layers, one sigmoid output unit, binary cross-entropy. */
  public static MultiLayerNetwork discriminator(long seed) {
    return network(seed, 1, 1, false);
  }

  private static MultiLayerNetwork network(long seed, int in, int out, boolean generator) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.DOUBLE)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(2e-3, 0.5, 0.999, 1e-8))
            .list()
            .layer(hidden(in))
            .layer(hidden(HIDDEN))
            .layer(
                new OutputLayer.Builder(generator ? new ChainRuleLoss() : new LossBinaryXENT())
                    .nIn(HIDDEN)
                    .nOut(out)
                    .activation(generator ? Activation.IDENTITY : Activation.SIGMOID)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static DenseLayer hidden(int in) {
    return new DenseLayer.Builder()
        .nIn(in)
        .nOut(HIDDEN)
        .activation(new ActivationLReLU(0.2))
        .build();
  }

  /**
   * The 1-D Wasserstein distance between {@code n} samples of G and {@code n} samples of the
   * target, both drawn from {@code seed}: how far, on average, probability mass has to move.
   */
  public static double distance(MultiLayerNetwork G, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] fake = G.output(latent(random, n), false).reshape(n).toDoubleVector();
    double[] data = real(random, n).reshape(n).toDoubleVector();
    return Wasserstein.oneD(fake, data);
  }
}
