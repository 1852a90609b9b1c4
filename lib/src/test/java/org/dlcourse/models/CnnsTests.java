package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class CnnsTests {

  @Test
  void lenetMapsImagesToClassProbabilities() {
    Model lenet = Cnns.lenet(10);
    assertArrayEquals(new long[] {1, 28, 28}, lenet.inputShape());
    assertEquals(10, lenet.numClasses());
    // conv 20 x (1 x 5 x 5) + 20, conv 50 x (20 x 5 x 5) + 50, dense 800 x 500 + 500, 500 x 10 + 10
    assertEquals(520 + 25_050 + 400_500 + 5_010, lenet.numParams());
    Nd4j.getRandom().setSeed(1);
    INDArray X = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28); // [3, 1, 28, 28]
    INDArray yHat = lenet.predict(X); // [3, 10]
    assertArrayEquals(new long[] {3, 10}, yHat.shape());
    INDArray rowSums = yHat.sum(1);
    for (int i = 0; i < 3; i++) {
      assertEquals(1.0, rowSums.getDouble(i), 1e-5, "softmax row " + i + " sums to 1");
    }
  }

  @Test
  void lenetNeedsAtLeastTwoClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cnns.lenet(1));
    assertEquals("numClasses must be >= 2 but was 1", e.getMessage());
  }

  @Test
  void alexNetStyleHasBatchNormDropoutAndPaddedConvolutions() {
    Model alex = Cnns.alexNetStyle(10);
    // conv 32 (1*9+1), BN 4*32, conv 64 (32*9+1), BN 4*64, dense 3136 -> 256, 256 -> 10
    long expected = 32 * 10 + 128 + 64 * (32 * 9 + 1) + 256 + 256L * 3137 + 10 * 257;
    assertEquals(expected, alex.numParams());
    INDArray yHat = alex.predict(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28));
    assertArrayEquals(new long[] {2, 10}, yHat.shape());
  }

  @Test
  void builderRejectsBlocksThatShrinkTheImageAway() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cnns.builder().filters(8, 8, 8, 8).configuration());
    assertTrue(e.getMessage().contains("below one pixel"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cnns.builder().dropout(1.0));
    assertThrows(IllegalArgumentException.class, () -> Cnns.builder().filters());
  }

  @Test
  void linearDecayFallsFromTheInitialRateToZero() {
    LinearDecaySchedule schedule = new LinearDecaySchedule(2e-3, 100);
    assertEquals(2e-3, schedule.valueAt(0, 0), 1e-15);
    assertEquals(1e-3, schedule.valueAt(50, 0), 1e-15); // halfway: half the rate
    assertEquals(2e-5, schedule.valueAt(99, 3), 1e-15); // the epoch does not matter
    assertEquals(0.0, schedule.valueAt(100, 0));
    assertEquals(0.0, schedule.valueAt(500, 0)); // never negative after the last step
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cnns.adamLinearDecay(1e-3, 0));
    assertTrue(e.getMessage().contains("epochs * ceil(trainSize / batchSize)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cnns.adamLinearDecay(0, 10));
  }

  @Test
  void builderUsesTheGivenUpdaterInEveryLayerAndSurvivesJson() {
    MultiLayerConfiguration conf =
        Cnns.alexNetStyleBuilder()
            .filters(4, 8)
            .dense(16)
            .updater(Cnns.adamLinearDecay(3e-3, 40))
            .configuration();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      if (conf.getConf(i).getLayer() instanceof BaseLayer layer) {
        Adam adam = (Adam) layer.getIUpdater();
        assertEquals(
            new LinearDecaySchedule(3e-3, 40), adam.getLearningRateSchedule(), "layer " + i);
      }
    }
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson()); // model files
    assertEquals(conf, back);
    // learningRate(...) after updater(...) goes back to constant Adam
    BaseLayer first =
        (BaseLayer)
            Cnns.builder()
                .updater(Cnns.adamLinearDecay(3e-3, 40))
                .learningRate(5e-4)
                .configuration()
                .getConf(0)
                .getLayer();
    assertEquals(5e-4, ((Adam) first.getIUpdater()).getLearningRate(), 1e-12);
  }

  @Test
  void trainingStepsShrinkWithTheDecayingRate() {
    Model model =
        Cnns.builder().filters(4).dense(0).updater(Cnns.adamLinearDecay(1e-2, 2)).seed(3).build();
    Nd4j.getRandom().setSeed(3);
    INDArray X = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28); // [8, 1, 28, 28]
    INDArray y = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT); // [8, 10]
    org.nd4j.linalg.dataset.DataSet batch = new org.nd4j.linalg.dataset.DataSet(X, y);
    double[] moved = new double[3]; // how far the parameters move in optimizer steps 0, 1, 2
    for (int step = 0; step < 3; step++) {
      INDArray before = model.params().dup();
      model.network().fit(batch); // rates 1e-2, 5e-3, 0
      moved[step] = model.params().sub(before).norm2Number().doubleValue();
    }
    assertTrue(moved[0] > 1e-3, "step 0 moves: " + moved[0]);
    assertTrue(moved[1] < moved[0], "step 1 at half the rate moves less: " + moved[1]);
    // Adam's step is about rate * sqrt(#params): with rate 0 nothing but rounding is left
    assertTrue(moved[2] < 0.01 * moved[0], "step 2 at rate 0 hardly moves: " + moved[2]);
  }
}
