package org.dlcourse.grading.runner;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Judge;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Turns JUnit events into report lines: {@code START id} and {@code END id PASS|FAIL earned/checks
 * message output records}, with message, output and the {@link Judge}'s records Base64-encoded.
 */
final class Reporter implements TestExecutionListener {
  private final SandboxMain.Channel channel;
  private final CapturedOutput captured;
  private String credit = "-";
  private String judged = "-";

  Reporter(SandboxMain.Channel channel, CapturedOutput captured) {
    this.channel = channel;
    this.captured = captured;
  }

  @Override
  public void executionStarted(TestIdentifier t) {
    idOf(t)
        .ifPresent(
            id -> {
              captured.take();
              credit = "-";
              judged = "-";
              channel.send("START " + id);
            });
  }

  @Override
  public void reportingEntryPublished(TestIdentifier t, ReportEntry entry) {
    entry
        .getKeyValuePairs()
        .forEach(
            (k, v) -> {
              credit = k.equals(Credit.Extension.REPORT_KEY) ? v : credit;
              judged = k.equals(Judge.Extension.REPORT_KEY) ? v : judged;
            });
  }

  @Override
  public void executionSkipped(TestIdentifier t, String reason) {
    idOf(t)
        .ifPresent(
            id -> {
              channel.send("START " + id);
              channel.send(
                  "END " + id + " FAIL - " + b64("skipped: " + reason) + " " + b64("") + " -");
            });
  }

  @Override
  public void executionFinished(TestIdentifier t, TestExecutionResult result) {
    Optional<String> id = idOf(t);
    if (id.isEmpty()) {
      return;
    }
    boolean pass = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
    String message = result.getThrowable().map(Reporter::describe).orElse("");
    channel.send(
        "END "
            + id.get()
            + (pass ? " PASS " : " FAIL ")
            + credit
            + " "
            + b64(message)
            + " "
            + b64(captured.take())
            + " "
            + judged);
  }

  void crash(Throwable t) {
    channel.send("CRASH " + b64(t.toString()));
  }

  void done() {
    channel.send("DONE");
  }

  private static Optional<String> idOf(TestIdentifier t) {
    if (!t.isTest()) {
      return Optional.empty();
    }
    return t.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getClassName() + "#" + m.getMethodName());
  }

  /** A one-paragraph description: the exception, its message, and the top frames. */
  private static String describe(Throwable e) {
    StringBuilder s = new StringBuilder();
    s.append(e.getClass().getName());
    if (e.getMessage() != null) {
      s.append(": ").append(e.getMessage());
    }
    StackTraceElement[] frames = e.getStackTrace();
    int shown = 0;
    for (StackTraceElement f : frames) {
      String c = f.getClassName();
      if (shown < 6
          && !c.startsWith("java.")
          && !c.startsWith("jdk.")
          && !c.startsWith("org.junit.")) {
        s.append("\n    at ").append(f);
        shown++;
      }
    }
    if (e.getCause() != null && e.getCause() != e) {
      s.append("\nCaused by: ").append(e.getCause());
    }
    String text = s.toString();
    return text.length() > 4000 ? text.substring(0, 4000) + " ..." : text;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
