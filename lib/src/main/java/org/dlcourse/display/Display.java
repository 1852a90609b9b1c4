package org.dlcourse.display;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows values in a notebook cell's output, and updates them in place.
 *
 * <p>In the course kernel a displayed image appears as a picture and a table as HTML; in a plain
 * JVM (a test, {@code ./course run} in a terminal) the same call prints the value's {@code
 * toString()}, so library code can call {@code display} unconditionally.
 *
 * <pre>{@code
 * String id = Display.display(plot);   // shown below the cell
 * Display.update(id, newerPlot);       // replaced in place, e.g. once per epoch
 * Display.clear(true);                 // clears the cell's output when the next output arrives
 * }</pre>
 */
public final class Display {

  private static volatile DisplaySink sink = new TextSink(System.out);

  private Display() {}

  /** Shows {@code value} below the running cell and returns an id for {@link #update}. */
  public static String display(Object value) {
    return sink.display(value);
  }

  /** Replaces the value previously shown under {@code id}. */
  public static void update(String id, Object value) {
    Objects.requireNonNull(id, "id must be the value returned by display(...)");
    sink.update(id, value);
  }

  /** Clears everything the running cell has shown so far (Jupyter's {@code clear_output}). */
  public static void clear() {
    sink.clear(false);
  }

  /**
   * Clears the running cell's output; with {@code wait} only when the next output arrives, so that
   * a redrawn plot replaces the old one without a blank moment. Does nothing in a terminal.
   */
  public static void clear(boolean wait) {
    sink.clear(wait);
  }

  /** Whether the current front end shows images and HTML (true inside the course kernel). */
  public static boolean isRich() {
    return sink.isRich();
  }

  /** Installs the front end's sink. Called by the course kernel at start-up; not for notebooks. */
  public static void install(DisplaySink newSink) {
    sink = Objects.requireNonNull(newSink, "sink");
  }

  /** Restores plain-text output (used by tests). */
  public static void reset() {
    sink = new TextSink(System.out);
  }

  /** The fallback sink: prints each value's {@code toString()} on its own line. */
  static final class TextSink implements DisplaySink {
    private final PrintStream out;
    private final AtomicLong next = new AtomicLong();

    TextSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public String display(Object value) {
      out.println(value);
      return "text-" + next.incrementAndGet();
    }

    @Override
    public void update(String id, Object value) {
      out.println(value);
    }

    @Override
    public boolean isRich() {
      return false;
    }
  }
}
