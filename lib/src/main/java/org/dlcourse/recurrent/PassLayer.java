package org.dlcourse.recurrent;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A running hand-written recurrent layer ({@link Gru}, {@link Lstm}, {@link PlainRnn}) inside a
 * network: DL4J's side of the contract (parameters, workspaces, masks, dropout); the math is the
 * configuration's {@link RecurrentPass}. The forward pass made in training is kept and reused by
 * {@link #backpropGradient} when the input is the same array (as in {@code fit}); otherwise the
 * forward pass is recomputed first.
 */
final class PassLayer<C extends FeedForwardLayer & PassLayer.Config> extends BaseLayer<C> {

  /** What the layer needs from its configuration. */
  interface Config {
    /** Whether the layer outputs only the last state {@code [batch, n]}. */
    boolean isLastStepOnly();

    /** Throws a message naming the expected and actual shape when {@code input} does not fit. */
    void validateInput(INDArray input);

    /** The parameter keys of the input weights, the recurrent weights and the bias, in order. */
    String[] weightKeys();

    /** A forward pass over {@code x [batch, nIn, T]} with these parameters. */
    RecurrentPass forward(INDArray x, INDArray inputWeights, INDArray recurrentWeights, INDArray b);
  }

  private RecurrentPass pass; // the last forward pass, for backpropagation
  private INDArray passInput; // the input it was computed from

  PassLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    applyDropOutIfNecessary(training, workspaceMgr);
    forward();
    // [batch, n, T] (or [batch, n]) in DL4J's activation workspace, 'f' order as its RNN layers
    return workspaceMgr.dup(ArrayType.ACTIVATIONS, pass.output(layerConf().isLastStepOnly()), 'f');
  }

  private void forward() {
    layerConf().validateInput(input);
    String[] keys = layerConf().weightKeys();
    pass = layerConf().forward(input, getParam(keys[0]), getParam(keys[1]), getParam(keys[2]));
    passInput = input;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (pass == null || passInput != input) {
      forward();
    }
    String[] keys = layerConf().weightKeys();
    RecurrentPass.Gradients g = pass.backward(epsilon, getParam(keys[0]), getParam(keys[1]));
    gradientViews.get(keys[0]).assign(g.dInput());
    gradientViews.get(keys[1]).assign(g.dRecurrent());
    gradientViews.get(keys[2]).assign(g.db());
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : layerConf().initializer().paramKeys(layerConf())) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    INDArray dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, g.dx(), 'f'); // [batch, nIn, T]
    return new Pair<>(gradient, backpropDropOutIfPresent(dx));
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(
      INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
    this.maskArray = maskArray;
    this.maskState = currentMaskState;
    // the last-step output has no time axis, so no per-step mask follows it
    return new Pair<>(layerConf().isLastStepOnly() ? null : maskArray, currentMaskState);
  }

  @Override
  public void clear() {
    super.clear();
    pass = null;
    passInput = null;
  }
}
