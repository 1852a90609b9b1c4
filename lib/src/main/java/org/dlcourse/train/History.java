package org.dlcourse.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlcourse.display.Rich;
import org.dlcourse.plot.Plot;
import org.dlcourse.plot.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What happened during training, one entry per epoch.
 *
 * <p>The validation lists are empty when training had no validation set. With early stopping,
 * {@code bestEpoch} is the epoch whose parameters the model holds after training. Introduced in
 * notebook 01 ({@code 01-why-deep-learning}).
 *
 * @param trainLoss mean minibatch loss over each epoch (cross-entropy, measured during the epoch)
 * @param trainAccuracy mean minibatch accuracy over each epoch
 * @param validationLoss mean cross-entropy on the validation set after each epoch
 * @param validationAccuracy accuracy on the validation set after each epoch
 * @param epochSeconds wall-clock seconds of each epoch, validation included
 * @param totalSeconds wall-clock seconds of the whole fit
 * @param bestEpoch the epoch (1-based) with the lowest validation loss; the last epoch without
 *     validation
 * @param stoppedEarly whether early stopping ended training before the planned number of epochs
 */
public record History(
    List<Double> trainLoss,
    List<Double> trainAccuracy,
    List<Double> validationLoss,
    List<Double> validationAccuracy,
    List<Double> epochSeconds,
    double totalSeconds,
    int bestEpoch,
    boolean stoppedEarly)
    implements Rich {

  /** Copies the lists so that a {@code History} never changes. */
  public History {
    trainLoss = List.copyOf(trainLoss);
    trainAccuracy = List.copyOf(trainAccuracy);
    validationLoss = List.copyOf(validationLoss);
    validationAccuracy = List.copyOf(validationAccuracy);
    epochSeconds = List.copyOf(epochSeconds);
  }

  /** The number of epochs trained. */
  public int epochs() {
    return trainLoss.size();
  }

  /** Whether validation loss and accuracy were measured. */
  public boolean hasValidation() {
    return !validationLoss.isEmpty();
  }

  /** The training loss of the last epoch. */
  public double lastTrainLoss() {
    return last(trainLoss, "training loss");
  }

  /** The training accuracy of the last epoch. */
  public double lastTrainAccuracy() {
    return last(trainAccuracy, "training accuracy");
  }

  /** The validation loss of the last epoch. */
  public double lastValidationLoss() {
    return last(validationLoss, "validation loss");
  }

  /** The validation accuracy of the last epoch. */
  public double lastValidationAccuracy() {
    return last(validationAccuracy, "validation accuracy");
  }

  /** The lowest validation loss of any epoch. */
  public double bestValidationLoss() {
    return validationLoss.stream()
        .mapToDouble(Double::doubleValue)
        .min()
        .orElseThrow(this::noValidation);
  }

  /** The highest validation accuracy of any epoch. */
  public double bestValidationAccuracy() {
    return validationAccuracy.stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElseThrow(this::noValidation);
  }

  /** Training throughput: examples per second over the whole fit, given the training set size. */
  public double samplesPerSecond(int trainSize) {
    return trainSize * (double) epochs() / totalSeconds;
  }

  /**
   * Loss and accuracy per epoch, training and validation, side by side (training and validation
   * keep their colours across both panels). After a fit with live progress this figure is already
   * on screen, updated after every epoch.
   */
  public Plot plot() {
    return Plots.row(lossPlot(), accuracyPlot());
  }

  /** Like {@link #plot()}, with {@code what} (e.g. the model's name) in each panel's title. */
  public Plot plot(String what) {
    return Plots.row(lossPlot(what), accuracyPlot(what));
  }

  /** Training and validation loss per epoch. */
  public Plot lossPlot() {
    return lossPlot(null);
  }

  /** Training and validation loss per epoch; {@code what} (may be null) joins the title. */
  public Plot lossPlot(String what) {
    return curves(title("Loss", what), "loss", trainLoss, validationLoss);
  }

  /** Training and validation accuracy per epoch. */
  public Plot accuracyPlot() {
    return accuracyPlot(null);
  }

  /** Training and validation accuracy per epoch; {@code what} (may be null) joins the title. */
  public Plot accuracyPlot(String what) {
    return curves(title("Accuracy", what), "accuracy", trainAccuracy, validationAccuracy);
  }

  private static String title(String quantity, String what) {
    return what == null || what.isBlank() ? quantity : quantity + " · " + what;
  }

  private Plot curves(String title, String yLabel, List<Double> train, List<Double> validation) {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("training", toArray(train));
    if (hasValidation()) {
      series.put("validation", toArray(validation));
    }
    return Plots.lines(title, "epoch", yLabel, epochNumbers(), series);
  }

  /** One row per epoch as a Tablesaw table. */
  public Table table() {
    Table table =
        Table.create("history")
            .addColumns(
                IntColumn.create(
                    "epoch", java.util.stream.IntStream.rangeClosed(1, epochs()).toArray()),
                DoubleColumn.create("train loss", toArray(trainLoss)),
                DoubleColumn.create("train accuracy", toArray(trainAccuracy)));
    if (hasValidation()) {
      table.addColumns(
          DoubleColumn.create("validation loss", toArray(validationLoss)),
          DoubleColumn.create("validation accuracy", toArray(validationAccuracy)));
    }
    return table.addColumns(DoubleColumn.create("seconds", toArray(epochSeconds)));
  }

  @Override
  public String toString() {
    if (epochs() == 0) {
      return "History[0 epochs]";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "History[%d epochs, train acc %.3f", epochs(), lastTrainAccuracy()));
    if (hasValidation()) {
      sb.append(String.format(Locale.ROOT, ", val acc %.3f", lastValidationAccuracy()));
    }
    if (stoppedEarly) {
      sb.append(", stopped early, best epoch ").append(bestEpoch);
    }
    return sb.append(String.format(Locale.ROOT, ", %.1f s]", totalSeconds)).toString();
  }

  /** A table with one row per epoch. */
  @Override
  public String html() {
    StringBuilder sb = new StringBuilder("<div><b>History</b>: ");
    sb.append(escapeSummary())
        .append("<table><tr><th>epoch</th><th>train loss</th><th>train acc</th>");
    if (hasValidation()) {
      sb.append("<th>val loss</th><th>val acc</th>");
    }
    sb.append("<th>seconds</th></tr>");
    for (int e = 0; e < epochs(); e++) {
      String style = e + 1 == bestEpoch && hasValidation() ? " style=\"font-weight:bold\"" : "";
      sb.append("<tr")
          .append(style)
          .append(">")
          .append(
              String.format(
                  Locale.ROOT,
                  "<td>%d</td><td>%.4f</td><td>%.3f</td>",
                  e + 1,
                  trainLoss.get(e),
                  trainAccuracy.get(e)));
      if (hasValidation()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<td>%.4f</td><td>%.3f</td>",
                validationLoss.get(e),
                validationAccuracy.get(e)));
      }
      sb.append(String.format(Locale.ROOT, "<td>%.2f</td></tr>", epochSeconds.get(e)));
    }
    return sb.append("</table></div>").toString();
  }

  private String escapeSummary() {
    return Evaluation.escape(toString());
  }

  private double[] epochNumbers() {
    double[] x = new double[epochs()];
    for (int e = 0; e < x.length; e++) {
      x[e] = e + 1;
    }
    return x;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double last(List<Double> values, String what) {
    if (values.isEmpty()) {
      throw new IllegalStateException(
          "no "
              + what
              + " recorded"
              + (what.startsWith("validation") ? "; pass a validation set to fit(...)" : ""));
    }
    return values.get(values.size() - 1);
  }

  private IllegalStateException noValidation() {
    return new IllegalStateException(
        "no validation set was used; pass one to trainer.fit(model, train, validation)");
  }
}
