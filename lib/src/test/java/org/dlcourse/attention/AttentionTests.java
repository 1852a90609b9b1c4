package org.dlcourse.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.QuietSameDiff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class AttentionTests {

  /** Largest |a - b| / max(1, |b|) over all entries. */
  private static double difference(INDArray a, INDArray b) {
    assertArrayEquals(b.shape(), a.shape());
    INDArray ad = a.castTo(DataType.DOUBLE), bd = b.castTo(DataType.DOUBLE);
    return ad.sub(bd).amaxNumber().doubleValue() / Math.max(1, bd.amaxNumber().doubleValue());
  }

  @Test
  @DisplayName("attention by hand: two keys, one query, the numbers worked out on paper")
  void smallExampleByHand() {
    // d = 2: k0 = (2, 0), k1 = (0, 0); q = (1, 0); scores k·q/√2 = (√2, 0)
    INDArray k = Nd4j.createFromArray(new double[][] {{2, 0}, {0, 0}}).reshape(1, 2, 2);
    INDArray q = Nd4j.createFromArray(new double[] {1, 0}).reshape(1, 2, 1);
    INDArray v = Nd4j.createFromArray(new double[] {10, 20}).reshape(1, 1, 2); // v0 = 10, v1 = 20
    var a = ScaledDotProductAttention.attend(q, k, v);
    double w0 = Math.exp(Math.sqrt(2)) / (Math.exp(Math.sqrt(2)) + 1);
    assertArrayEquals(new long[] {1, 2, 1}, a.weights().shape());
    assertEquals(w0, a.weights().getDouble(0, 0, 0), 1e-12);
    assertEquals(1 - w0, a.weights().getDouble(0, 1, 0), 1e-12);
    assertEquals(10 * w0 + 20 * (1 - w0), a.output().getDouble(0, 0, 0), 1e-10);
  }

  @Test
  @DisplayName("attention weights are a distribution over the keys for every query")
  void weightsSumToOne() {
    Nd4j.getRandom().setSeed(1);
    INDArray q =
        Nd4j.randn(DataType.DOUBLE, 3, 4, 5).muli(10); // large scores: the max shift matters
    INDArray k = Nd4j.randn(DataType.DOUBLE, 3, 4, 6).muli(10);
    INDArray v = Nd4j.randn(DataType.DOUBLE, 3, 2, 6);
    var a = ScaledDotProductAttention.attend(q, k, v);
    assertArrayEquals(new long[] {3, 6, 5}, a.weights().shape()); // [b, Tk, Tq]
    assertArrayEquals(new long[] {3, 2, 5}, a.output().shape()); // [b, dv, Tq]
    assertEquals(0, difference(a.weights().sum(1), Nd4j.ones(DataType.DOUBLE, 3, 5)), 1e-12);
    assertTrue(a.weights().minNumber().doubleValue() >= 0);
  }

  @Test
  @DisplayName(
      "from scratch equals DL4J's SelfAttentionLayer without projections (attention of x over x)")
  void equalsDl4jWithoutProjections() {
    MultiLayerNetwork net =
        network(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(1).projectInput(false));
    Nd4j.getRandom().setSeed(2);
    INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 7); // [b, nIn, T]
    INDArray dl4j = QuietSameDiff.call(() -> net.feedForward(x, false).get(1)); // layer 0's output
    var ours = ScaledDotProductAttention.attend(x, x, x);
    assertTrue(
        difference(ours.output(), dl4j) < 1e-5, "difference " + difference(ours.output(), dl4j));
  }

  @Test
  @DisplayName(
      "SelfAttention from the layer's Wq, Wk, Wv, Wo equals DL4J's layer output, 1 and 2 heads")
  void equalsDl4jWithProjections() {
    for (int heads : new int[] {1, 2}) {
      MultiLayerNetwork net = AttentionNets.selfAttention(5, 3, heads, 4, 7);
      Nd4j.getRandom().setSeed(3);
      INDArray x = Nd4j.randn(DataType.FLOAT, 2, 5, 6);
      INDArray dl4j = QuietSameDiff.call(() -> net.feedForward(x, false).get(1));
      SelfAttention.Forward ours = SelfAttention.of(net.getLayer(0)).forward(x);
      assertArrayEquals(new long[] {2, heads, 6, 6}, ours.weights().shape());
      double d = difference(ours.output(), dl4j);
      assertTrue(d < 1e-5, heads + " heads: difference " + d);
    }
  }

  @Test
  @DisplayName("breaking the from-scratch formula (no 1/√d) makes it differ from DL4J's layer")
  void theScaleMatters() {
    MultiLayerNetwork net =
        network(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(1).projectInput(false));
    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.randn(DataType.FLOAT, 2, 4, 5);
    INDArray dl4j = QuietSameDiff.call(() -> net.feedForward(x, false).get(1));
    INDArray unscaled =
        ScaledDotProductAttention.attend(x.mul(2), x, x).output(); // = scale by 2/√4 = 1
    assertTrue(difference(unscaled, dl4j) > 1e-3);
  }

  @Test
  @DisplayName("mismatched shapes are rejected with both shapes and the layout named")
  void badShapes() {
    INDArray q = Nd4j.zeros(2, 4, 3), k = Nd4j.zeros(2, 5, 3), v = Nd4j.zeros(2, 1, 3);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ScaledDotProductAttention.attend(q, k, v));
    assertTrue(
        e.getMessage().contains("[2, 4, 3]") && e.getMessage().contains("[2, 5, 3]"),
        e.getMessage());
    var rank =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScaledDotProductAttention.attend(Nd4j.zeros(4, 3), k, v));
    assertTrue(rank.getMessage().contains("reshape(1, d, T)"), rank.getMessage());
    SelfAttention a = SelfAttention.of(AttentionNets.selfAttention(5, 3, 1, 4, 7).getLayer(0));
    var input = assertThrows(IllegalArgumentException.class, () -> a.forward(Nd4j.zeros(2, 6, 3)));
    assertTrue(input.getMessage().contains("[batch, 5, T]"), input.getMessage());
  }

  private static MultiLayerNetwork network(SelfAttentionLayer.Builder attention) {
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .list()
            .layer(attention.build())
            .layer(
                new RnnOutputLayer.Builder(LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX)
                    .nOut(2)
                    .build())
            .setInputType(InputType.recurrent(4))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
