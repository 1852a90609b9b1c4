package org.dlcourse.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.models.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

class MinibatchStdTests {

  @Test
  @DisplayName("the feature is the mean column std, appended to every row: [m, p] -> [m, p + 1]")
  void featureAndShape() {
    // columns {0, 2} (std 1) and {1, 1} (std 0, sqrt(eps) = 1e-4 with eps): f = (1 + 0) / 2
    INDArray x = Nd4j.create(new float[][] {{0, 1}, {2, 1}});
    assertEquals(0.5, MinibatchStd.feature(x), 1e-4);
    INDArray in = MinibatchStd.append(x);
    assertArrayEquals(new long[] {2, 3}, in.shape());
    assertEquals(0.5, in.getDouble(0, 2), 1e-4);
    assertEquals(0.5, in.getDouble(1, 2), 1e-4);
    assertEquals(2, in.getDouble(1, 0), 0);
    // a collapsed batch (all rows equal) has f near 0
    assertEquals(0, MinibatchStd.feature(Nd4j.ones(DataType.FLOAT, 5, 2)), 1e-3);
  }

  @Test
  @DisplayName("backprop through the feature matches finite differences of a scalar loss")
  void backpropMatchesFiniteDifferences() {
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3);
    INDArray a = Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5); // L([x, f]) = sum(a * [x, f]^2)
    INDArray dLdin = a.mul(MinibatchStd.append(x).castTo(DataType.DOUBLE)).muli(2);
    INDArray analytic = MinibatchStd.backprop(x, dLdin);
    double h = 1e-5;
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 3; j++) {
        INDArray up = x.dup();
        up.putScalar(i, j, x.getDouble(i, j) + h);
        INDArray down = x.dup();
        down.putScalar(i, j, x.getDouble(i, j) - h);
        double numeric = (loss(a, up) - loss(a, down)) / (2 * h);
        assertEquals(numeric, analytic.getDouble(i, j), 1e-4, "x[" + i + ", " + j + "]");
      }
    }
  }

  private static double loss(INDArray a, INDArray x) {
    INDArray in =
        Nd4j.hstack(x, Nd4j.valueArrayOf(new long[] {x.size(0), 1}, stdOf(x), DataType.DOUBLE));
    return a.mul(in).muli(in).sumNumber().doubleValue();
  }

  private static double stdOf(INDArray x) { // the definition, in double precision
    INDArray c = x.subRowVector(x.mean(true, 0));
    return Transforms.sqrt(c.mul(c).mean(0).addi(MinibatchStd.EPS)).meanNumber().doubleValue();
  }

  @Test
  @DisplayName("a GAN with the feature: D takes d + 1 inputs, the G step is still frozen-D SGD")
  void ganWithMinibatchStd() {
    Model g = GanNets.generatorBuilder().layerSizes(3, 8, 2).updater(new Sgd(0.05)).seed(1).build();
    Model d = GanNets.discriminatorBuilder().layerSizes(3, 8).seed(2).build();
    Gan gan =
        Gan.builder().generator(g).discriminator(d).batchSize(8).minibatchStd(true).seed(3).build();
    INDArray z = gan.latent(8);
    INDArray dBefore = gan.discriminator().params().dup();
    INDArray theta = gan.generator().params().dup();
    double before = loss(gan, z);
    assertEquals(before, gan.generatorStep(z), 1e-6);
    assertEquals(dBefore, gan.discriminator().params());
    INDArray step = theta.sub(gan.generator().params()).div(0.05); // the gradient G applied
    // the step is a descent direction of -mean log D([G(z), f]) with f through G too
    INDArray grad = numericGradient(gan, theta, z);
    double cos =
        step.mul(grad).sumNumber().doubleValue()
            / step.norm2Number().doubleValue()
            / grad.norm2Number().doubleValue();
    assertTrue(cos > 0.99, "cosine between applied and numeric gradient " + cos);
    gan.discriminatorStep(Nd4j.rand(DataType.FLOAT, 8, 2), gan.sample(8));
    assertNotEquals(dBefore, gan.discriminator().params());
    // without the extra input D is refused, naming d + 1
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gan.builder()
                    .generator(g)
                    .discriminator(GanNets.discriminator(2, 8))
                    .minibatchStd(true)
                    .build());
    assertTrue(e.getMessage().contains("GanNets.discriminator(3"), e.getMessage());
  }

  private static double loss(Gan gan, INDArray z) {
    INDArray in = MinibatchStd.append(gan.generate(z));
    return -Transforms.log(gan.discriminator().network().output(in, false), true)
        .meanNumber()
        .doubleValue();
  }

  private static INDArray numericGradient(Gan gan, INDArray theta, INDArray z) {
    INDArray grad = theta.like();
    double h = 1e-3;
    for (int i = 0; i < theta.length(); i++) {
      INDArray p = theta.dup();
      p.putScalar(i, theta.getDouble(i) + h);
      gan.generator().setParams(p);
      double up = loss(gan, z);
      p.putScalar(i, theta.getDouble(i) - h);
      gan.generator().setParams(p);
      grad.putScalar(i, (up - loss(gan, z)) / (2 * h));
    }
    gan.generator().setParams(theta);
    return grad;
  }
}
