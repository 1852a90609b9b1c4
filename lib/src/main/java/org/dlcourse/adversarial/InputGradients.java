package org.dlcourse.adversarial;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients with respect to the <em>input</em>: the same backpropagation that trains a network,
 * stopped at the pixels instead of the weights.
 *
 * <pre>{@code
 * INDArray g = InputGradients.ofLoss(model, X, y);          // dL/dX, [n, ...] like X
 * INDArray s = InputGradients.ofClassScore(model, X, cls);  // d z_c / dX, z = scores before softmax
 * INDArray u = InputGradients.ofActivation(model, X, 1, w); // d sum(w * a_1) / dX, a_1 = layer 1's output
 * }</pre>
 *
 * <p>The forward pass runs in inference mode and the parameters stay unchanged. One caveat,
 * inherited from DL4J (its own {@code calculateGradients} does the same): a layer configured with
 * dropout drops units again inside its backward pass, so for such a model the gradient is that of
 * one random dropout mask; the models of notebooks 09 and 10 have no dropout. {@code ofLoss} works
 * for layer stacks and computation graphs; the other methods for layer stacks ({@code
 * MultiLayerNetwork}). Introduced in notebook 09 (adversarial examples), reused in notebook 10.
 */
public final class InputGradients {

  private InputGradients() {}

  /**
   * The gradient of the summed loss {@code L = sum_i loss(f(x_i), y_i)} with respect to each input:
   * {@code [n, ...]}, the shape of {@code X}. Row {@code i} is {@code d loss_i / d x_i} (examples
   * do not interact in inference mode), so the result does not depend on the batch.
   *
   * @param y one-hot labels {@code [n, k]}
   * @throws IllegalArgumentException if {@code X} or {@code y} does not fit the model
   */
  public static INDArray ofLoss(Model model, INDArray X, INDArray y) {
    INDArray x = checkedInput(model, X);
    requireLabels(model, x, y);
    INDArray labels = y.castTo(x.dataType());
    INDArray g =
        model.isGraph()
            ? new GraphBackprop(model.graph()).lossGradient(x, labels)
            : new LayerStackBackprop(model.network()).lossGradient(x, labels);
    return g.reshape(X.shape()).detach();
  }

  /**
   * The gradient of the class score {@code z_c} (the output layer's value <em>before</em> softmax)
   * of class {@code classes[i]} for example {@code i}: {@code [n, ...]}.
   *
   * <p>The output layer computes {@code z = h W + b} from its input {@code h}, so {@code dz_c/dh =
   * W[:, c]}; backpropagation carries that to the input.
   *
   * @throws IllegalArgumentException if the model is a graph, the output layer is not dense, or a
   *     class is out of range
   */
  public static INDArray ofClassScore(Model model, INDArray X, int[] classes) {
    INDArray x = checkedInput(model, X);
    requireLayerStack(model, "ofClassScore");
    requireClasses(model, x, classes);
    int last = model.network().getnLayers() - 1;
    INDArray W = model.network().getLayer(last).getParam("W"); // [nIn, k]
    if (W == null || W.rank() != 2) {
      throw new IllegalArgumentException(
          "the output layer has no dense weight matrix W [nIn, k]; class scores need a dense"
              + " OutputLayer");
    }
    LayerStackBackprop backprop = new LayerStackBackprop(model.network());
    backprop.forward(x, last - 1);
    // d z_c / d h = W[:, c]: one row per example, [n, nIn]
    INDArray eps = Nd4j.create(x.dataType(), x.size(0), W.size(0));
    for (int i = 0; i < classes.length; i++) {
      eps.putRow(i, W.getColumn(classes[i]).castTo(x.dataType()));
    }
    eps = outputPreprocessorBackprop(model, eps, x.size(0));
    return backprop.backward(eps, last - 1, x.size(0)).reshape(X.shape()).detach();
  }

  /**
   * The gradient of {@code sum(weights * a)} with respect to the input, where {@code a} is the
   * output of layer {@code layer} (0-based, as in {@code model.network().getLayer(layer)}) and
   * {@code weights} has the shape of {@code a}, e.g. {@code [n, units]} for a dense layer or {@code
   * [n, channels, h, w]} for a convolution. A one-hot {@code weights} picks one unit; {@code
   * weights = a} gives the gradient of {@code ||a||^2 / 2}: amplify whatever the layer sees.
   *
   * @throws IllegalArgumentException if the model is a graph, the layer is out of range or the
   *     weights do not have the layer output's shape
   */
  public static INDArray ofActivation(Model model, INDArray X, int layer, INDArray weights) {
    INDArray x = checkedInput(model, X);
    requireLayerStack(model, "ofActivation");
    LayerStackBackprop backprop = new LayerStackBackprop(model.network());
    INDArray a = activation(model, x, layer, backprop);
    Objects.requireNonNull(weights, "weights must not be null");
    if (!Arrays.equals(weights.shape(), a.shape())) {
      throw new IllegalArgumentException(
          "weights must have the shape of layer "
              + layer
              + "'s output, "
              + Arrays.toString(a.shape())
              + ", but got "
              + Arrays.toString(weights.shape())
              + "; build them with InputGradients.activation(model, X, layer) as a template");
    }
    INDArray eps = weights.castTo(x.dataType()).dup();
    return backprop.backward(eps, layer, x.size(0)).reshape(X.shape()).detach();
  }

