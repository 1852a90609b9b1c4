package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dlcourse.data.Dataset;
import org.dlcourse.train.History;
import org.dlcourse.train.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class DeepNetsTests {

  /** n examples with 20 standard-normal features; the class is the sign of the first feature. */
  private static Dataset signs(int n, long seed) {
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

  /**
   * Two well-separated clusters: every feature is N(-1, 1) for class 0 and N(+1, 1) for class 1.
   */
  private static Dataset clusters(int n, long seed) {
    Random random = new Random(seed);
    double[][] X = new double[n][20];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 20; j++) {
        X[i][j] = (y[i] == 0 ? -1 : 1) + random.nextGaussian();
      }
    }
    return Dataset.of(X, y);
  }

  private static DeepNets.Builder deep(Activation activation) {
    return DeepNets.builder()
        .inputs(20)
        .classes(2)
        .depth(20)
        .width(16)
        .activation(activation)
        .updater(Optimizers.momentum(0.02, 0.9));
  }

  @Test
  void residualAndPlainStacksHaveTheSameParameters() {
    Model plain = deep(Activation.TANH).plain();
    Model residual = deep(Activation.TANH).residual();
    // 20 * 16 + 16, then 19 * (16 * 16 + 16), then 16 * 2 + 2 (activation layers have none)
    long expected = 20 * 16 + 16 + 19 * (16 * 16 + 16) + 16 * 2 + 2;
    assertEquals(expected, plain.numParams());
    assertEquals(expected, residual.numParams());
    assertFalse(plain.isGraph());
    assertTrue(residual.isGraph());
    assertEquals(2, residual.numClasses());
    assertTrue(residual.name().startsWith("residual 20 x 16 tanh"), residual.name());
  }

  @Test
  void residualNetworkTrainsWhereThePlainOneStalls() {
    Dataset train = clusters(400, 1);
    Trainer trainer = Trainer.builder().numEpochs(5).batchSize(40).progress(false).build();
    History plain = trainer.fit(deep(Activation.SIGMOID).plain(), train);
    History residual = trainer.fit(deep(Activation.SIGMOID).residual(), train);
    assertTrue(plain.lastTrainLoss() > 0.6, "plain should stall near ln 2: " + plain.trainLoss());
    assertTrue(residual.lastTrainLoss() < 0.4, "residual should learn: " + residual.trainLoss());
    assertTrue(residual.lastTrainAccuracy() > 0.85, residual.toString());
  }

  @Test
  void batchNormalisationAddsItsLayersAndTrains() {
    Model normalised = deep(Activation.SIGMOID).batchNorm(true).plain();
    assertEquals(20 * 3 + 1, normalised.network().getnLayers(), "dense, batch norm, activation");
    History history =
        Trainer.builder()
            .numEpochs(5)
            .batchSize(40)
            .progress(false)
            .build()
            .fit(normalised, signs(400, 1));
    assertTrue(history.lastTrainLoss() < 0.4, history.trainLoss().toString());
  }

  @Test
  void badOptionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeepNets.builder().depth(0));
    assertTrue(e.getMessage().contains("depth must be >= 1 but was 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeepNets.builder().classes(1));
    assertTrue(e.getMessage().contains("classes must be >= 2"), e.getMessage());
    IllegalStateException s =
        assertThrows(
            IllegalStateException.class, () -> DeepNets.builder().batchNorm(true).residual());
    assertTrue(s.getMessage().contains("batchNorm(false)"), s.getMessage());
  }
}
