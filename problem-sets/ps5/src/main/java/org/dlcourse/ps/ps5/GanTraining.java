package org.dlcourse.ps.ps5;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The GAN training loop (notebook: ps5.ipynb, question q1). The game (Goodfellow et al., 2014):
 *
 * <pre>
 *   min_G max_D V(D, G),  V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]
 * </pre>
 *
 * <p>D is trained by binary cross-entropy with label 1 for real samples and 0 for generated ones; G
 * by the <em>non-saturating</em> loss {@code -mean log D(G(z))}, with D frozen. Networks: {@link
 * GanSetup}; all arrays are double, {@code [n, 1]} samples and {@code [n, LATENT]} noise.
 */
public final class GanTraining {
  private GanTraining() {}

  /**
   * One optimizer step of D on {@code real [n, 1]} (label 1) and {@code fake [m, 1]} (label 0)
   * together: D's loss is the mean binary cross-entropy over all n + m samples. G is not touched.
   * Returns that loss <em>before</em> the step.
   */
  public static double discriminatorStep(MultiLayerNetwork D, INDArray real, INDArray fake) {
    // BEGIN SOLUTION stack real and fake, labels 1 then 0, one D.fit; D.score() is the loss before
    // it
    INDArray x = Nd4j.vstack(real, fake); // [n + m, 1]
    INDArray y =
        Nd4j.vstack(
            Nd4j.ones(DataType.DOUBLE, real.size(0), 1),
            Nd4j.zeros(DataType.DOUBLE, fake.size(0), 1)); // [n + m, 1]
    D.fit(x, y);
    return D.score();
    // END SOLUTION
  }

  /**
   * One optimizer step of G on the non-saturating loss {@code L = -mean_i log D(G(z_i))} for {@code
   * z [n, LATENT]}, D frozen (its weights must not change). Returns L <em>before</em> the step.
   *
   * <p>Chain rule: D supplies {@code dL/dx [n, 1]} at {@code x = G(z)} ({@code
   * D.calculateGradients(x, labels, null, null).getSecond()} is the input gradient of D's
   * cross-entropy for those labels, and changes no weight); {@code G.fit(z, dLdx)} passes it back
   * through G (see {@link GanSetup#generator}).
   */
  public static double generatorStep(MultiLayerNetwork G, MultiLayerNetwork D, INDArray z) {
    // BEGIN SOLUTION -log D(x) is D's cross-entropy with label 1: its input gradient, then G.fit
    INDArray x = G.output(z, false); // [n, 1]
    double loss = -Transforms.log(D.output(x, false), true).meanNumber().doubleValue();
    INDArray ones = Nd4j.ones(DataType.DOUBLE, x.size(0), 1);
    INDArray dLdx = D.calculateGradients(x, ones, null, null).getSecond(); // [n, 1]
    G.fit(z, dLdx);
    return loss;
    // END SOLUTION
  }

  /**
   * {@code steps} rounds of the game: each draws {@code GanSetup.BATCH} real samples and as many
   * fake ones (from fresh noise) for one {@link #discriminatorStep}, then fresh noise for one
   * {@link #generatorStep}. Draw everything from {@code random} ({@link GanSetup#real}, {@link
   * GanSetup#latent}).
   */
  public static void train(
      MultiLayerNetwork G, MultiLayerNetwork D, int steps, SplittableRandom random) {
    // BEGIN SOLUTION alternate: D on real and G(z), then G on fresh z
    for (int s = 0; s < steps; s++) {
      INDArray real = GanSetup.real(random, GanSetup.BATCH);
      INDArray fake = G.output(GanSetup.latent(random, GanSetup.BATCH), false);
      discriminatorStep(D, real, fake);
      generatorStep(G, D, GanSetup.latent(random, GanSetup.BATCH));
    }
    // END SOLUTION
  }
}
