package org.dlcourse.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dlcourse.data.Dataset;
import org.dlcourse.display.Rich;
import org.dlcourse.models.Model;
import org.dlcourse.plot.Plot;
import org.dlcourse.plot.Plots;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How well a model classifies a data set: accuracy, mean cross-entropy loss and the confusion
 * matrix.
 *
 * <p>{@code confusion[i][j]} counts the examples of true class {@code i} predicted as class {@code
 * j}: the diagonal holds the correct answers. Introduced in notebook 01 (why deep learning).
 *
 * @param accuracy the fraction of examples whose most probable class is the true one
 * @param loss the mean cross-entropy {@code -1/n sum_i log yHat[i, y_i]}
 * @param confusion counts, rows = true class, columns = predicted class
 * @param labelNames the name of each class
 */
public record Evaluation(double accuracy, double loss, int[][] confusion, List<String> labelNames)
    implements Rich {

  /** Checks that the confusion matrix is square and has one row per label name. */
  public Evaluation {
    Objects.requireNonNull(confusion, "confusion");
    labelNames = List.copyOf(labelNames);
    confusion = Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    for (int[] row : confusion) {
      if (row.length != confusion.length) {
        throw new IllegalArgumentException(
            "expected a square confusion matrix but a row has "
                + row.length
                + " of "
                + confusion.length
                + " columns");
      }
    }
    if (confusion.length != labelNames.size()) {
      throw new IllegalArgumentException(
          "expected "
              + confusion.length
              + " label names (one per class) but got "
              + labelNames.size());
    }
  }

  /**
   * Evaluates {@code model} on {@code data} without a trainer: predicts in chunks (inference mode,
   * dropout off) and compares with the labels.
   *
   * <pre>{@code
   * Evaluation test = Evaluation.of(model, data.test());
   * }</pre>
   *
   * @throws IllegalArgumentException if the data does not fit the model
   */
  public static Evaluation of(Model model, Dataset data) {
    INDArray probabilities = Trainer.predictInChunks(model, data); // [n, k]
    return of(probabilities, data.labels(), data.labelNames());
  }

  /**
   * Evaluates predicted probabilities {@code [n, k]} against one-hot labels {@code [n, k]}.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Evaluation of(INDArray probabilities, INDArray labels, List<String> labelNames) {
    if (!Arrays.equals(probabilities.shape(), labels.shape()) || labels.rank() != 2) {
      throw new IllegalArgumentException(
          "expected probabilities and labels of the same shape [n, k] but got "
              + Arrays.toString(probabilities.shape())
              + " and "
              + Arrays.toString(labels.shape()));
    }
    int k = (int) labels.size(1);
    int[] predicted = probabilities.argMax(1).toIntVector();
    int[] actual = labels.argMax(1).toIntVector();
    int[][] confusion = new int[k][k];
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      confusion[actual[i]][predicted[i]]++;
      if (actual[i] == predicted[i]) {
        correct++;
      }
    }
    // cross-entropy: -1/n sum_i sum_c y[i, c] log yHat[i, c]; clip so log(0) stays finite
    INDArray p = Transforms.max(probabilities.castTo(DataType.DOUBLE), 1e-7, true);
    double loss =
        -Transforms.log(p, false).muli(labels.castTo(DataType.DOUBLE)).sumNumber().doubleValue()
            / actual.length;
    return new Evaluation((double) correct / actual.length, loss, confusion, labelNames);
  }

  /** The number of examples evaluated. */
  public int numExamples() {
    int n = 0;
    for (int[] row : confusion) {
      for (int count : row) {
        n += count;
      }
    }
    return n;
  }

  /** The confusion matrix; a copy, so changing it changes nothing here. */
  @Override
  public int[][] confusion() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /**
   * The accuracy on each class, also called recall: {@code confusion[c][c] / (examples of class
   * c)}; NaN for a class with no examples.
   */
  public double[] perClassAccuracy() {
    double[] recall = new double[confusion.length];
    for (int c = 0; c < confusion.length; c++) {
      int total = Arrays.stream(confusion[c]).sum();
      recall[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
    }
    return recall;
  }

  /** Same as {@link #perClassAccuracy()}: the recall of each class. */
  public double[] recall() {
    return perClassAccuracy();
  }

  /**
   * The precision of each class: {@code confusion[c][c] / (examples predicted as c)}; NaN for a
   * class never predicted.
   */
  public double[] precision() {
    double[] precision = new double[confusion.length];
    for (int c = 0; c < confusion.length; c++) {
      int total = 0;
      for (int[] row : confusion) {
        total += row[c];
      }
      precision[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
    }
    return precision;
  }

  /** The confusion matrix as a heatmap (rows true, columns predicted). */
  public Plot confusionPlot() {
    return Plots.confusionMatrix(confusion(), labelNames);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Evaluation[accuracy %.3f, loss %.3f, %d examples, %d classes]",
        accuracy,
        loss,
        numExamples(),
        confusion.length);
  }

  /** Accuracy, loss and a per-class table (examples, accuracy, precision). */
  @Override
  public String html() {
    double[] recall = perClassAccuracy();
    double[] precision = precision();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<div><b>Evaluation</b>: accuracy %.3f, loss %.3f, %d examples"
                + "<table><tr><th>class</th><th>examples</th><th>accuracy (recall)</th>"
                + "<th>precision</th></tr>",
            accuracy,
            loss,
            numExamples()));
    for (int c = 0; c < confusion.length; c++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td></tr>",
              escape(labelNames.get(c)),
              Arrays.stream(confusion[c]).sum(),
              recall[c],
              precision[c]));
    }
    return sb.append("</table></div>").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e
        && accuracy == e.accuracy
        && loss == e.loss
        && Arrays.deepEquals(confusion, e.confusion)
        && labelNames.equals(e.labelNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accuracy, loss, Arrays.deepHashCode(confusion), labelNames);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
