package org.dlcourse.train.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.models.Optimizers;
import org.dlcourse.train.History;
import org.dlcourse.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Which path a model trains on, the switch, and the trainer on the fast path. */
class FastPathTests {

  @AfterEach
  void switchBackOn() {
    System.clearProperty(FastPath.PROPERTY);
  }

  private static Model mlp() {
    return Models.mlpBuilder().layerSizes(12, 10, 3).seed(3).build();
  }

  private static DataSet batch() {
    return Equality.batches(1, 16, 12, 3, 11).get(0);
  }

  @Test
  void theCourseMlpTrainsOnTheFastPath() {
    Model model = mlp();
    assertTrue(model.usesFastPath(), model.trainingPath());
    assertEquals("fast dense path", model.trainingPath());
    INDArray before = model.params().dup();
    assertNotNull(model.fastStep(batch()));
    assertNotEquals(before, model.params());
  }

  @Test
  void unsupportedConfigurationsFallBackToDl4jFit() {
    Model dropout = gaussianDropoutMlp();
    Model mse = Models.mlpBuilder().layerSizes(12, 3).loss(LossFunction.MSE).build();
    Model softplus =
        Models.mlpBuilder().layerSizes(12, 10, 3).activation(Activation.SOFTPLUS).build();
    for (Model model : List.of(dropout, mse, softplus)) {
      assertFalse(model.usesFastPath(), model.trainingPath());
      assertTrue(model.trainingPath().startsWith("DL4J fit ("), model.trainingPath());
      assertNull(model.fastStep(batch()), model.trainingPath());
      INDArray before = model.params().dup();
      model.fit(batch()); // DL4J's fit still trains it
      assertNotEquals(before, model.params());
    }
    assertTrue(dropout.trainingPath().contains("GaussianDropout"), dropout.trainingPath());
  }

  /** 12-10-3 with GaussianDropout on layer 1's input: a dropout the fast path does not have. */
  private static Model gaussianDropoutMlp() {
    MultiLayerConfiguration conf = Models.mlpBuilder().layerSizes(12, 10, 3).configuration();
    conf.getConf(1).getLayer().setIDropout(new GaussianDropout(0.2));
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return Model.of(net, "gaussian dropout", 12);
  }

  /**
   * The course's dropout MLP trains on the fast path; afterwards inference applies no dropout: the
   * prediction is the plain forward pass softmax(relu(relu(x W0 + b0) W1 + b1) W2 + b2), the same
   * on every call, while training-mode outputs differ from call to call.
   */
  @Test
  void aDropoutMlpTrainsFastAndPredictsWithoutDropout() {
    Model model = Models.mlpBuilder().layerSizes(12, 10, 8, 3).dropout(0.5).seed(3).build();
    assertEquals("fast dense path", model.trainingPath());
    long steps = FastPath.stepsTaken();
    for (DataSet b : Equality.batches(5, 16, 12, 3, 13)) {
      model.fit(b);
    }
    assertEquals(5, FastPath.stepsTaken() - steps);
    INDArray x = batch().getFeatures();
    INDArray h = x;
    for (int l = 0; l < 3; l++) {
      INDArray z = h.mmul(model.network().getLayer(l).getParam("W"));
      z.addiRowVector(model.network().getLayer(l).getParam("b"));
      h = l < 2 ? Transforms.relu(z, false) : Transforms.softmax(z, false);
    }
    INDArray predicted = model.predict(x);
    assertTrue(Equality.relative(predicted, h) < 1e-5, "predict applied dropout?");
    assertEquals(predicted, model.predict(x));
    assertTrue(
        Equality.relative(model.output(x, true), predicted) > 1e-3, "no dropout in training");
  }

  @Test
  void modelFitTakesTheFastStepWithoutListeners() {
    Model model = mlp();
    long steps = FastPath.stepsTaken();
    model.fit(batch());
    assertEquals(1, FastPath.stepsTaken() - steps);
    assertTrue(model.score() > 0, "the step's loss is the network's score");
  }

  @Test
  void aUserListenerSendsTrainingToDl4j() {
    Model model = mlp();
    model.addListener(new ScoreIterationListener(1000));
    assertFalse(model.usesFastPath());
    assertTrue(model.trainingPath().contains("listener"), model.trainingPath());
    assertNull(model.fastStep(batch()));
    long steps = FastPath.stepsTaken();
    model.fit(batch());
    assertEquals(0, FastPath.stepsTaken() - steps);
  }

