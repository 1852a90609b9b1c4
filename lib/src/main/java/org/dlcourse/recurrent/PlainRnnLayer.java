package org.dlcourse.recurrent;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running {@link PlainRnn} layer inside a network: DL4J's side of the contract (parameters,
 * workspaces, masks, dropout); the math is {@link PlainRnnPass}. The forward pass made in training
 * is kept and reused by {@link #backpropGradient} when the input is the same array (as in {@code
 * fit}); otherwise the forward pass is recomputed first.
 */
final class PlainRnnLayer extends BaseLayer<PlainRnn> {

  private PlainRnnPass pass; // the last forward pass, for backpropagation
  private INDArray passInput; // the input it was computed from

  PlainRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
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
    pass =
        new PlainRnnPass(
            input,
            getParam(PlainRnn.INPUT_WEIGHTS),
            getParam(PlainRnn.RECURRENT_WEIGHTS),
            getParam(PlainRnn.BIAS));
    passInput = input;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (pass == null || passInput != input) {
      forward();
    }
    PlainRnnPass.Gradients g =
        pass.backward(
            epsilon, getParam(PlainRnn.INPUT_WEIGHTS), getParam(PlainRnn.RECURRENT_WEIGHTS));
    gradientViews.get(PlainRnn.INPUT_WEIGHTS).assign(g.dW());
    gradientViews.get(PlainRnn.RECURRENT_WEIGHTS).assign(g.dRW());
    gradientViews.get(PlainRnn.BIAS).assign(g.db());
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : PlainRnnParams.INSTANCE.paramKeys(layerConf())) {
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
