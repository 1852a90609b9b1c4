package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dlcourse.gradients.GradientCheck;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The course's GRU layer against the hand-written reference and against central differences. */
class GruTests {

  static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
  static final int N_IN = 3, N = 4, BATCH = 2, TIME = 5;

  /** The GRU layer of a double-precision tagger, random biases so that every term is exercised. */
  static Layer gruLayer() {
    MultiLayerNetwork net = RecurrentNets.tagger(Cell.GRU, N_IN, N, 2, false, 7, DataType.DOUBLE);
    net.initGradientsView(); // the layer's gradient arrays live in the network's flat view
    Layer layer = net.getLayer(0);
    Nd4j.getRandom().setSeed(11);
    layer.paramTable().get(Gru.BIAS).assign(Nd4j.randn(DataType.DOUBLE, 1, 3 * N).muli(0.5));
    return layer;
  }

  static INDArray randomInput() {
    Nd4j.getRandom().setSeed(3);
    return Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, TIME); // [batch, nIn, T]
  }

  static GruReference referenceOf(Layer layer) {
    return GruReference.of(
        layer.paramTable().get(Gru.INPUT_WEIGHTS),
        layer.paramTable().get(Gru.RECURRENT_WEIGHTS),
        layer.paramTable().get(Gru.BIAS));
  }

  /** The layer inside LastTimeStep: unwrap to the GRU itself. */
  static Layer unwrap(Layer layer) {
    return layer instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w
        ? w.getUnderlying()
        : layer;
  }

  @Test
  @DisplayName("forward: the GRU layer's output equals the hand-written reference (1e-10)")
  void forwardEqualsReference() {
    Layer layer = unwrap(gruLayer());
    INDArray x = randomInput();
    INDArray dl4j = layer.activate(x, false, NO_WORKSPACES);
    INDArray reference = referenceOf(layer).forward(x).h();
    assertArrayEquals(new long[] {BATCH, N, TIME}, dl4j.shape());
    double error = GradientCheck.relativeError(dl4j, reference);
    assertTrue(error < 1e-10, "relative error " + error);
  }

  @Test
  @DisplayName("backward: the GRU layer's gradients equal the hand-written BPTT (1e-7)")
  void backwardEqualsReference() {
    Layer layer = unwrap(gruLayer());
    INDArray x = randomInput();
    Nd4j.getRandom().setSeed(5);
    INDArray dLdh = Nd4j.randn(DataType.DOUBLE, BATCH, N, TIME); // L = sum(h ⊙ dLdh)
    layer.activate(x, true, NO_WORKSPACES);
    Pair<Gradient, INDArray> dl4j = layer.backpropGradient(dLdh, NO_WORKSPACES);
    GruReference reference = referenceOf(layer);
    GruReference.Gradients expected = reference.backward(reference.forward(x), dLdh);
    Gradient g = dl4j.getFirst();
    assertSmall(g.getGradientFor(Gru.INPUT_WEIGHTS), expected.dWx(), "dWx");
    assertSmall(g.getGradientFor(Gru.RECURRENT_WEIGHTS), expected.dWh(), "dWh");
    assertSmall(g.getGradientFor(Gru.BIAS), expected.db(), "db");
    assertSmall(dl4j.getSecond(), expected.dx(), "dx");
  }

  @Test
  @DisplayName("float32: the layer's output and gradients equal the double reference (1e-5)")
  void float32EqualsReference() {
    MultiLayerNetwork net = RecurrentNets.tagger(Cell.GRU, N_IN, N, 2, false, 7, DataType.FLOAT);
    net.initGradientsView();
    Layer layer = net.getLayer(0);
    Nd4j.getRandom().setSeed(11);
    layer.paramTable().get(Gru.BIAS).assign(Nd4j.randn(DataType.FLOAT, 1, 3 * N).muli(0.5));
    INDArray x = randomInput().castTo(DataType.FLOAT);
    Nd4j.getRandom().setSeed(5);
    INDArray dLdh = Nd4j.randn(DataType.FLOAT, BATCH, N, TIME);
    INDArray out = layer.activate(x, true, NO_WORKSPACES);
    Pair<Gradient, INDArray> grads = layer.backpropGradient(dLdh, NO_WORKSPACES);
    GruReference reference = referenceOf(layer);
    GruReference.Forward forward = reference.forward(x);
    GruReference.Gradients expected = reference.backward(forward, dLdh);
    assertTrue(out.dataType() == DataType.FLOAT, "output type " + out.dataType());
    double[] errors = {
      GradientCheck.relativeError(out.castTo(DataType.DOUBLE), forward.h()),
      GradientCheck.relativeError(
          grads.getFirst().getGradientFor(Gru.RECURRENT_WEIGHTS).castTo(DataType.DOUBLE),
          expected.dWh()),
      GradientCheck.relativeError(grads.getSecond().castTo(DataType.DOUBLE), expected.dx())
    };
    for (double error : errors) {
      assertTrue(error < 1e-5, "relative errors (h, dWh, dx) " + java.util.Arrays.toString(errors));
    }
  }

  @Test
  @DisplayName("backward: the reference's BPTT equals central differences (1e-7)")
  void referenceGradientsEqualCentralDifferences() {
    Layer layer = unwrap(gruLayer());
    GruReference reference = referenceOf(layer);
    INDArray x = randomInput();
    Nd4j.getRandom().setSeed(5);
    INDArray dLdh = Nd4j.randn(DataType.DOUBLE, BATCH, N, TIME);
    GruReference.Gradients g = reference.backward(reference.forward(x), dLdh);
    INDArray numeric =
        GradientCheck.numerical(
            v -> reference.forward(v).h().mul(dLdh).sumNumber().doubleValue(), x);
    assertSmall(g.dx(), numeric, "dx, numerical");
  }

  @Test
  @DisplayName("backward: a GRU network's gradients equal central differences of its loss (1e-7)")
  void networkGradientsEqualCentralDifferences() {
    MultiLayerNetwork net = RecurrentNets.classifier(Cell.GRU, N_IN, N, 2, 7, DataType.DOUBLE);
    INDArray x = randomInput();
    INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, 2); // one label per sequence
    y.putScalar(0, 0, 1);
    y.putScalar(1, 1, 1);
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
    assertSmall(analytic.reshape(numeric.shape()), numeric, "all parameters, numerical");
  }

  @Test
  @DisplayName("the reference names the expected shape when given [batch, time, features]")
  void rejectsWrongLayout() {
    GruReference reference = referenceOf(unwrap(gruLayer()));
    INDArray timeLast = Nd4j.zeros(DataType.DOUBLE, BATCH, TIME, N_IN);
    var e = assertThrows(IllegalArgumentException.class, () -> reference.forward(timeLast));
    assertTrue(e.getMessage().contains("[batch, 3, time]"), e.getMessage());
    assertTrue(e.getMessage().contains("permute(0, 2, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Gru(0, 4));
  }

  @Test
  @DisplayName("one layer runs sequences of different lengths, each equal to the reference (1e-10)")
  void acceptsAnyLength() {
    Layer layer = unwrap(gruLayer());
    GruReference reference = referenceOf(layer);
    for (int time : new int[] {TIME, 1, TIME + 3}) {
      Nd4j.getRandom().setSeed(time);
      INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, N_IN, time);
      INDArray dl4j = layer.activate(x, false, NO_WORKSPACES);
      assertArrayEquals(new long[] {BATCH, N, time}, dl4j.shape());
      double error = GradientCheck.relativeError(dl4j, reference.forward(x).h());
      assertTrue(error < 1e-10, "T = " + time + ": relative error " + error);
    }
  }

  @Test
  @DisplayName("the layer names the expected shape when given [batch, time, features]")
  void layerRejectsWrongLayout() {
    MultiLayerNetwork net = RecurrentNets.classifier(Cell.GRU, N_IN, N, 2, 7);
    INDArray timeLast = Nd4j.zeros(DataType.FLOAT, BATCH, TIME, N_IN);
    var e = assertThrows(IllegalArgumentException.class, () -> net.output(timeLast));
    assertTrue(e.getMessage().contains("[batch, 3, time]"), e.getMessage());
    assertTrue(e.getMessage().contains("permute(0, 2, 1)"), e.getMessage());
  }

  static void assertSmall(INDArray actual, INDArray expected, String what) {
    double error = GradientCheck.relativeError(actual.castTo(DataType.DOUBLE), expected);
    assertTrue(error < 1e-7, what + ": relative error " + error);
  }
}
