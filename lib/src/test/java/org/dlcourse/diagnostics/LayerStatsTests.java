package org.dlcourse.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.DeepNets;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

class LayerStatsTests {

  /** n examples with 20 standard-normal features; the class is the sign of the first feature. */
  static Dataset signs(int n, long seed) {
    Random random = new Random(seed);
    double[][] X = new double[n][20];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 20; j++) {
        X[i][j] = random.nextGaussian();
      }
      y[i] = X[i][0] > 0 ? 1 : 0;
    }
    return Dataset.of(X, y);
  }

  private static DeepNets.Builder small(Activation activation) {
    return DeepNets.builder().inputs(20).classes(2).depth(10).width(16).activation(activation);
  }

  @Test
  void sigmoidGradientsVanishTowardsTheInput() {
    LayerStats stats = LayerStats.of(small(Activation.SIGMOID).plain(), signs(64, 1));
    double[] norms = stats.gradientNorms();
    assertEquals(11, stats.numLayers(), "10 hidden layers + the output layer");
    assertTrue(norms[0] / norms[10] < 1e-3, Arrays.toString(norms));
  }

  @Test
  void reluWithHeInitKeepsTheGradientSize() {
    LayerStats stats =
        LayerStats.of(small(Activation.RELU).weightInit(WeightInit.RELU).plain(), signs(64, 1));
    double[] norms = stats.gradientNorms();
    assertTrue(norms[0] / norms[10] > 1e-2, Arrays.toString(norms));
  }

  @Test
  void aNegativeBiasKillsReluUnitsAndTheirGradients() {
    Model model = small(Activation.RELU).weightInit(WeightInit.RELU).biasInit(-1).plain();
    LayerStats stats = LayerStats.of(model, signs(64, 1));
    assertEquals(1.0, stats.deadFractions()[9], 0, stats.table().print());
    assertEquals(0.0, stats.gradientNorms()[0], 0, stats.table().print());
    LayerStats healthy =
        LayerStats.of(small(Activation.RELU).weightInit(WeightInit.RELU).plain(), signs(64, 1));
    assertTrue(healthy.deadFractions()[9] < 0.5, healthy.table().print());
    assertEquals(0.0, healthy.deadFractions()[10], 0, "softmax outputs are never exactly 0");
  }

  @Test
  void activationStatisticsAreThoseOfTheLayerOutputs() {
    LayerStats stats = LayerStats.of(small(Activation.SIGMOID).plain(), signs(64, 1));
    for (int l = 0; l < 10; l++) {
      double mean = stats.activationMeans()[l];
      assertTrue(
          mean > 0 && mean < 1, "a sigmoid's outputs lie in (0, 1) but the mean was " + mean);
    }
    assertEquals(0.5, stats.activationMeans()[10], 1e-6, "the mean of 2 softmax outputs is 1/2");
  }

  @Test
  void worksOnAComputationGraphAndListsItsLayersInOrder() {
    Model residual = small(Activation.TANH).residual();
    LayerStats stats = LayerStats.of(residual, signs(64, 1));
    assertEquals(11, stats.numLayers());
    assertTrue(stats.layers().get(0).name().startsWith("dense1 "), stats.toString());
    assertTrue(stats.layers().get(10).name().startsWith("output "), stats.toString());
    for (double norm : stats.gradientNorms()) {
      assertTrue(norm > 0 && Double.isFinite(norm), Arrays.toString(stats.gradientNorms()));
    }
    assertEquals(11, stats.table().rowCount());
    assertTrue(stats.toString().startsWith("LayerStats[11 layers"), stats.toString());
  }

  @Test
  void labelsOfTheWrongShapeAreRejectedWithTheShapes() {
    Model model = small(Activation.RELU).plain();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerStats.of(model, Nd4j.rand(8, 20), Nd4j.zeros(8, 3)));
    assertTrue(
        e.getMessage().contains("[8, 2]") && e.getMessage().contains("[8, 3]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerStats.of(model, Nd4j.rand(8, 21), Nd4j.zeros(8, 2)));
    assertTrue(e.getMessage().contains("[n, 20]"), e.getMessage());
  }
}
