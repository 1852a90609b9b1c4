package org.dlcourse.train;

import java.io.PrintStream;
import java.util.Locale;
import org.dlcourse.display.Display;

/**
 * Live training progress: one line updated in place, plus a training-curve plot per epoch in a
 * notebook; a compact progress bar in a terminal.
 *
 * <p>Updates happen at most {@link #UPDATES_PER_SECOND} times a second so that showing progress
 * never slows training noticeably. Used by {@link Trainer}; a notebook cell that runs a long loop
 * of its own shows its progress with {@link #steps(String, int)}.
 *
 * <p>In a notebook the training-curve figure it shows is the final figure of the fit (updated after
 * the last epoch): do not call {@code history.plot()} right after a fit with live progress, or the
 * same figure appears twice.
 */
public final class Progress {

  /** The most line updates per second. */
  public static final int UPDATES_PER_SECOND = 4;

  private static final long MIN_NANOS_BETWEEN_UPDATES = 1_000_000_000L / UPDATES_PER_SECOND;
  private static final int BAR_WIDTH = 20;

  private final boolean rich;
  private final boolean terminal; // '\r' redraws only make sense on an interactive console
  private final PrintStream out;
  private final int numEpochs;
  private final int numBatches;
  private final String name; // the model's, shown in the line and the figure's titles; may be null
  private String lineId;
  private String plotId;
  private long lastUpdate;

  /**
   * A progress line for a long loop of {@code total} steps, e.g. {@code Progress.steps("batch-norm
   * network", numEpochs)}; call {@code step()} after each step.
   */
  public static Steps steps(String what, int total) {
    return new Steps(what, total, Display.isRich(), System.console() != null, System.out);
  }

  Progress(int numEpochs, int numBatches, String name) {
    this(numEpochs, numBatches, name, Display.isRich(), System.console() != null, System.out);
  }

  Progress(
      int numEpochs, int numBatches, String name, boolean rich, boolean terminal, PrintStream out) {
    this.numEpochs = numEpochs;
    this.numBatches = numBatches;
    this.name = name == null || name.isBlank() ? null : name;
    this.rich = rich;
    this.terminal = terminal;
    this.out = out;
  }

  /**
   * Reports a finished minibatch; shown only if the last update is old enough.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based minibatch within the epoch
   */
  void batch(int epoch, int batch, double loss, double accuracy, double samplesPerSecond) {
    long now = System.nanoTime();
    if (now - lastUpdate < MIN_NANOS_BETWEEN_UPDATES && batch < numBatches) {
      return;
    }
    lastUpdate = now;
    String line = line(epoch, batch, loss, accuracy, samplesPerSecond);
    if (rich) {
      if (lineId == null) {
        lineId = Display.display(line);
      } else {
        Display.update(lineId, line);
      }
    } else if (terminal) {
      out.print("\r" + line);
      out.flush();
    }
  }

  /** Reports a finished epoch: a final line in a terminal, the updated curves in a notebook. */
  void epoch(History soFar) {
    int epoch = soFar.epochs();
    String summary =
        (name == null ? "" : name + " · ")
            + String.format(
                Locale.ROOT,
                "epoch %d/%d  train loss %.4f acc %.3f",
                epoch,
                numEpochs,
                soFar.lastTrainLoss(),
                soFar.lastTrainAccuracy());
    if (soFar.hasValidation()) {
      summary +=
          String.format(
              Locale.ROOT,
              "  val loss %.4f acc %.3f",
              soFar.lastValidationLoss(),
              soFar.lastValidationAccuracy());
    }
    summary += String.format(Locale.ROOT, "  %.1f s", soFar.epochSeconds().get(epoch - 1));
    if (rich) {
      if (lineId == null) {
        lineId = Display.display(summary);
      } else {
        Display.update(lineId, summary);
      }
      if (plotId == null) {
        plotId = Display.display(soFar.plot(name));
      } else {
        Display.update(plotId, soFar.plot(name));
      }
    } else {
      // clear the bar, then one line per epoch so logs stay readable
      out.println(terminal ? "\r" + pad(summary) : summary);
    }
    lastUpdate = 0;
  }

  private String line(int epoch, int batch, double loss, double accuracy, double samplesPerSecond) {
    int filled = (int) Math.round(BAR_WIDTH * (double) batch / numBatches);
    String bar = "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled);
    return String.format(
        Locale.ROOT,
        "epoch %d/%d [%s] batch %d/%d  loss %.4f  acc %.3f  %,.0f samples/s",
        epoch,
        numEpochs,
        bar,
        batch,
        numBatches,
        loss,
        accuracy,
        samplesPerSecond);
  }

  private static String pad(String s) {
    // overwrite the whole progress bar left on the line
    return s.length() >= 100 ? s : s + " ".repeat(100 - s.length());
  }
}
