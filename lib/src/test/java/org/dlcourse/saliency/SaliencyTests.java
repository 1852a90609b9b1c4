package org.dlcourse.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.adversarial.InputGradients;
import org.dlcourse.adversarial.TinyNets;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class SaliencyTests {

  /**
   * Softmax regression on 4 x 4 images whose class-0 score is 5 x (sum of the top-left 2 x 2
   * pixels): only those four pixels matter.
   */
  private static Model topLeftModel() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nIn(16)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();
    INDArray W = Nd4j.zeros(DataType.FLOAT, 16, 2); // [16 pixels, 2 classes]
    for (int pixel : new int[] {0, 1, 4, 5}) {
      W.putScalar(pixel, 0, 5.0);
    }
    net.getLayer(0).setParam("W", W);
    net.getLayer(0).setParam("b", Nd4j.zeros(DataType.FLOAT, 1, 2));
    return Model.of(net, "top-left detector");
  }

  @Test
  @DisplayName("the saliency of a linear score is |W[:, c]|: only the pixels it weighs light up")
  void saliencyOfLinearScore() {
    Model model = topLeftModel();
    INDArray X = Nd4j.rand(DataType.FLOAT, 2, 16);
    INDArray maps = Saliency.of(model, X, new int[] {0, 0});
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(
          model.network().getLayer(0).getParam("W").getColumn(0).toDoubleVector(),
          maps.getRow(i).toDoubleVector(),
          1e-6);
    }
  }

  @Test
  @DisplayName(
      "gradient x input is x * W[:, c], and over any set of pixels it sums to the score drop when"
          + " they are set to 0 (linear score, bias cancels)")
  void gradientTimesInputOfLinearScore() {
    Model model = topLeftModel();
    Nd4j.getRandom().setSeed(7);
    INDArray W = Nd4j.randn(DataType.FLOAT, 16, 2); // every pixel weighs, with either sign
    model.network().getLayer(0).setParam("W", W);
    model.network().getLayer(0).setParam("b", Nd4j.create(new float[] {0.7f, -0.3f}, 1, 2));
    INDArray X = Nd4j.rand(DataType.FLOAT, 2, 16);
    int[] classes = {0, 1};
    INDArray maps = Saliency.gradientTimesInput(model, X, classes);
    assertArrayEquals(X.shape(), maps.shape());
    int[] hidden = {2, 3, 9, 15};
    INDArray zeroed = X.dup();
    for (int j : hidden) {
      zeroed.putScalar(0, j, 0.0);
      zeroed.putScalar(1, j, 0.0);
    }
    INDArray drop =
        InputGradients.classScores(model, X).sub(InputGradients.classScores(model, zeroed));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(
          X.getRow(i).mul(W.getColumn(classes[i])).toDoubleVector(),
          maps.getRow(i).toDoubleVector(),
          1e-6);
      double sum = 0;
      for (int j : hidden) {
        sum += maps.getDouble(i, j);
      }
      assertEquals(drop.getDouble(i, classes[i]), sum, 1e-5, "example " + i);
    }
  }

  @Test
  @DisplayName(
      "occlusion drops the class probability only where the patch hides the pixels that matter")
  void occlusionFindsTheImportantPatch() {
    Model model = topLeftModel();
    INDArray image = Nd4j.ones(DataType.FLOAT, 1, 16);
    INDArray drop = Occlusion.map(model, image, 0, 2, 2, 0.0); // [4, 4]
    assertArrayEquals(new long[] {4, 4}, drop.shape());
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        boolean important = r < 2 && c < 2;
        double d = drop.getDouble(r, c);
        // hiding the 4 pixels sets z_0 from 20 to 0: p_0 falls from ~1 to 1/2
        assertTrue(
            important ? Math.abs(d - 0.5) < 1e-3 : Math.abs(d) < 1e-6,
            "pixel " + r + "," + c + ": " + d);
      }
    }
    var e =
        assertThrows(IllegalArgumentException.class, () -> Occlusion.map(model, image, 0, 5, 1, 0));
    assertTrue(e.getMessage().contains("1..4"), e.getMessage());
  }

  @Test
  @DisplayName("patchAverage spreads each patch's sum over the pixels it covers, like occlusion")
  void patchAverage() {
    INDArray map = Nd4j.zeros(DataType.DOUBLE, 4, 4);
    map.putScalar(0, 0, 1.0);
    INDArray smoothed = Occlusion.patchAverage(map, 2, 2); // patches: 4 disjoint 2 x 2 blocks
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(r < 2 && c < 2 ? 1.0 : 0.0, smoothed.getDouble(r, c), 1e-12);
      }
    }
    // overlapping patches (stride 1): the centre pixels are covered by 4 patches, corners by 1
    INDArray ones = Occlusion.patchAverage(Nd4j.ones(DataType.DOUBLE, 3, 3), 2, 1);
    assertEquals(4.0, ones.getDouble(1, 1), 1e-12); // every patch sums 4 ones
    assertThrows(IllegalArgumentException.class, () -> Occlusion.patchAverage(map, 5, 1));
  }

  @Test
  @DisplayName("Spearman's ρ: 1 for the same order, -1 reversed, ties share ranks, shuffled near 0")
  void spearman() {
    INDArray a = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0, 5.0);
    assertEquals(1, Ranks.spearman(a, a.mul(a)), 1e-12); // monotone, not linear
    assertEquals(-1, Ranks.spearman(a, a.neg()), 1e-12);
    assertArrayEquals(new double[] {1.5, 1.5, 3}, Ranks.ranks(new double[] {7, 7, 9}), 1e-12);
    INDArray long1 = Nd4j.linspace(DataType.DOUBLE, 1, 2000, 2000);
    assertTrue(Math.abs(Ranks.shuffledSpearman(long1, long1, 3)) < 0.1);
    assertThrows(IllegalArgumentException.class, () -> Ranks.spearman(a, Nd4j.ones(4)));
  }

  @Test
  @DisplayName("shift undoes itself, blur keeps a constant image, heat maps run black to white")
  void images() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 1, 1, 5, 5);
    assertEquals(x, Images.shift(Images.shift(x, 2, -1), -2, 1));
    assertEquals(x.getDouble(0, 0, 0, 0), Images.shift(x, 1, 1).getDouble(0, 0, 1, 1), 1e-7);
    INDArray flat = Nd4j.valueArrayOf(new long[] {1, 25}, 0.3f, DataType.FLOAT);
    assertEquals(0, Images.blur(flat).sub(flat).amaxNumber().doubleValue(), 1e-6);
    INDArray heat = Images.heat(Nd4j.createFromArray(new float[][] {{0, 0, 0, 2}}));
    assertArrayEquals(new long[] {1, 3, 2, 2}, heat.shape());
    assertEquals(
        0,
        heat.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0))
            .sumNumber()
            .doubleValue(),
        1e-7);
    assertEquals(
        3,
        heat.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1))
            .sumNumber()
            .doubleValue(),
        1e-7);
    assertThrows(IllegalArgumentException.class, () -> Images.blur(Nd4j.zeros(2, 25)));
  }

  @Test
  @DisplayName("activation maximisation raises its objective: a class score and an inner unit")
  void activationMaximisationRaisesObjective() {
    Model model = TinyNets.cnn(41);
    INDArray start = Nd4j.valueArrayOf(new long[] {1, 1, 6, 6}, 0.5, DataType.DOUBLE);
    ActivationMaximisation ascent =
        ActivationMaximisation.builder().steps(10).stepSize(0.05).blurEvery(0).jitter(0).build();
    for (Objective objective :
        new Objective[] {Objective.classScore(1), Objective.unit(0, 1), Objective.layerEnergy(2)}) {
      ActivationMaximisation.Result r = ascent.run(model, objective, start);
      assertTrue(r.finalValue() > r.startValue() + 1e-3, objective + ": " + r);
      assertTrue(
          r.input().minNumber().doubleValue() >= 0 && r.input().maxNumber().doubleValue() <= 1);
      assertEquals(r.finalValue(), objective.value(model, r.input()), 1e-9);
    }
    assertThrows(IllegalArgumentException.class, () -> Objective.unit(0, 9).value(model, start));
  }
}
