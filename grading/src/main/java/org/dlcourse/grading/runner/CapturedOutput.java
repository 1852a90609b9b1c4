package org.dlcourse.grading.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A bounded sink for what a test prints: keeps the first bytes and counts the rest. */
final class CapturedOutput extends OutputStream {
  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long dropped;

  CapturedOutput(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < limit) {
      kept.write(b);
    } else {
      dropped++;
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int room = Math.max(0, Math.min(len, limit - kept.size()));
    kept.write(b, off, room);
    dropped += len - room;
  }

  /** Returns what was printed since the last call and starts afresh. */
  synchronized String take() {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (dropped > 0) {
      text += "\n... (" + dropped + " more bytes of output dropped)";
    }
    kept.reset();
    dropped = 0;
    return text;
  }
}
