package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dlcourse.gradients.GradientCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The course's plain RNN layer against DL4J's SimpleRnn (the oracle) and central differences. */
class PlainRnnTests {

  static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
  static final int N_IN = 3, N = 4, BATCH = 2, TIME = 5, CLASSES = 2;

  /**
   * The same network twice: DL4J's SimpleRnn or the course's, per step ({@code lastStep} false:
   * softmax at every step) or last step only; Xavier, Adam, the given precision and seed.
   */
  static MultiLayerNetwork network(boolean ours, boolean lastStep, DataType type, long seed) {
    org.deeplearning4j.nn.conf.layers.Layer recurrent;
    if (ours) {
      PlainRnn rnn = new PlainRnn(N_IN, N);
      rnn.setLastStepOnly(lastStep);
      recurrent = rnn;
    } else {
      SimpleRnn rnn = new SimpleRnn.Builder().nIn(N_IN).nOut(N).activation(Activation.TANH).build();
      recurrent = lastStep ? new LastTimeStep(rnn) : rnn;
    }
    org.deeplearning4j.nn.conf.layers.Layer output =
        lastStep
            ? new OutputLayer.Builder(LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .nIn(N)
                .nOut(CLASSES)
                .build()
            : new RnnOutputLayer.Builder(LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .nIn(N)
                .nOut(CLASSES)
                .build();
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(type)
            .updater(new Adam(0.01))
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(recurrent)
            .layer(output)
            .setInputType(InputType.recurrent(N_IN))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.initGradientsView(); // the layers' gradient arrays live in the network's flat view
    return net;
  }

  /** A pair (DL4J's, ours) with the same parameters, every bias random so each term counts. */
  static MultiLayerNetwork[] twins(boolean lastStep, DataType type) {
    MultiLayerNetwork dl4j = network(false, lastStep, type, 7);
    MultiLayerNetwork ours = network(true, lastStep, type, 7);
    Nd4j.getRandom().setSeed(11);
    INDArray bias = unwrap(dl4j.getLayer(0)).getParam(PlainRnn.BIAS); // DL4J's: [n]; ours [1, n]
    bias.addi(Nd4j.randn(type, 1, N).muli(0.5).reshape(bias.shape()));
    ours.setParams(dl4j.params());
    return new MultiLayerNetwork[] {dl4j, ours};
  }

  static Layer unwrap(Layer layer) {
    return layer instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w
        ? w.getUnderlying()
        : layer;
  }

  static INDArray randomInput(DataType type) {
    Nd4j.getRandom().setSeed(3);
    return Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, TIME).castTo(type); // [batch, nIn, T]
  }

  @Test
  @DisplayName("a seed gives the same initial parameters as DL4J's SimpleRnn (exactly)")
  void sameInitialParametersAsDl4j() {
    MultiLayerNetwork dl4j = network(false, true, DataType.FLOAT, 42);
    MultiLayerNetwork ours = network(true, true, DataType.FLOAT, 42);
    assertEquals(dl4j.numParams(), ours.numParams());
    assertEquals(dl4j.params(), ours.params());
    for (String key :
        new String[] {PlainRnn.INPUT_WEIGHTS, PlainRnn.RECURRENT_WEIGHTS, PlainRnn.BIAS}) {
      INDArray expected = unwrap(dl4j.getLayer(0)).getParam(key);
      INDArray actual = ours.getLayer(0).getParam(key);
      assertEquals(expected.reshape(actual.shape()), actual, "param " + key);
    }
  }

  @Test
  @DisplayName("forward: the layer's states equal DL4J's SimpleRnn (1e-10)")
  void forwardEqualsDl4j() {
    MultiLayerNetwork[] nets = twins(false, DataType.DOUBLE);
    INDArray x = randomInput(DataType.DOUBLE);
    INDArray expected = nets[0].getLayer(0).activate(x, false, NO_WORKSPACES);
    INDArray actual = nets[1].getLayer(0).activate(x, false, NO_WORKSPACES);
    assertArrayEquals(new long[] {BATCH, N, TIME}, actual.shape());
    double error = GradientCheck.relativeError(actual, expected);
    assertTrue(error < 1e-10, "relative error " + error);
  }

  @Test
  @DisplayName("backward: the layer's gradients equal DL4J's SimpleRnn backprop (1e-9)")
  void backwardEqualsDl4j() {
    MultiLayerNetwork[] nets = twins(false, DataType.DOUBLE);
    INDArray x = randomInput(DataType.DOUBLE);
    Nd4j.getRandom().setSeed(5);
    INDArray dLdh = Nd4j.randn(DataType.DOUBLE, BATCH, N, TIME); // L = sum(h ⊙ dLdh)
    Pair<Gradient, INDArray>[] grads = new Pair[2];
    for (int k = 0; k < 2; k++) {
      Layer layer = nets[k].getLayer(0);
      layer.activate(x, true, NO_WORKSPACES);
      grads[k] = layer.backpropGradient(dLdh.dup(), NO_WORKSPACES);
    }
    for (String key :
        new String[] {PlainRnn.INPUT_WEIGHTS, PlainRnn.RECURRENT_WEIGHTS, PlainRnn.BIAS}) {
      assertSmall(
          grads[1].getFirst().getGradientFor(key),
          grads[0].getFirst().getGradientFor(key),
          1e-9,
          "d" + key);
    }
    assertSmall(grads[1].getSecond(), grads[0].getSecond(), 1e-9, "dx");
  }

  @Test
  @DisplayName(
      "last step only: output, loss and gradients equal DL4J's LastTimeStep(SimpleRnn) (1e-9)")
  void lastStepEqualsDl4jLastTimeStep() {
    MultiLayerNetwork[] nets = twins(true, DataType.DOUBLE);
    INDArray x = randomInput(DataType.DOUBLE);
    INDArray y = labels(DataType.DOUBLE);
    double[] scores = new double[2];
    INDArray[] outputs = new INDArray[2], gradients = new INDArray[2];
    for (int k = 0; k < 2; k++) {
      outputs[k] = nets[k].output(x);
      nets[k].setInput(x);
      nets[k].setLabels(y);
      nets[k].computeGradientAndScore();
      scores[k] = nets[k].score();
      gradients[k] = nets[k].gradient().gradient().dup();
    }
    assertArrayEquals(new long[] {BATCH, CLASSES}, outputs[1].shape());
    assertSmall(outputs[1], outputs[0], 1e-10, "output");
    assertEquals(scores[0], scores[1], 1e-12, "loss");
    assertSmall(gradients[1], gradients[0], 1e-9, "all parameters");
  }

  @Test
  @DisplayName("float32: output and gradients equal DL4J's SimpleRnn in float32 (1e-5)")
  void float32EqualsDl4j() {
    MultiLayerNetwork[] nets = twins(true, DataType.FLOAT);
    INDArray x = randomInput(DataType.FLOAT);
    INDArray y = labels(DataType.FLOAT);
    INDArray[] outputs = new INDArray[2], gradients = new INDArray[2];
    for (int k = 0; k < 2; k++) {
      outputs[k] = nets[k].output(x);
      nets[k].setInput(x);
      nets[k].setLabels(y);
      nets[k].computeGradientAndScore();
      gradients[k] = nets[k].gradient().gradient().dup();
    }
    assertEquals(DataType.FLOAT, outputs[1].dataType());
    assertSmall(outputs[1], outputs[0].castTo(DataType.DOUBLE), 1e-5, "output");
    assertSmall(gradients[1], gradients[0].castTo(DataType.DOUBLE), 1e-5, "all parameters");
  }

  @Test
  @DisplayName(
      "backward: a plain RNN network's gradients equal central differences of its loss (1e-7)")
  void networkGradientsEqualCentralDifferences() {
    MultiLayerNetwork net = twins(true, DataType.DOUBLE)[1];
    INDArray x = randomInput(DataType.DOUBLE);
    INDArray y = labels(DataType.DOUBLE);
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    // DL4J's gradient is the sum over the batch; its score is the mean: divide by BATCH
    INDArray analytic = net.gradient().gradient().div(BATCH);
    INDArray start = net.params().dup();
    DataSet data = new DataSet(x, y);
    INDArray numeric =
        GradientCheck.numerical(
            p -> {
              net.setParams(p);
              return net.score(data, false);
            },
            start);
    net.setParams(start);
    assertSmall(analytic.reshape(numeric.shape()), numeric, 1e-7, "all parameters, numerical");
  }

  @Test
  @DisplayName("one layer runs sequences of different lengths, each equal to DL4J's (1e-10)")
  void acceptsAnyLength() {
    MultiLayerNetwork[] nets = twins(false, DataType.DOUBLE);
    for (int time : new int[] {1, TIME + 3}) {
      Nd4j.getRandom().setSeed(time);
      INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, time);
      INDArray ours = nets[1].getLayer(0).activate(x, false, NO_WORKSPACES);
      INDArray dl4j = nets[0].getLayer(0).activate(x, false, NO_WORKSPACES);
      assertArrayEquals(new long[] {BATCH, N, time}, ours.shape());
      assertSmall(ours, dl4j, 1e-10, "T = " + time);
    }
  }

  @Test
  @DisplayName("the layer names the expected shape when given [batch, time, features]")
  void rejectsWrongLayout() {
    MultiLayerNetwork net = network(true, true, DataType.FLOAT, 7);
    INDArray timeLast = Nd4j.zeros(DataType.FLOAT, BATCH, TIME, N_IN);
    var e = assertThrows(IllegalArgumentException.class, () -> net.output(timeLast));
    assertTrue(e.getMessage().contains("[batch, 3, time]"), e.getMessage());
    assertTrue(e.getMessage().contains("permute(0, 2, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PlainRnn(3, 0));
  }

  static INDArray labels(DataType type) {
    INDArray y = Nd4j.zeros(type, BATCH, CLASSES); // one label per sequence
    y.putScalar(0, 0, 1);
    y.putScalar(1, 1, 1);
    return y;
  }

  static void assertSmall(INDArray actual, INDArray expected, double tolerance, String what) {
    double error =
        GradientCheck.relativeError(
            actual.castTo(DataType.DOUBLE),
            expected.castTo(DataType.DOUBLE).reshape(actual.shape()));
    assertTrue(error < tolerance, what + ": relative error " + error);
  }
}
