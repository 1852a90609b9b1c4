package org.dlcourse.recurrent;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Runs code with SameDiff's "Added differentiated op …" lines removed from standard output.
 *
 * <p>SameDiff (inside DL4J's {@code SelfAttentionLayer} and any {@code SameDiffLayer}) prints one
 * such line per operation to {@code System.out} the first time it builds a backward pass; for a
 * graph unrolled over time that is hundreds of lines in a notebook cell. Every other line passes
 * through unchanged. (The course's {@link Gru} no longer uses SameDiff.)
 *
 * <pre>{@code
 * History history = QuietSameDiff.call(() -> SequenceTraining.fit(...));
 * }</pre>
 */
public final class QuietSameDiff {

  private static final String NOISE = "Added differentiated op";

  private QuietSameDiff() {}

  /** The value of {@code work}, computed with SameDiff's op-listing lines filtered out. */
  public static <T> T call(Supplier<T> work) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
    try {
      return work.get();
    } finally {
      System.out.flush();
      System.setOut(original);
    }
  }

  /** Runs {@code work} with SameDiff's op-listing lines filtered out. */
  public static void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  /** Passes whole lines to {@code target} unless they start with {@link #NOISE}. */
  private static final class LineFilter extends OutputStream {
    private final PrintStream target;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    LineFilter(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        flushLine();
      }
    }

    @Override
    public void flush() {
      flushLine();
      target.flush();
    }

    private void flushLine() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (!text.startsWith(NOISE)) {
        target.print(text);
      }
    }
  }
}
