package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.dlcourse.data.Dataset;
import org.dlcourse.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsTests {

  private static final Dataset XOR =
      Dataset.of(
          new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
          new int[] {0, 1, 1, 0},
          List.of("0", "1"));

  @Test
  void mlpSolvesXorWhereALinearModelCannot() {
    Trainer trainer = Trainer.builder().numEpochs(300).batchSize(4).progress(false).build();
    Model mlp = Models.mlpBuilder().layerSizes(2, 16, 2).updater(Optimizers.adam(0.05)).build();
    trainer.fit(mlp, XOR);
    assertEquals(1.0, trainer.evaluate(mlp, XOR).accuracy());

    Model linear = Models.linear(2, 2);
    trainer.fit(linear, XOR);
    // no line separates {(0,0), (1,1)} from {(0,1), (1,0)}: at most 3 of 4 are right
    assertTrue(trainer.evaluate(linear, XOR).accuracy() <= 0.75);
  }

  @Test
  void dropoutTakesTheDropProbabilityAndGivesDl4jTheKeepProbability() {
    Model model = Models.mlpBuilder().layerSizes(4, 8, 8, 3).dropout(0.3).build();
    var layers = model.network().getLayerWiseConfigurations().getConfs();
    assertNull(layers.get(0).getLayer().getIDropout(), "no dropout on the input features");
    for (int i = 1; i < layers.size(); i++) {
      Dropout d = assertInstanceOf(Dropout.class, layers.get(i).getLayer().getIDropout());
      assertEquals(0.7, d.getP(), 1e-12); // DL4J keeps a unit with probability p
    }
    assertThrows(IllegalArgumentException.class, () -> Models.mlpBuilder().dropout(1.0));
  }

  @Test
  void defaultMlpPrintsItsLayerSizesAndParameterCount() {
    Model model = Models.mlp(784, 256, 10);
    // 784*256 + 256 + 256*10 + 10 weights and biases
    assertEquals(203_530, model.numParams());
    assertEquals("Model[mlp 784-256-10, 203,530 parameters]", model.toString());
    assertEquals(10, model.numClasses());
    assertTrue(model.html().contains("DenseLayer"), model.html());
  }

  @Test
  void predictRejectsImagesForAFlatModelAndSaysToFlatten() {
    Model model = Models.mlp(784, 16, 10);
    INDArray images = Nd4j.zeros(DataType.FLOAT, 64, 28, 28);
    var e = assertThrows(IllegalArgumentException.class, () -> model.predict(images));
    assertEquals(
        "the model expects inputs of shape [n, 784] but got [64, 28, 28]; call dataset.flatten()"
            + " (or X.reshape(n, 784))",
        e.getMessage());
  }

  @Test
  void predictGivesOneProbabilityRowPerExample() {
    Model model = Models.mlp(3, 5, 4);
    INDArray yHat = model.predict(Nd4j.rand(DataType.FLOAT, 6, 3));
    assertEquals(6, yHat.size(0));
    assertEquals(4, yHat.size(1));
    for (int i = 0; i < 6; i++) {
      assertEquals(1.0, yHat.getRow(i).sumNumber().doubleValue(), 1e-5);
    }
    assertEquals(6, model.predictClasses(Nd4j.rand(DataType.DOUBLE, 6, 3)).length);
  }

  @Test
  void sameSeedGivesTheSameInitialWeights() {
    assertEquals(Models.mlp(5, 4, 2).network().params(), Models.mlp(5, 4, 2).network().params());
  }

  @Test
  void savedModelLoadsWithItsNameShapeAndPredictions(@TempDir Path dir) {
    Model model = Models.mlpBuilder().layerSizes(3, 4, 2).name("tiny").build();
    Path file = dir.resolve("sub/tiny.zip");
    model.save(file);
    Model loaded = Model.load(file);
    assertEquals("tiny", loaded.name());
    INDArray X = Nd4j.rand(DataType.FLOAT, 5, 3);
    assertEquals(model.predict(X), loaded.predict(X));
  }

  @Test
  void loadingAMissingFileSaysHowToSaveOne(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class, () -> Model.load(dir.resolve("none.zip")));
    assertTrue(e.getMessage().contains("model.save(path)"), e.getMessage());
  }

  @Test
  void builderWithoutLayerSizesSaysWhatToSet() {
    var e = assertThrows(IllegalStateException.class, () -> Models.mlpBuilder().build());
    assertTrue(e.getMessage().contains("layerSizes("), e.getMessage());
  }
}
