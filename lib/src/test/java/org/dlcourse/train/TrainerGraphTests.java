package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.DeepNets;
import org.dlcourse.models.Model;
import org.dlcourse.models.Optimizers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** The Trainer on a ComputationGraph (the residual stack), the path the layer-stack tests miss. */
class TrainerGraphTests {

  private static Dataset blobs(int n, long seed) {
    Random random = new Random(seed);
    double[][] X = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      double centre = y[i] == 0 ? -2 : 2;
      X[i][0] = centre + random.nextGaussian();
      X[i][1] = centre + random.nextGaussian();
    }
    return Dataset.of(X, y);
  }

  @Test
  void trainerFitsAndEvaluatesAComputationGraph() {
    Model graph =
        DeepNets.builder()
            .inputs(2)
            .classes(2)
            .depth(3)
            .width(8)
            .activation(Activation.TANH)
            .updater(Optimizers.adam(0.02))
            .residual();
    assertTrue(graph.isGraph());
    Trainer trainer = Trainer.builder().numEpochs(8).batchSize(32).progress(false).build();
    History history = trainer.fit(graph, blobs(400, 1), blobs(200, 2));
    assertEquals(8, history.epochs());
    assertTrue(
        history.lastTrainLoss() < history.trainLoss().get(0), history.trainLoss().toString());
    assertTrue(history.lastValidationAccuracy() > 0.9, history.toString());
    Evaluation evaluation = trainer.evaluate(graph, blobs(200, 3));
    assertTrue(evaluation.accuracy() > 0.9, evaluation.toString());
    assertEquals(history.lastValidationLoss(), trainer.evaluate(graph, blobs(200, 2)).loss(), 1e-6);
  }
}
