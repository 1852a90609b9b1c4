package org.dlcourse.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.dlcourse.data.Dataset;
import org.dlcourse.features.SmallCnn;
import org.dlcourse.models.Model;
import org.dlcourse.train.Trainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class TransferTests {

  // conv 4 -> pool -> conv 8 -> pool -> dense 16 -> output 10: layers 0..5
  private static Model source() {
    return SmallCnn.build(4, 8, 16, 10, 1e-3, 11);
  }

  /** 40 random 28x28 images in 3 classes. */
  private static Dataset images(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray X = Nd4j.rand(DataType.FLOAT, 40, 1, 28, 28);
    int[] y = new int[40];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3;
    }
    INDArray Y = Nd4j.zeros(DataType.FLOAT, 40, 3);
    for (int i = 0; i < y.length; i++) {
      Y.putScalar(i, y[i], 1f);
    }
    return Dataset.of(X, Y, List.of("a", "b", "c"));
  }

  private static void fit(Model model, Dataset data) {
    Trainer.builder().numEpochs(3).batchSize(10).progress(false).build().fit(model, data);
  }

  @Test
  @DisplayName("the new head has the new number of classes and the old head's inputs")
  void headReplacedWithTheRightShape() {
    Model source = source();
    Model target = Transfer.featureExtractor(source, 3, 1e-3, 1);
    assertEquals(source.numLayers(), target.numLayers());
    FeedForwardLayer head = (FeedForwardLayer) target.outputLayer().conf().getLayer();
    assertEquals(16, head.getNIn());
    assertEquals(3, head.getNOut());
    assertArrayEquals(
        new long[] {5, 3}, target.output(images(1).take(5).features(), false).shape());
    assertEquals(source.numLayers() - 1, Transfer.numFrozen(target));
    assertEquals(0, Transfer.numFrozen(Transfer.fineTune(source, 3, 1e-3, 1)));
  }

  @Test
  @DisplayName("frozen layers do not change in training; the head and the unfrozen layers do")
  void frozenLayersUnchangedAfterFit() {
    Model source = source();
    INDArray sourceParams = source.params().dup();
    Model target = Transfer.from(source).freezeUpTo(2).newHead(3).seed(2).build();
    INDArray[] before = layerParams(target);
    fit(target, images(2));
    INDArray[] after = layerParams(target);
    for (int i = 0; i <= 2; i++) {
      assertEquals(before[i], after[i], "layer " + i + " is frozen");
      assertTrue(target.network().getLayer(i) instanceof FrozenLayer);
    }
    assertNotEquals(before[4], after[4], "dense layer 4 is trained");
    assertNotEquals(before[5], after[5], "the head is trained");
    assertEquals(sourceParams, source.params(), "the source model is left unchanged");
  }

  @Test
  @DisplayName(
      "feature extraction computes the source's features: equal activations below the head")
  void frozenExtractorKeepsTheSourceFeatures() {
    Model source = source();
    Model target = Transfer.featureExtractor(source, 3, 1e-3, 3);
    fit(target, images(3));
    INDArray X = images(4).take(6).features();
    int below = source.numLayers() - 2; // the dense layer just below the head
    INDArray expected = source.network().feedForwardToLayer(below, X, false).get(below + 1);
    INDArray actual = target.network().feedForwardToLayer(below, X, false).get(below + 1);
    assertTrue(expected.equalsWithEps(actual, 1e-6));
  }

  @Test
  @DisplayName("fine-tuning starts from the source's weights and changes them")
  void fineTuningStartsFromTheSourceWeights() {
    Model source = source();
    Model tuned = Transfer.fineTune(source, 3, 1e-3, 4);
    assertEquals(source.network().getLayer(0).params(), tuned.network().getLayer(0).params());
    fit(tuned, images(5));
    assertNotEquals(source.network().getLayer(0).params(), tuned.network().getLayer(0).params());
  }

  @Test
  @DisplayName("two learning rates: the head gets its own Adam rate, the body the smaller one")
  void headLearningRateIsSetOnTheHeadOnly() {
    Model tuned = Transfer.fineTune(source(), 3, 1e-2, 1e-4, 6);
    assertEquals(1e-2, adamRate(tuned, tuned.numLayers() - 1), 1e-12);
    assertEquals(1e-4, adamRate(tuned, 0), 1e-12);
    assertEquals(1e-4, adamRate(tuned, tuned.numLayers() - 2), 1e-12);
    Model plain = Transfer.fineTune(source(), 3, 3e-3, 6);
    assertEquals(3e-3, adamRate(plain, plain.numLayers() - 1), 1e-12);
    assertEquals(3e-3, adamRate(plain, 0), 1e-12);
  }

  @Test
  @DisplayName(
      "a tiny body learning rate keeps the pre-trained layers nearly fixed; the head moves")
  void smallBodyLearningRateMovesTheBodyLittle() {
    Model source = source();
    Model tuned = Transfer.fineTune(source, 3, 1e-2, 1e-7, 7);
    INDArray[] before = layerParams(tuned);
    fit(tuned, images(7)); // 3 epochs x 4 minibatches: Adam moves a weight by about lr per step
    INDArray[] after = layerParams(tuned);
    double bodyChange = after[0].sub(before[0]).amaxNumber().doubleValue();
    double headChange = after[5].sub(before[5]).amaxNumber().doubleValue();
    assertTrue(bodyChange < 1e-5, "body moved by " + bodyChange);
    assertTrue(headChange > 1e-2, "head moved by " + headChange);
  }

  @Test
  void headLearningRateWithoutANewHeadIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Transfer.from(source()).headLearningRate(1e-2).build());
    assertTrue(e.getMessage().contains("newHead"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Transfer.from(source()).headLearningRate(0));
  }

  @Test
  @DisplayName(
      "headOn(3): the new head reads the convolution block's flattened output, frozen as it was")
  void headOnTheConvolutionBlock() {
    Model source = source();
    Model target = Transfer.from(source).headOn(3).freezeUpTo(3).newHead(3).seed(5).build();
    assertEquals(5, target.numLayers()); // conv, pool, conv, pool, head: the dense layer dropped
    fit(target, images(5));
    INDArray X = images(6).take(6).features();
    // the block's output [6, 8, 4, 4], flattened in DL4J's order, through the head by hand
    INDArray block = source.network().feedForwardToLayer(3, X, false).get(4);
    INDArray flat = block.reshape('c', 6, 8 * 4 * 4);
    INDArray W = target.network().getLayer(4).getParam("W"); // [128, 3]
    INDArray b = target.network().getLayer(4).getParam("b");
    INDArray logits = flat.mmul(W).addRowVector(b);
    INDArray expected = Nd4j.nn().softmax(logits, 1);
    assertTrue(expected.equalsWithEps(target.output(X, false), 1e-5));
    assertEquals(128, ((FeedForwardLayer) target.outputLayer().conf().getLayer()).getNIn());
  }

  @Test
  void headOnRefusesLayersWithoutAKnownWidthAndFrozenLayersItDrops() {
    Model source = source();
    var high = assertThrows(IllegalArgumentException.class, () -> Transfer.from(source).headOn(4));
    assertTrue(high.getMessage().contains("0 <= layer < 4"), high.getMessage());
    var conv = assertThrows(IllegalArgumentException.class, () -> Transfer.from(source).headOn(1));
    assertTrue(conv.getMessage().contains("not a dense layer"), conv.getMessage());
    var frozen =
        assertThrows(
            IllegalStateException.class,
            () -> Transfer.from(source).headOn(3).freezeUpTo(4).newHead(3).build());
    assertTrue(frozen.getMessage().contains("freeze up to 3 at most"), frozen.getMessage());
    var noHead =
        assertThrows(IllegalStateException.class, () -> Transfer.from(source).headOn(3).build());
    assertTrue(noHead.getMessage().contains("newHead"), noHead.getMessage());
  }

  @Test
  void freezingTheHeadIsRefusedWithTheValidRange() {
    Model source = source();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Transfer.from(source).freezeUpTo(5));
    assertTrue(e.getMessage().contains("-1 <= layer < 5"), e.getMessage());
  }

  private static double adamRate(Model model, int layer) {
    BaseLayer conf = (BaseLayer) model.network().getLayer(layer).conf().getLayer();
    return ((Adam) conf.getIUpdater()).getLearningRate();
  }

  private static INDArray[] layerParams(Model model) {
    INDArray[] params = new INDArray[model.numLayers()];
    for (int i = 0; i < params.length; i++) {
      INDArray p = model.network().getLayer(i).params(); // null for pooling layers
      params[i] = p == null ? null : p.dup();
    }
    return params;
  }
}
