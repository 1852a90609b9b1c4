package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.kernel.JupyterIO;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Everything a cell shows (printed text, displays) goes through one "publish" thread.
 *
 * <p>The cell thread only queues; the publish thread talks to ZeroMQ. So stopping the cell thread
 * with Thread.stop can never leave a half-sent Jupyter message behind, and printed text and
 * displays keep their order.
 */
final class CellOutput {

  /** Text printed faster than Jupyter takes it is cut beyond this many bytes per message. */
  static final int MAX_BATCH_BYTES = 1 << 20;

  /**
   * At most one stream message per stream every this many nanoseconds (50 a second): a print loop
   * fills one batch meanwhile instead of sending thousands of one-line messages that the browser
   * (and, after the stop button, the next cell's output) would wait behind.
   */
  static final long MIN_SEND_INTERVAL_NANOS = 20_000_000L;

  private static final byte[] CUT_NOTICE =
      "\n[... output cut: more than 1 MB printed faster than the notebook can show it ...]\n"
          .getBytes(StandardCharsets.UTF_8);

  private final ExecutorService publisher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "publish");
            thread.setDaemon(true);
            return thread;
          });

  /** What {@code System.out} is while a cell runs (new for every cell, see {@link #renew}). */
  volatile PrintStream out;

  /** What {@code System.err} is while a cell runs (new for every cell, see {@link #renew}). */
  volatile PrintStream err;

  private final Forward outForward;
  private final Forward errForward;

  CellOutput(JupyterIO io) {
    this.outForward = new Forward(io.out);
    this.errForward = new Forward(io.err);
    this.out = new PrintStream(outForward, true, StandardCharsets.UTF_8);
    this.err = new PrintStream(errForward, true, StandardCharsets.UTF_8);
  }

  /**
   * Gives the next cell fresh print streams. A cell stopped by the stop button (Thread.stop) may
   * have been killed inside {@code println}, leaving that PrintStream's character encoder in a
   * broken state; the old streams are dropped, the byte batches below stay consistent.
   */
  void renew() {
    out = new PrintStream(outForward, true, StandardCharsets.UTF_8);
    err = new PrintStream(errForward, true, StandardCharsets.UTF_8);
  }

  /** Runs {@code action} on the publish thread, after all text printed before this call. */
  void publish(Runnable action) {
    outForward.seal();
    errForward.seal();
    publisher.execute(action);
  }

  /** Waits until everything queued so far has been sent. */
  void drain() {
    out.flush();
    err.flush();
    try {
      publisher.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing cell output failed", e.getCause());
    }
  }

  /**
   * Collects printed bytes into a batch; one queued task sends the whole batch as one stream
   * message, so a print loop cannot flood Jupyter with millions of tiny messages.
   */
  private final class Forward extends OutputStream {
    private final PrintStream target;
    private ByteArrayOutputStream batch; // the batch a queued send task will take; null if none
    private boolean cut;
    private long lastSendNanos; // only touched by the publish thread

    Forward(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      if (batch == null) {
        ByteArrayOutputStream next = new ByteArrayOutputStream();
        // Queue the send before publishing the batch: if the cell thread is stopped between the
        // two lines, an empty batch is sent, rather than a batch left behind that no task sends
        // (which silenced every later print).
        publisher.execute(() -> send(next));
        batch = next;
        cut = false;
      }
      if (batch.size() + length <= MAX_BATCH_BYTES) {
        batch.write(bytes, offset, length);
      } else if (!cut) {
        cut = true;
        batch.writeBytes(CUT_NOTICE);
      }
    }

    /** Later text goes into a new batch, sent after whatever is queued next. */
    synchronized void seal() {
      batch = null;
    }

    private void send(ByteArrayOutputStream mine) {
      long wait = MIN_SEND_INTERVAL_NANOS - (System.nanoTime() - lastSendNanos);
      if (wait > 0) {
        LockSupport.parkNanos(wait); // the cell thread keeps appending to this batch meanwhile
      }
      byte[] data;
      synchronized (this) {
        if (batch == mine) {
          batch = null;
        }
        data = mine.toByteArray();
      }
      target.write(data, 0, data.length);
      target.flush();
      lastSendNanos = System.nanoTime();
    }
  }
}
