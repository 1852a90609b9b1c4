package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.models.Optimizers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A layer stack and the same network written as a computation graph, trained by the one code path
 * of {@link Trainer}, give the same history: per-batch loss and accuracy mean the same on both.
 */
class OnePathTests {

  /** Three noisy classes in 4-D: hard enough that accuracy moves over the epochs. */
  private static Dataset threeClasses(int n, long seed) {
    Random random = new Random(seed);
    double[][] X = new double[n][4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 4; j++) {
        X[i][j] = (j == y[i] ? 1.0 : 0.0) + 1.2 * random.nextGaussian();
      }
    }
    return Dataset.of(X, y);
  }

  private static Model stack() {
    return Models.mlpBuilder().layerSizes(4, 16, 3).updater(Optimizers.adam(0.01)).seed(5).build();
  }

  /** The same 4-16-3 ReLU/softmax network as a graph, holding a copy of {@code stack}'s weights. */
  private static Model graphLike(Model stack) {
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .updater(Optimizers.adam(0.01))
            .weightInit(WeightInit.RELU)
            .graphBuilder()
            .addInputs("in")
            .addLayer(
                "hidden",
                new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build(),
                "in")
            .addLayer(
                "out",
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(16)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build(),
                "hidden")
            .setOutputs("out")
            .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    Model model = Model.of(graph, "graph 4-16-3", 4);
    model.setParams(stack.params().dup()); // same flat order: W then b, layer by layer
    return model;
  }

  @Test
  void aLayerStackAndTheSameGraphGiveTheSameHistory() {
    Dataset train = threeClasses(300, 1);
    Dataset validation = threeClasses(150, 2);
    Model stack = stack();
    Model graph = graphLike(stack);
    assertTrue(graph.isGraph());
    assertFalse(stack.isGraph());
    assertEquals(stack.numParams(), graph.numParams());
    Trainer trainer = Trainer.builder().numEpochs(4).batchSize(32).seed(9).progress(false).build();
    History a = trainer.fit(stack, train, validation);
    History b = trainer.fit(graph, train, validation);
    assertEquals(a.epochs(), b.epochs());
    for (int e = 0; e < a.epochs(); e++) {
      assertEquals(a.trainLoss().get(e), b.trainLoss().get(e), 1e-4, "train loss, epoch " + e);
      assertEquals(a.trainAccuracy().get(e), b.trainAccuracy().get(e), 1e-9, "accuracy " + e);
      assertEquals(a.validationLoss().get(e), b.validationLoss().get(e), 1e-4, "val loss " + e);
      assertEquals(a.validationAccuracy().get(e), b.validationAccuracy().get(e), 1e-9);
    }
    // the two runs learned something, so equality above is not equality of two untrained nets
    assertTrue(a.lastTrainLoss() < a.trainLoss().get(0), a.trainLoss().toString());
  }

  @Test
  void bothKindsAreMeasuredFromTheTrainingForwardPassBeforeTheStep() {
    Dataset data = threeClasses(64, 3);
    DataSet batch = new DataSet(data.features(), data.labels());
    for (Model model : new Model[] {stack(), graphLike(stack())}) {
      BatchMetrics metrics = new BatchMetrics(model);
      assertTrue(metrics.supported(), model.name());
      // the loss and accuracy of the parameters before the step, computed independently
      Evaluation before = Evaluation.of(model, data);
      model.addListener(metrics);
      metrics.expect(batch.getLabels());
      model.fit(batch);
      model.removeListener(metrics);
      assertTrue(metrics.measured(), "the listener saw the forward pass of " + model.name());
      assertEquals(before.loss(), metrics.loss(), 1e-4, model.name());
      assertEquals(before.accuracy(), metrics.accuracy(), 1e-9, model.name());
      assertEquals(before.loss(), model.score(), 1e-4, "DL4J's score of the step, " + model.name());
    }
  }

  @Test
  void evaluationOfAModelNeedsNoTrainer() {
    Dataset data = threeClasses(90, 4);
    Model model = stack();
    Evaluation direct = Evaluation.of(model, data);
    Evaluation viaTrainer = Trainer.of(1).evaluate(model, data);
    assertEquals(viaTrainer, direct);
    assertEquals(
        90,
        java.util.Arrays.stream(direct.confusion()).flatMapToInt(java.util.Arrays::stream).sum());
  }
}
