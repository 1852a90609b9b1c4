package org.dlcourse.grading.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The program the grader starts inside the sandbox: runs the named tests and reports each outcome.
 *
 * <p>Arguments are test ids ({@code pkg.Class#method}). Standard input carries one line, the run's
 * nonce; it is read and the input closed before any test class loads, and the nonce lives only in
 * objects that no test or student code can reach. Every report line starts with the nonce, so lines
 * printed by student code (which has no nonce) are ignored by the grader. This program reports
 * outcomes only; the points come from the grader's manifest.
 */
public final class SandboxMain {
  private SandboxMain() {}

  /** Runs the tests named in {@code args} and exits. */
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    String nonce = in.readLine();
    in.close();
    System.setIn(new ByteArrayInputStream(new byte[0]));
    if (nonce == null || nonce.length() < 16) {
      System.err.println("SandboxMain: expected a nonce on standard input");
      Runtime.getRuntime().halt(2);
    }
    // The report channel is the real standard output; System.out and System.err become bounded
    // buffers, so student output cannot interleave with report lines written by this runner.
    PrintStream channel =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    CapturedOutput captured = new CapturedOutput(16 * 1024);
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);

    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String id : args) {
      selectors.add(selectorFor(id));
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
            .build();
    Launcher launcher = LauncherFactory.create();
    Reporter reporter = new Reporter(new Channel(channel, nonce), captured);
    try {
      launcher.execute(request, reporter);
    } catch (Throwable t) {
      // JUnit rethrows errors it cannot recover from (OutOfMemoryError); report, then stop.
      reporter.crash(t);
      Runtime.getRuntime().halt(1);
    }
    reporter.done();
    // Leftover threads (a student's busy or deadlocked thread) must not keep the JVM alive.
    Runtime.getRuntime().halt(0);
  }

  private static DiscoverySelector selectorFor(String id) throws ClassNotFoundException {
    int hash = id.indexOf('#');
    Class<?> type = Class.forName(id.substring(0, hash), false, SandboxMain.class.getClassLoader());
    String name = id.substring(hash + 1);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return DiscoverySelectors.selectMethod(type, m);
      }
    }
    throw new IllegalArgumentException("no test method " + id);
  }

  /** Writes nonce-prefixed lines; held only by the reporter. */
  static final class Channel {
    private final PrintStream out;
    private final String nonce;

    Channel(PrintStream out, String nonce) {
      this.out = out;
      this.nonce = nonce;
    }

    synchronized void send(String line) {
      out.print(nonce + " " + line + "\n");
      out.flush();
    }
  }
}