  /**
   * The class scores {@code z = h W + b}: the output layer's values before softmax, {@code [n, k]}
   * (layer stacks with a dense output layer).
   */
  public static INDArray classScores(Model model, INDArray X) {
    INDArray x = checkedInput(model, X);
    requireLayerStack(model, "classScores");
    int last = model.network().getnLayers() - 1;
    INDArray h = new LayerStackBackprop(model.network()).forward(x, last - 1);
    int n = (int) x.size(0);
    var pre = model.network().getLayerWiseConfigurations().getInputPreProcess(last);
    if (pre != null) {
      h = pre.preProcess(h, n, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
    }
    org.deeplearning4j.nn.api.Layer out = model.network().getLayer(last);
    return h.mmul(out.getParam("W")).addRowVector(out.getParam("b")).detach(); // [n, k]
  }

  /**
   * The output of layer {@code layer} for {@code X} in inference mode, e.g. {@code [n, units]} or
   * {@code [n, channels, h, w]}.
   */
  public static INDArray activation(Model model, INDArray X, int layer) {
    INDArray x = checkedInput(model, X);
    requireLayerStack(model, "activation");
    return activation(model, x, layer, new LayerStackBackprop(model.network())).detach();
  }

  private static INDArray activation(
      Model model, INDArray x, int layer, LayerStackBackprop backprop) {
    int last = model.network().getnLayers() - 1;
    if (layer < 0 || layer >= last) {
      throw new IllegalArgumentException(
          "layer must be an inner layer, 0.."
              + (last - 1)
              + ", but was "
              + layer
              + " (layer "
              + last
              + " is the output layer: use ofClassScore)");
    }
    return backprop.forward(x, layer);
  }

  // ---------------------------------------------------------------- checks and helpers

  private static INDArray outputPreprocessorBackprop(Model model, INDArray eps, long n) {
    int last = model.network().getnLayers() - 1;
    var pre = model.network().getLayerWiseConfigurations().getInputPreProcess(last);
    return pre == null
        ? eps
        : pre.backprop(
            eps, (int) n, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
  }

  static INDArray checkedInput(Model model, INDArray X) {
    Objects.requireNonNull(model, "model must not be null");
    model.requireInput(X);
    DataType type = model.params().dataType(); // compute in the network's precision
    return X.dataType() == type ? X : X.castTo(type);
  }

  private static void requireLabels(Model model, INDArray X, INDArray y) {
    Objects.requireNonNull(y, "labels y must not be null");
    long k = model.numClasses();
    if (y.rank() != 2 || y.size(0) != X.size(0) || y.size(1) != k) {
      throw new IllegalArgumentException(
          "expected one-hot labels of shape ["
              + X.size(0)
              + ", "
              + k
              + "] but got "
              + Arrays.toString(y.shape())
              + "; pass dataset.labels() of the same examples");
    }
    Layer out = model.outputLayer();
    if (!(out instanceof IOutputLayer)) {
      throw new IllegalArgumentException("the model's last layer has no loss; add an OutputLayer");
    }
  }

  static void requireClasses(Model model, INDArray X, int[] classes) {
    Objects.requireNonNull(classes, "classes must not be null");
    if (classes.length != X.size(0)) {
      throw new IllegalArgumentException(
          "expected one class per example ("
              + X.size(0)
              + ") but got "
              + classes.length
              + "; repeat the class with Arrays.fill to use one class for all");
    }
    int k = model.numClasses();
    for (int c : classes) {
      if (c < 0 || c >= k) {
        throw new IllegalArgumentException(
            "class " + c + " is out of range: the model has classes 0.." + (k - 1));
      }
    }
  }

  private static void requireLayerStack(Model model, String method) {
    if (model.isGraph()) {
      throw new IllegalArgumentException(
          method
              + " walks the layers of a MultiLayerNetwork and this model is a ComputationGraph;"
              + " use InputGradients.ofLoss, which supports both");
    }
  }
}
