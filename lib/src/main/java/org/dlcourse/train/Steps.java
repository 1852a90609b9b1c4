package org.dlcourse.train;

import java.io.PrintStream;
import java.util.Locale;
import org.dlcourse.display.Display;

/**
 * A progress line for a long loop in a notebook cell, e.g. training several networks in a row:
 * {@code "batch-norm network: 3/10 · 12 s · about 28 s left"}, updated in place.
 *
 * <pre>{@code
 * Steps steps = Progress.steps("training 4 regularisers", 4);
 * for (...) {
 *   ... // one long piece of work
 *   steps.step();
 * }
 * }</pre>
 *
 * <p>In a notebook the line is replaced in place (at most {@value Progress#UPDATES_PER_SECOND}
 * times a second, always on the last step); in a terminal it is redrawn with {@code \r}; in a log
 * (no terminal) one line is printed per quarter of the work.
 */
public final class Steps {

  private final String what;
  private final int total;
  private final boolean rich;
  private final boolean terminal;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private int done;
  private long lastUpdate;
  private int lastQuarter;
  private String lineId;

  Steps(String what, int total, boolean rich, boolean terminal, PrintStream out) {
    if (total < 1) {
      throw new IllegalArgumentException(
          "Progress.steps needs the number of steps (>= 1) but got " + total);
    }
    this.what = what == null || what.isBlank() ? "progress" : what;
    this.total = total;
    this.rich = rich;
    this.terminal = terminal;
    this.out = out;
    show(line(null));
  }

  /** Marks one step done. */
  public void step() {
    step(null);
  }

  /** Marks one step done, with a short note shown after the count (e.g. the last result). */
  public void step(String note) {
    done = Math.min(total, done + 1);
    long now = System.nanoTime();
    int quarter = 4 * done / total;
    boolean last = done == total;
    if (rich || terminal) {
      if (last || now - lastUpdate >= 1_000_000_000L / Progress.UPDATES_PER_SECOND) {
        lastUpdate = now;
        show(line(note));
      }
    } else if (quarter > lastQuarter || last) {
      lastQuarter = quarter;
      show(line(note));
    }
    if (last && terminal && !rich) {
      out.println();
    }
  }

  /** The number of steps done so far. */
  public int done() {
    return done;
  }

  /** The text of the line, e.g. {@code "batch norm: 3/10 · 12 s · about 28 s left"}. */
  String line(String note) {
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d/%d", what, done, total));
    if (note != null && !note.isBlank()) {
      sb.append(" (").append(note).append(')');
    }
    sb.append(String.format(Locale.ROOT, " · %.0f s", seconds));
    if (done > 0 && done < total) {
      double left = seconds / done * (total - done);
      sb.append(String.format(Locale.ROOT, " · about %.0f s left", left));
    } else if (done == total) {
      sb.append(" · done");
    }
    return sb.toString();
  }

  private void show(String line) {
    if (rich) {
      if (lineId == null) {
        lineId = Display.display(line);
      } else {
        Display.update(lineId, line);
      }
    } else if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
    } else {
      out.println(line);
    }
  }
}
