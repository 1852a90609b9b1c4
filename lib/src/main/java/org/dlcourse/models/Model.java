package org.dlcourse.models;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.dlcourse.display.Rich;
import org.dlcourse.train.fast.FastPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A course model: a DL4J network that classifies examples of a known shape into {@code k} classes.
 *
 * <p>Build one with {@link Models} (the one-line default or a builder), train it with {@code
 * org.dlcourse.train.Trainer}, and reach the DL4J object itself with {@link #network()} (or {@link
 * #graph()} for a {@code ComputationGraph}). Introduced in notebook 01 (why deep learning).
 *
 * <p>Both kinds of DL4J network answer the same operations here ({@link #output}, {@link
 * #fit(DataSet)}, {@link #score()}, {@link #params()}, listeners), so code that trains or measures
 * a model never needs to know which kind it holds.
 */
public final class Model implements Rich {

  private static final String META_NAME = "dlcourse-name";
  private static final String META_INPUT_SHAPE = "dlcourse-input-shape";

  private final MultiLayerNetwork network; // null for a graph
  private final ComputationGraph graph; // null for a layer stack
  private final String name;
  private final long[] inputShape; // one example, e.g. [784] or [1, 28, 28]
  private FastPath.Stepper fastStepper; // built on the first step a fast path takes

  private Model(MultiLayerNetwork network, ComputationGraph graph, String name, long[] inputShape) {
    this.network = network;
    this.graph = graph;
    this.name = name;
    this.inputShape = inputShape.clone();
  }

  /**
   * Wraps an initialised DL4J layer stack; {@code inputShape} is the shape of one example.
   *
   * <pre>{@code
   * Model model = Model.of(net, "lenet", 1, 28, 28); // inputs [n, 1, 28, 28]
   * }</pre>
   */
  public static Model of(MultiLayerNetwork network, String name, long... inputShape) {
    Objects.requireNonNull(network, "network must not be null");
    requireInputShape(inputShape);
    requireInitialised(network.params());
    return new Model(network, null, Objects.requireNonNull(name, "name"), inputShape);
  }

  /** Wraps an initialised DL4J layer stack whose first layer is dense, e.g. an MLP. */
  public static Model of(MultiLayerNetwork network, String name) {
    Objects.requireNonNull(network, "network must not be null");
    return of(network, name, firstLayerInputs(network));
  }

  /** Wraps an initialised single-input, single-output DL4J computation graph. */
  public static Model of(ComputationGraph graph, String name, long... inputShape) {
    Objects.requireNonNull(graph, "graph must not be null");
    requireInputShape(inputShape);
    requireInitialised(graph.params());
    if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
      throw new IllegalArgumentException(
          "a course model has one input and one output but this graph has "
              + graph.getNumInputArrays()
              + " inputs and "
              + graph.getNumOutputArrays()
              + " outputs; use the graph directly");
    }
    return new Model(null, graph, Objects.requireNonNull(name, "name"), inputShape);
  }

  // ---------------------------------------------------------------- the DL4J object

  /**
   * The underlying DL4J {@code MultiLayerNetwork}, for everything the course API does not cover.
   *
   * @throws IllegalStateException if this model is a computation graph (use {@link #graph()})
   */
  public MultiLayerNetwork network() {
    if (network == null) {
      throw new IllegalStateException(
          "this model is a ComputationGraph, not a MultiLayerNetwork; call model.graph()");
    }
    return network;
  }

  /**
   * The underlying DL4J {@code ComputationGraph}.
   *
   * @throws IllegalStateException if this model is a layer stack (use {@link #network()})
   */
  public ComputationGraph graph() {
    if (graph == null) {
      throw new IllegalStateException(
          "this model is a MultiLayerNetwork, not a ComputationGraph; call model.network()");
    }
    return graph;
  }

  /** Whether the DL4J object is a {@code ComputationGraph} rather than a layer stack. */
  public boolean isGraph() {
    return graph != null;
  }

  // ---------------------------------------------------------------- facts

  /** A short name, e.g. {@code "mlp 784-256-10"}. */
  public String name() {
    return name;
  }

  /** The shape of one input example, e.g. {@code [784]} or {@code [1, 28, 28]}. */
  public long[] inputShape() {
    return inputShape.clone();
  }

  /** The number of values in one input example, e.g. 784. */
  public long inputSize() {
    long size = 1;
    for (long s : inputShape) {
      size *= s;
    }
    return size;
  }

  /** The number of classes {@code k} (the size of the output layer). */
  public int numClasses() {
    if (outputLayer().conf().getLayer() instanceof FeedForwardLayer ff) {
      return (int) ff.getNOut();
    }
    return (int) output(sampleInput(), false).size(1);
  }

  /** The number of trainable parameters (weights and biases). */
  public long numParams() {
    return network != null ? network.numParams() : graph.numParams();
  }

  // ---------------------------------------------------------------- training operations

  /**
   * The network's output for {@code X}: {@code [n, ...] -> [n, k]}. With {@code train = true}
   * training-only layers act as in training (dropout drops units, batch norm uses the batch's
   * statistics); {@link #predict} is {@code output(X, false)}.
   *
   * @throws IllegalArgumentException if {@code X} does not have shape {@code [n, inputShape...]}
   */
  public INDArray output(INDArray X, boolean train) {
    requireInput(X);
    INDArray x = X.dataType() == DataType.FLOAT ? X : X.castTo(DataType.FLOAT);
    return network != null ? network.output(x, train) : graph.outputSingle(train, x);
  }

  /**
   * One optimizer step on one minibatch: features {@code [b, inputShape...]}, one-hot labels {@code
   * [b, k]}. The forward pass of this step also sets {@link #score()}.
   */
  public void fit(DataSet minibatch) {
    Objects.requireNonNull(minibatch, "minibatch must not be null");
    if (network != null && FastPath.whyNot(network) == null && fastStep(minibatch) != null) {
      return; // a fast path took the step (no listeners: nobody expects their calls)
    }
    if (network != null) {
      network.fit(minibatch);
    } else {
      graph.fit(minibatch);
    }
  }

  /**
   * One optimizer step on a fast path ({@code org.dlcourse.train.fast}: dense or convolutional)
   * where it applies: returns {mean cross-entropy, accuracy} of the parameters before the step on
   * this minibatch (without the L2 penalty that {@link #score()} adds, as the trainer's history
   * records it), or null, having done nothing, where DL4J's {@code fit} must take the step. {@link
   * #fit(DataSet)} calls this first when no listener is attached; a caller of this method gets the
   * measurements itself, so listeners marked {@code FastPath.MeasuringListener} may stay attached.
   * See {@link #trainingPath()}.
   */
  public double[] fastStep(DataSet minibatch) {
    Objects.requireNonNull(minibatch, "minibatch must not be null");
    if (network == null || FastPath.whyNotWhenMeasured(network) != null) {
      return null;
    }
    if (fastStepper == null) {
      fastStepper = FastPath.stepper(network);
    }
    double[] step = fastStepper.step(minibatch); // {score, accuracy, cross-entropy} or null
    return step == null ? null : new double[] {step[2], step[1]};
  }

  /**
   * The path {@link #fit(DataSet)} trains on now: {@code "fast dense path"}, {@code "fast
   * convolutional path"}, or {@code "DL4J fit (reason)"}, e.g. {@code "DL4J fit (layer 1:
   * GaussianDropout (...))"}. {@code -Ddlcourse.fastpath=false} switches the fast path off.
   */
  public String trainingPath() {
    return network == null ? "DL4J fit (a ComputationGraph)" : FastPath.describe(network);
  }

  /** Whether {@link #fit(DataSet)} takes its steps on a fast path (see {@link #trainingPath()}). */
  public boolean usesFastPath() {
    return network != null && FastPath.whyNot(network) == null;
  }

  /**
   * The loss DL4J computed in the forward pass of the last {@link #fit(DataSet)}, i.e. with the
   * parameters before that step: mean loss over the minibatch plus any L1/L2 penalty.
   */
  public double score() {
    return network != null ? network.score() : graph.score();
  }

  /**
   * All parameters (weights and biases) as one row vector {@code [1, numParams]}. This is a view:
   * copy it with {@code dup()} to keep a snapshot.
   */
  public INDArray params() {
    return network != null ? network.params() : graph.params();
  }

  /**
   * Overwrites all parameters with {@code params}, e.g. a snapshot taken with {@code
   * params().dup()}.
   *
   * @throws IllegalArgumentException if {@code params} does not hold {@link #numParams()} values
   */
  public void setParams(INDArray params) {
    Objects.requireNonNull(params, "params must not be null");
    if (params.length() != numParams()) {
      throw new IllegalArgumentException(
          "expected "
              + numParams()
              + " parameters but got "
              + params.length()
              + "; pass a snapshot of this model's params()");
    }
    if (network != null) {
      network.setParams(params);
    } else {
      graph.setParams(params);
    }
  }

  /** Adds a DL4J training listener (called on every forward pass, step and epoch). */
  public void addListener(TrainingListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    if (network != null) {
      network.addListeners(listener);
    } else {
      graph.addListeners(listener);
    }
  }

  /** Removes a listener added with {@link #addListener}; other listeners stay. */
  public void removeListener(TrainingListener listener) {
    List<TrainingListener> kept =
        new java.util.ArrayList<>(network != null ? network.getListeners() : graph.getListeners());
    kept.remove(listener);
    if (network != null) {
      network.setListeners(kept);
    } else {
      graph.setListeners(kept);
    }
  }

  /** The output layer (the one that computes the loss). */
  public Layer outputLayer() {
    return network != null ? network.getOutputLayer() : graph.getOutputLayer(0);
  }

  /** The number of layers (for a graph: the layer vertices, not merges or other vertices). */
  public int numLayers() {
    return network != null ? network.getnLayers() : graph.getNumLayers();
  }

  // ---------------------------------------------------------------- predicting

  /**
   * The class probabilities for each example: {@code [n, ...] -> [n, k]}, rows summing to 1.
   *
   * @throws IllegalArgumentException if {@code X} does not have shape {@code [n, inputShape...]}
   */
  public INDArray predict(INDArray X) {
    return output(X, false); // inference mode: dropout off
  }

  /** The most probable class of each example, {@code argmax_k yHat[i, k]}. */
  public int[] predictClasses(INDArray X) {
    return predict(X).argMax(1).toIntVector();
  }

  /**
   * Checks that {@code X} has shape {@code [n, inputShape...]}, with a message saying how to fix
   * it.
   *
   * @throws IllegalArgumentException if it does not
   */
  public void requireInput(INDArray X) {
    Objects.requireNonNull(X, "X must not be null");
    long[] shape = X.shape();
    boolean ok =
        shape.length == inputShape.length + 1
            && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), inputShape);
    if (ok) {
      return;
    }
    long size = 1;
    for (int i = 1; i < shape.length; i++) {
      size *= shape[i];
    }
    String hint;
    if (shape.length >= 2 && size == inputSize() && inputShape.length == 1) {
      hint = "call dataset.flatten() (or X.reshape(n, " + inputSize() + "))";
    } else if (shape.length >= 2 && size == inputSize()) {
      hint = "call dataset.asImages(" + join(inputShape) + ")";
    } else if (shape.length == inputShape.length && Arrays.equals(shape, inputShape)) {
      hint = "for a single example add the batch dimension: X.reshape(1, " + join(inputShape) + ")";
    } else {
      hint = "use data of the size the model was built for, or build the model for this data";
    }
    throw new IllegalArgumentException(
        "the model expects inputs of shape [n, "
            + join(inputShape)
            + "] but got "
            + Arrays.toString(shape)
            + "; "
            + hint);
  }

  // ---------------------------------------------------------------- saving

  /**
   * Saves the model (configuration, parameters, optimizer state) to a zip file.
   *
   * @throws IllegalStateException if the file cannot be written
   */
  public void save(Path path) {
    Objects.requireNonNull(path, "path must not be null");
    File file = path.toFile();
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ModelSerializer.writeModel(network != null ? network : graph, file, true);
      ModelSerializer.addObjectToFile(file, META_NAME, name);
      ModelSerializer.addObjectToFile(file, META_INPUT_SHAPE, inputShape.clone());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "could not save the model to " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model saved with {@link #save(Path)} (or any DL4J {@code ModelSerializer} zip).
   *
   * @throws IllegalArgumentException if the file is missing or is not a saved model
   */
  public static Model load(Path path) {
    Objects.requireNonNull(path, "path must not be null");
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "no model file at " + path.toAbsolutePath() + "; save one first with model.save(path)");
    }
    File file = path.toFile();
    String name;
    long[] inputShape;
    try {
      List<String> objects = ModelSerializer.listObjectsInFile(file);
      name =
          objects.contains(META_NAME) ? ModelSerializer.getObjectFromFile(file, META_NAME) : null;
      inputShape =
          objects.contains(META_INPUT_SHAPE)
              ? ModelSerializer.getObjectFromFile(file, META_INPUT_SHAPE)
              : null;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          path
              + " is not a saved model (expected a zip written by model.save(path)): "
              + e.getMessage(),
          e);
    }
    try {
      MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file, true);
      String n = name != null ? name : "loaded from " + path.getFileName();
      return inputShape != null ? of(net, n, inputShape) : of(net, n);
    } catch (IOException | RuntimeException notALayerStack) {
      try {
        ComputationGraph g = ModelSerializer.restoreComputationGraph(file, true);
        if (inputShape == null) {
          throw new IllegalArgumentException(
              path
                  + " holds a ComputationGraph without the course's input shape; load it with"
                  + " ModelSerializer.restoreComputationGraph and wrap it with Model.of(graph, name, shape)");
        }
        return of(g, name != null ? name : "loaded from " + path.getFileName(), inputShape);
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new IllegalArgumentException(
            path
                + " is not a saved model (expected a zip written by model.save(path)): "
                + notALayerStack.getMessage(),
            notALayerStack);
      }
    }
  }

  // ---------------------------------------------------------------- printing

  /** DL4J's text table of layers, shapes and parameter counts. */
  public String summary() {
    return network != null ? network.summary() : graph.summary();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Model[%s, %,d parameters]", name, numParams());
  }

  /** A table of the layers: type, inputs, outputs, activation and parameter count. */
  @Override
  public String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<div><b>Model</b> ")
        .append(escape(name))
        .append(String.format(Locale.ROOT, ", %,d parameters", numParams()))
        .append("<table><tr><th>#</th><th>layer</th><th>inputs</th><th>outputs</th>")
        .append("<th>activation</th><th>parameters</th></tr>");
    Layer[] layers = network != null ? network.getLayers() : graph.getLayers();
    for (int i = 0; i < layers.length; i++) {
      org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
      String in = "";
      String out = "";
      String activation = "";
      if (conf instanceof FeedForwardLayer ff) {
        in = Long.toString(ff.getNIn());
        out = Long.toString(ff.getNOut());
      }
      if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base
          && base.getActivationFn() != null) {
        activation = base.getActivationFn().toString();
      }
      sb.append("<tr><td>")
          .append(i)
          .append("</td><td>")
          .append(conf.getClass().getSimpleName())
          .append("</td><td>")
          .append(in)
          .append("</td><td>")
          .append(out)
          .append("</td><td>")
          .append(escape(activation))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", layers[i].numParams()))
          .append("</td></tr>");
    }
    return sb.append("</table></div>").toString();
  }

  // ---------------------------------------------------------------- helpers

  private INDArray sampleInput() {
    long[] shape = new long[inputShape.length + 1];
    shape[0] = 1;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    return org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, shape);
  }

  private static long[] firstLayerInputs(MultiLayerNetwork network) {
    org.deeplearning4j.nn.conf.layers.Layer first =
        network.getLayerWiseConfigurations().getConf(0).getLayer();
    if (first instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
      return new long[] {ff.getNIn()};
    }
    throw new IllegalArgumentException(
        "cannot tell the input shape of a network whose first layer is "
            + first.getClass().getSimpleName()
            + "; use Model.of(network, name, inputShape...)");
  }

  private static void requireInputShape(long[] inputShape) {
    if (inputShape == null || inputShape.length == 0) {
      throw new IllegalArgumentException(
          "expected the shape of one input example, e.g. 784 or 1, 28, 28, but got none");
    }
    for (long s : inputShape) {
      if (s <= 0) {
        throw new IllegalArgumentException(
            "expected a positive input shape but got " + Arrays.toString(inputShape));
      }
    }
  }

  private static void requireInitialised(INDArray params) {
    if (params == null || params.isEmpty()) {
      throw new IllegalArgumentException(
          "the network has no parameters yet; call network.init() before wrapping it");
    }
  }

  private static String join(long[] shape) {
    String s = Arrays.toString(shape);
    return s.substring(1, s.length() - 1);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
