package org.dlcourse.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

class GanTests {

  private static Gan tiny(double generatorLr, Activation output, int pack) {
    Model g =
        GanNets.generatorBuilder()
            .layerSizes(3, 8, 2)
            .outputActivation(output)
            .updater(new Sgd(generatorLr))
            .seed(1)
            .build();
    Model d = GanNets.discriminatorBuilder().layerSizes(2 * pack, 8).seed(2).build();
    return Gan.builder().generator(g).discriminator(d).batchSize(8).pack(pack).seed(3).build();
  }

  /** The non-saturating generator loss -mean log D(G(z)), computed without any training. */
  private static double generatorLoss(Gan gan, INDArray z, int pack) {
    INDArray x = gan.generate(z);
    INDArray xp = x.dup('c').reshape('c', x.size(0) / pack, x.size(1) * pack);
    return -Transforms.log(gan.discriminator().network().output(xp, false), true)
        .meanNumber()
        .doubleValue();
  }

  @Test
  @DisplayName("the generator step leaves every discriminator weight unchanged and moves G")
  void discriminatorFrozenDuringGeneratorStep() {
    Gan gan = tiny(0.1, Activation.IDENTITY, 1);
    INDArray dBefore = gan.discriminator().params().dup();
    INDArray gBefore = gan.generator().params().dup();
    gan.generatorStep(gan.latent(8));
    assertEquals(dBefore, gan.discriminator().params());
    assertNotEquals(gBefore, gan.generator().params());
    // and the discriminator step does change D
    gan.discriminatorStep(Nd4j.rand(DataType.FLOAT, 8, 2), gan.sample(8));
    assertNotEquals(dBefore, gan.discriminator().params());
  }

  @Test
  @DisplayName("the generator step is SGD on -mean log D(G(z)): matches finite differences")
  void generatorStepFollowsTheChainRule() {
    for (int pack : new int[] {1, 2}) {
      double lr = 0.05;
      Gan gan = tiny(lr, Activation.SIGMOID, pack); // sigmoid: ChainRuleLoss must apply act'
      INDArray z = gan.latent(8);
      INDArray theta = gan.generator().params().dup();
      double loss = generatorLoss(gan, z, pack);
      double reported = gan.generatorStep(z);
      assertEquals(loss, reported, 1e-6);
      INDArray analytic = theta.sub(gan.generator().params()).div(lr); // SGD: dtheta = -lr * grad
      gan.generator().setParams(theta.dup());
      double h = 1e-3; // small, so that no leaky-ReLU kink lies within +-h
      int checked = 0;
      for (int i = 0; i < theta.length(); i++) {
        INDArray p = theta.dup();
        p.putScalar(i, theta.getDouble(i) + h);
        gan.generator().setParams(p);
        double up = generatorLoss(gan, z, pack);
        p.putScalar(i, theta.getDouble(i) - h);
        gan.generator().setParams(p);
        double down = generatorLoss(gan, z, pack);
        double numeric = (up - down) / (2 * h);
        double a = analytic.getDouble(i);
        if (Math.abs(numeric) > 2e-3) {
          checked++;
          assertEquals(numeric, a, 0.05 * Math.abs(numeric) + 2e-4, "parameter " + i);
        }
      }
      assertTrue(checked >= 10, "only " + checked + " parameters had a gradient to check");
    }
  }

  @Test
  @DisplayName("a tiny GAN moves from N(0, small) towards the data N(3, 0.5^2)")
  void tinyGanLearnsAGaussian() {
    int n = 2000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    float[][] values = new float[n][1];
    for (float[] v : values) {
      v[0] = (float) (3 + 0.5 * DistancesTests.gaussian(random));
    }
    INDArray data = Nd4j.create(values);
    Adam adam = new Adam(5e-3, 0.5, 0.999, 1e-8);
    Model g = GanNets.generatorBuilder().layerSizes(2, 16, 1).updater(adam).seed(4).build();
    Model d = GanNets.discriminatorBuilder().layerSizes(1, 16).updater(adam).seed(5).build();
    Gan gan = Gan.builder().generator(g).discriminator(d).seed(6).sampleEvery(100).build();
    double[] real = data.toDoubleVector();
    double before = Wasserstein.oneD(gan.sample(1000).toDoubleVector(), real);
    GanHistory history = gan.fit(data, 300);
    double after = Wasserstein.oneD(gan.sample(1000).toDoubleVector(), real);
    assertTrue(before > 2, "the untrained generator should be far from mean 3: W1 " + before);
    assertTrue(after < 0.3 * before && after < 0.6, "W1 " + before + " -> " + after);
    assertEquals(300, history.steps());
    assertEquals(4, history.snapshots().size()); // steps 0, 100, 200, 300
    assertEquals(100, history.snapshots().get(1).step());
  }

  @Test
  @DisplayName("mismatched networks are refused with the sizes and the fix")
  void badNetworks() {
    Model g = GanNets.generator(3, 8, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gan.builder()
                    .generator(g)
                    .discriminator(GanNets.discriminator(2, 8))
                    .pack(2)
                    .build());
    assertTrue(e.getMessage().contains("GanNets.discriminator(4"), e.getMessage());
    Model classifier = Models.mlp(3, 8, 2); // softmax + cross-entropy, not ChainRuleLoss
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gan.builder()
                    .generator(classifier)
                    .discriminator(GanNets.discriminator(2, 8))
                    .build());
    assertTrue(e.getMessage().contains("ChainRuleLoss"), e.getMessage());
    Gan gan = Gan.of(g, GanNets.discriminator(2, 8));
    e = assertThrows(IllegalArgumentException.class, () -> gan.fit(Nd4j.zeros(10, 3), 1));
    assertTrue(e.getMessage().contains("[N, 2]"), e.getMessage());
  }

  @Test
  @DisplayName("running means smooth the losses")
  void smoothing() {
    double[] s = GanHistory.smoothed(new double[] {1, 3, 5, 7}, 2);
    assertEquals(1, s[0], 1e-12);
    assertEquals(2, s[1], 1e-12);
    assertEquals(6, s[3], 1e-12);
  }
}
