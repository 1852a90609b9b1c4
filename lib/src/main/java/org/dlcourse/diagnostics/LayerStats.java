package org.dlcourse.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Dataset;
import org.dlcourse.display.Rich;
import org.dlcourse.models.Model;
import org.dlcourse.plot.Plot;
import org.dlcourse.plot.PlotOptions;
import org.dlcourse.plot.Plots;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-layer health of a network on one minibatch: the size of each layer's weight gradient from one
 * backward pass, and the mean, spread and dead units of each layer's output.
 *
 * <pre>{@code
 * LayerStats stats = LayerStats.of(model, data.train().take(256));
 * stats.gradientNorms();   // ||dLoss/dW|| per layer, input side first
 * stats.gradientPlot();    // the same on a log axis
 * }</pre>
 *
 * <p>One row per layer that has a weight matrix {@code W} (dense and output layers), from the input
 * side to the output. The gradient is of the mean cross-entropy over the minibatch, as in training
 * (DL4J's backward pass sums over the examples and its updater divides by the minibatch size; so do
 * we), with batch normalisation using the minibatch statistics. A unit is <i>dead</i> when it
 * outputs exactly 0 for every example of the minibatch (a ReLU whose input is always negative).
 * Introduced in the notebook on making deep networks trainable ({@code 05-deep-networks}).
 *
 * @param layers one entry per weight layer, input side first
 */
public record LayerStats(List<LayerStats.Row> layers) implements Rich {

  /**
   * The statistics of one layer.
   *
   * @param name the layer's index or name and type, e.g. {@code "3 DenseLayer"}
   * @param gradientNorm the Euclidean norm of {@code dLoss/dW}
   * @param activationMean the mean of the layer's output over examples and units
   * @param activationStd the standard deviation of the layer's output over examples and units
   * @param deadFraction the fraction of the layer's units that output 0 for every example
   */
  public record Row(
      String name,
      double gradientNorm,
      double activationMean,
      double activationStd,
      double deadFraction) {}

  /** Copies the list so that the statistics never change. */
  public LayerStats {
    layers = List.copyOf(layers);
  }

  /** The statistics of {@code model} on the examples and labels of {@code batch}. */
  public static LayerStats of(Model model, Dataset batch) {
    Objects.requireNonNull(batch, "batch must not be null");
    return of(model, batch.features(), batch.labels());
  }

  /**
   * The statistics of {@code model} on examples {@code X} {@code [n, ...]} with one-hot labels
   * {@code y} {@code [n, k]}.
   *
   * @throws IllegalArgumentException if the shapes do not fit the model
   */
  public static LayerStats of(Model model, INDArray X, INDArray y) {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(y, "labels y must not be null");
    model.requireInput(X);
    if (y.rank() != 2 || y.size(0) != X.size(0) || y.size(1) != model.numClasses()) {
      throw new IllegalArgumentException(
          "expected one-hot labels of shape ["
              + X.size(0)
              + ", "
              + model.numClasses()
              + "] but got "
              + java.util.Arrays.toString(y.shape())
              + "; pass the labels of the same examples");
    }
    INDArray x = X.castTo(DataType.FLOAT);
    INDArray labels = y.castTo(DataType.FLOAT);
    return model.isGraph()
        ? ofGraph(model.graph(), x, labels)
        : ofLayers(model.network(), x, labels);
  }