  @Test
  void theSwitchTurnsTheFastPathOff() {
    System.setProperty(FastPath.PROPERTY, "false");
    Model model = mlp();
    assertFalse(FastPath.enabled());
    assertFalse(model.usesFastPath());
    assertTrue(model.trainingPath().contains("switched off"), model.trainingPath());
    assertNull(model.fastStep(batch()));
    System.setProperty(FastPath.PROPERTY, "true");
    assertTrue(model.usesFastPath());
  }

  @Test
  void aMaskedMinibatchIsLeftToDl4j() {
    DataSet masked = batch();
    masked.setLabelsMaskArray(org.nd4j.linalg.factory.Nd4j.ones(16, 1));
    assertNull(mlp().fastStep(masked));
  }

  /** The trainer's history is the same on both paths (same seed, same minibatch order). */
  @Test
  void theTrainerRecordsTheSameHistoryOnBothPaths() {
    Dataset train = noise(300, 1);
    Dataset validation = noise(100, 2);
    Trainer trainer = Trainer.builder().numEpochs(3).batchSize(32).progress(false).build();
    Model fast =
        Models.mlpBuilder().layerSizes(6, 8, 3).updater(Optimizers.adam(1e-2)).l2(1e-3).build();
    assertTrue(fast.usesFastPath());
    long steps = FastPath.stepsTaken();
    History onFast = trainer.fit(fast, train, validation);
    assertEquals(3 * 10, FastPath.stepsTaken() - steps, "3 epochs of ceil(300 / 32) fast steps");
    System.setProperty(FastPath.PROPERTY, "false");
    Model slow =
        Models.mlpBuilder().layerSizes(6, 8, 3).updater(Optimizers.adam(1e-2)).l2(1e-3).build();
    steps = FastPath.stepsTaken();
    History onDl4j = trainer.fit(slow, train, validation);
    assertEquals(0, FastPath.stepsTaken() - steps, "switched off: DL4J's fit takes every step");
    for (int e = 0; e < 3; e++) {
      assertEquals(onDl4j.trainLoss().get(e), onFast.trainLoss().get(e), 1e-5, "epoch " + e);
      assertEquals(onDl4j.trainAccuracy().get(e), onFast.trainAccuracy().get(e), 1e-9);
      assertEquals(onDl4j.validationLoss().get(e), onFast.validationLoss().get(e), 1e-5);
    }
    assertTrue(Equality.relative(fast.params(), slow.params()) < 1e-5);
  }

  /**
   * With dropout the trainer ends with the same network on both paths: the fast path draws the same
   * masks from ND4J's random stream as DL4J's fit. (The history's training loss and accuracy may
   * differ: on DL4J's path the trainer measures them from the activations DL4J hands listeners,
   * before the output layer's input dropout; the fast path measures the step's own forward pass,
   * every mask applied, as DL4J's score.)
   */
  @Test
  void theTrainerTrainsADropoutMlpAlikeOnBothPaths() {
    Dataset train = noise(300, 3);
    Dataset validation = noise(100, 4);
    Trainer trainer = Trainer.builder().numEpochs(2).batchSize(32).progress(false).build();
    Model fast = dropoutMlp();
    assertTrue(fast.usesFastPath(), fast.trainingPath());
    long steps = FastPath.stepsTaken();
    History onFast = trainer.fit(fast, train, validation);
    assertEquals(2 * 10, FastPath.stepsTaken() - steps);
    System.setProperty(FastPath.PROPERTY, "false");
    Model slow = dropoutMlp();
    History onDl4j = trainer.fit(slow, train, validation);
    double params = Equality.relative(fast.params(), slow.params());
    System.out.printf(
        "trainer with dropout: params rel %.2e, validation loss %.6f vs %.6f%n",
        params, onFast.validationLoss().get(1), onDl4j.validationLoss().get(1));
    assertTrue(params < 1e-5, "params rel " + params);
    for (int e = 0; e < 2; e++) {
      assertEquals(onDl4j.validationLoss().get(e), onFast.validationLoss().get(e), 1e-5);
    }
  }

  private static Model dropoutMlp() {
    return Models.mlpBuilder()
        .layerSizes(6, 16, 16, 3)
        .updater(Optimizers.adam(1e-2))
        .dropout(0.4)
        .seed(21)
        .build();
  }

  private static Dataset noise(int n, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = (int) Math.floorMod(Math.round(x[i][0] + x[i][1]), 3);
    }
    return Dataset.of(x, y);
  }

  private static void assertNotEquals(INDArray before, INDArray after) {
    assertTrue(Equality.relative(after, before) > 0, "the parameters did not change");
  }
}
