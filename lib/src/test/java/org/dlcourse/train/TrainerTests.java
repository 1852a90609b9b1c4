package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.models.Optimizers;
import org.junit.jupiter.api.Test;

class TrainerTests {

  /** Two Gaussian blobs in 2-D, centred at (-2, -2) and (2, 2): a line separates them. */
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

  /** Random features and random labels: nothing to learn, so a big model can only overfit. */
  private static Dataset noise(int n, long seed) {
    Random random = new Random(seed);
    double[][] X = new double[n][10];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 10; j++) {
        X[i][j] = random.nextGaussian();
      }
      y[i] = random.nextInt(2);
    }
    return Dataset.of(X, y);
  }

  private static Trainer quiet(int numEpochs) {
    return Trainer.builder().numEpochs(numEpochs).batchSize(32).progress(false).build();
  }

  @Test
  void lossFallsAndAccuracyExceedsNinetyPercentOnLinearlySeparableData() {
    Dataset train = blobs(400, 1);
    Dataset validation = blobs(200, 2);
    Model model = Models.mlpBuilder().layerSizes(2, 2).updater(Optimizers.adam(0.05)).build();
    History history = quiet(10).fit(model, train, validation);
    assertEquals(10, history.epochs());
    assertTrue(
        history.lastTrainLoss() < history.trainLoss().get(0), history.trainLoss().toString());
    assertTrue(history.lastTrainAccuracy() > 0.9, history.toString());
    assertTrue(history.lastValidationAccuracy() > 0.9, history.toString());
    // the loss measured during training agrees with a separate evaluation (same cross-entropy)
    Evaluation evaluation = quiet(1).evaluate(model, validation);
    assertEquals(history.lastValidationLoss(), evaluation.loss(), 1e-6);
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestParameters() {
    Dataset train = noise(200, 3);
    Dataset validation = noise(200, 4);
    Model model =
        Models.mlpBuilder().layerSizes(10, 128, 128, 2).updater(Optimizers.adam(0.01)).build();
    int patience = 2;
    Trainer trainer =
        Trainer.builder()
            .numEpochs(60)
            .batchSize(32)
            .earlyStopping(patience)
            .progress(false)
            .build();
    History history = trainer.fit(model, train, validation);
    assertTrue(history.stoppedEarly(), history.validationLoss().toString());
    assertEquals(history.bestEpoch() + patience, history.epochs());
    double best = history.validationLoss().get(history.bestEpoch() - 1);
    assertEquals(history.bestValidationLoss(), best);
    // the model holds the best epoch's parameters again, not the last epoch's
    assertEquals(best, trainer.evaluate(model, validation).loss(), 1e-5);
    assertTrue(history.lastValidationLoss() > best);
  }

  @Test
  void fitRejectsFeaturesOfTheWrongSize() {
    Model model = Models.mlp(3, 4, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> quiet(1).fit(model, blobs(10, 1)));
    assertEquals(
        "the training set does not fit the model: the model expects inputs of shape [n, 3] but got"
            + " [10, 2]; use data of the size the model was built for, or build the model for this"
            + " data",
        e.getMessage());
  }

  @Test
  void fitRejectsTheWrongNumberOfClasses() {
    Model model = Models.mlp(2, 4, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> quiet(1).fit(model, blobs(10, 1)));
    assertTrue(e.getMessage().contains("the model has 3 outputs"), e.getMessage());
    assertTrue(e.getMessage().contains("has 2 classes"), e.getMessage());
  }

  @Test
  void earlyStoppingWithoutAValidationSetIsRejected() {
    Trainer trainer = Trainer.builder().earlyStopping(2).progress(false).build();
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> trainer.fit(Models.mlp(2, 2), blobs(10, 1)));
    assertTrue(e.getMessage().contains("validation set"), e.getMessage());
  }

  @Test
  void trainingWithoutValidationRecordsOnlyTrainingMetrics() {
    History history = quiet(2).fit(Models.mlp(2, 4, 2), blobs(40, 5));
    assertFalse(history.hasValidation());
    assertEquals(2, history.trainAccuracy().size());
    assertEquals(2, history.bestEpoch());
    var e = assertThrows(IllegalStateException.class, history::lastValidationAccuracy);
    assertTrue(e.getMessage().contains("validation"), e.getMessage());
  }
}