  private static LayerStats ofLayers(MultiLayerNetwork net, INDArray x, INDArray y) {
    // one backward pass: the gradient of the mean loss over the minibatch
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    Map<String, INDArray> gradients = net.gradient().gradientForVariable();
    Map<Integer, Double> norms = new LinkedHashMap<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      INDArray dW = gradients.get(i + "_W");
      if (dW != null) {
        // read now (the gradient view is reused); / n: the mean over the minibatch, not the sum
        norms.put(i, dW.norm2Number().doubleValue() / x.size(0));
      }
    }
    net.clear();
    // the forward pass in inference mode: element 0 is the input, element i + 1 layer i's output
    List<INDArray> activations = net.feedForward(x, false);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, Double> e : norms.entrySet()) {
      int i = e.getKey();
      Layer layer = net.getLayer(i);
      rows.add(
          row(
              i + " " + layer.conf().getLayer().getClass().getSimpleName(),
              e.getValue(),
              activations.get(i + 1)));
    }
    return new LayerStats(rows);
  }

  private static LayerStats ofGraph(ComputationGraph graph, INDArray x, INDArray y) {
    graph.setInputs(x);
    graph.setLabels(y);
    graph.computeGradientAndScore();
    Map<String, INDArray> gradients = graph.gradient().gradientForVariable();
    Map<String, Double> norms = new LinkedHashMap<>();
    for (String name : graph.getConfiguration().getTopologicalOrderStr()) {
      INDArray dW = gradients.get(name + "_W");
      if (dW != null) {
        norms.put(name, dW.norm2Number().doubleValue() / x.size(0));
      }
    }
    graph.clear();
    Map<String, INDArray> activations = graph.feedForward(x, false);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Double> e : norms.entrySet()) {
      String name = e.getKey();
      String type = graph.getLayer(name).conf().getLayer().getClass().getSimpleName();
      rows.add(row(name + " " + type, e.getValue(), activations.get(name)));
    }
    return new LayerStats(rows);
  }

  private static Row row(String name, double gradientNorm, INDArray activation) {
    INDArray a = activation.castTo(DataType.DOUBLE).reshape(activation.size(0), -1); // [n, units]
    double mean = a.meanNumber().doubleValue();
    double std = a.stdNumber().doubleValue();
    INDArray largest = a.dup().amax(0); // [units]: max |a| over the examples
    long units = largest.length();
    long dead = 0;
    for (long u = 0; u < units; u++) {
      dead += largest.getDouble(u) == 0 ? 1 : 0;
    }
    return new Row(name, gradientNorm, mean, std, (double) dead / units);
  }

  /** The number of weight layers. */
  public int numLayers() {
    return layers.size();
  }

  /** {@code ||dLoss/dW||} per layer, input side first. */
  public double[] gradientNorms() {
    return layers.stream().mapToDouble(Row::gradientNorm).toArray();
  }

  /** The mean output per layer. */
  public double[] activationMeans() {
    return layers.stream().mapToDouble(Row::activationMean).toArray();
  }

  /** The standard deviation of the output per layer. */
  public double[] activationStds() {
    return layers.stream().mapToDouble(Row::activationStd).toArray();
  }

  /** The fraction of dead units per layer. */
  public double[] deadFractions() {
    return layers.stream().mapToDouble(Row::deadFraction).toArray();
  }

  /** The layer numbers 1, 2, …, for the x axis of a plot. */
  public double[] layerNumbers() {
    double[] x = new double[layers.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  /** The gradient norm per layer on a logarithmic axis. */
  public Plot gradientPlot() {
    double[] norms = gradientNorms();
    for (int i = 0; i < norms.length; i++) {
      norms[i] = Math.max(norms[i], Double.MIN_NORMAL); // a log axis needs values > 0
    }
    return Plots.line(
        "Gradient norm per layer",
        "layer (1 = next to the input)",
        "||dLoss/dW||",
        layerNumbers(),
        norms,
        PlotOptions.builder().logY(true).build());
  }

  /** One row per layer as a Tablesaw table. */
  public Table table() {
    return Table.create("layer statistics")
        .addColumns(
            StringColumn.create("layer", layers.stream().map(Row::name).toList()),
            DoubleColumn.create("gradient norm", gradientNorms()),
            DoubleColumn.create("activation mean", activationMeans()),
            DoubleColumn.create("activation std", activationStds()),
            DoubleColumn.create("dead fraction", deadFractions()));
  }

  @Override
  public String toString() {
    if (layers.isEmpty()) {
      return "LayerStats[no weight layers]";
    }
    return String.format(
        Locale.ROOT,
        "LayerStats[%d layers, gradient norm %.2e (first) … %.2e (last)]",
        layers.size(),
        layers.get(0).gradientNorm(),
        layers.get(layers.size() - 1).gradientNorm());
  }

  /** A table with one row per layer. */
  @Override
  public String html() {
    StringBuilder sb =
        new StringBuilder("<div><b>LayerStats</b><table><tr><th>layer</th><th>gradient norm</th>")
            .append("<th>activation mean</th><th>activation std</th><th>dead</th></tr>");
    for (Row r : layers) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%.3e</td><td>%.4f</td><td>%.4f</td><td>%.1f%%</td></tr>",
              r.name(),
              r.gradientNorm(),
              r.activationMean(),
              r.activationStd(),
              100 * r.deadFraction()));
    }
    return sb.append("</table></div>").toString();
  }
}
