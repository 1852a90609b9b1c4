package org.dlcourse.grading.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.sandbox.Scratch;

/**
 * Runs a list of tests in sandboxed JVMs and collects one {@link Outcome} per test.
 *
 * <p>Each JVM gets a fresh random nonce on standard input; only lines that start with it count. The
 * grader times every test: a test that runs past the limit, or whose JVM dies, fails with the
 * reason, and a new JVM runs the tests not yet run. A JVM that starts no test ends the session
 * (every remaining test fails with the reason), so a session always ends.
 */
public final class TestSession {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_STARTUP_SECONDS = 30;

  private final Sandbox sandbox;
  private final Limits limits;
  private final List<String> classpath;
  private final List<String> flags;

  /**
   * @param sandbox a sandbox whose binds already hold every classpath entry
   * @param limits the limits (time per test, output)
   * @param classpath the classpath as seen inside the sandbox
   * @param flags JVM flags besides the sandbox's own (the course library's natives, archive)
   */
  TestSession(Sandbox sandbox, Limits limits, List<String> classpath, List<String> flags) {
    this.sandbox = sandbox;
    this.limits = limits;
    this.classpath = classpath;
    this.flags = flags;
  }

  /** Runs the tests; returns an outcome for each id, in the given order. */
  Map<String, Outcome> run(List<String> ids) throws IOException, InterruptedException {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Set<String> remaining = new LinkedHashSet<>(ids);
    while (!remaining.isEmpty()) {
      int before = remaining.size();
      String problem = runOnce(new ArrayList<>(remaining), outcomes);
      remaining.removeAll(outcomes.keySet());
      if (!remaining.isEmpty() && remaining.size() == before) {
        String why = problem == null ? "the test JVM ended without running this test" : problem;
        for (String id : remaining) {
          outcomes.put(id, Outcome.failed(why));
        }
        remaining.clear();
      }
    }
    Map<String, Outcome> ordered = new LinkedHashMap<>();
    ids.forEach(id -> ordered.put(id, outcomes.get(id)));
    return ordered;
  }

  /**
   * How long a JVM may take to start a test (start-up, or between tests): 30 s, or the test time
   * limit when that is longer (a DL4J test JVM loads ND4J's natives and the dataset first).
   */
  private int startupSeconds() {
    return Math.max(MIN_STARTUP_SECONDS, limits.testTimeoutSeconds());
  }

  /** Runs one JVM; records outcomes; returns why it stopped early (null when it finished). */
  private String runOnce(List<String> ids, Map<String, Outcome> outcomes)
      throws IOException, InterruptedException {
    // A fresh noexec /tmp for this JVM when the problem set has one (opened before the flags,
    // which name it outside bubblewrap).
    try (Scratch tmp = sandbox.openScratch()) {
      String nonce = HexFormat.of().formatHex(bytes());
      List<String> program = new ArrayList<>();
      program.add(sandbox.javaBin() + "java");
      program.addAll(sandbox.jvmFlags());
      program.addAll(flags);
      program.add("-cp");
      program.add(String.join(":", classpath));
      program.add("org.dlcourse.grading.runner.SandboxMain");
      program.addAll(ids);
      int wall = startupSeconds() + ids.size() * (limits.testTimeoutSeconds() + 2);
      return runJvm(ids, outcomes, program, nonce, wall);
    }
  }

  /** Starts one test JVM and reads its reports (see {@link #runOnce}). */
  private String runJvm(
      List<String> ids, Map<String, Outcome> outcomes, List<String> program, String nonce, int wall)
      throws IOException, InterruptedException {
    Process p =
        sandbox
            .environment(new ProcessBuilder(sandbox.command(program, wall)))
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // the JVM died at once; the reader below sees the end
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    long[] bytes = {0};
    StringBuilder noise = new StringBuilder();
    Thread reader = new Thread(() -> read(p.getInputStream(), lines, bytes, noise, nonce));
    reader.setDaemon(true);
    reader.start();

    Set<String> wanted = new LinkedHashSet<>(ids);
    String running = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startupSeconds());
    String stop = null;
    boolean ended = false;
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        stop =
            running == null
                ? "the test JVM did not start a test within " + startupSeconds() + " s"
                : "timed out after "
                    + limits.testTimeoutSeconds()
                    + " s (an infinite loop, a deadlock, or too slow)";
        break;
      }
      if (line.equals(EOF)) {
        stop = null;
        ended = true;
        break;
      }
      if (line.equals(FLOOD)) {
        stop =
            "printed more than "
                + limits.outputKb()
                + " KB; the test JVM was stopped (remove print statements in loops)";
        break;
      }
      String[] f = line.split(" ", -1);
      if (f[0].equals("START") && f.length == 2 && running == null && wanted.contains(f[1])) {
        running = f[1];
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.testTimeoutSeconds());
      } else if (f[0].equals("END") && f.length == 7 && f[1].equals(running)) {
        outcomes.put(running, parseEnd(f));
        wanted.remove(running);
        running = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startupSeconds());
      } else if (f[0].equals("CRASH") && f.length == 2 && running != null) {
        stop = "the test stopped the test JVM: " + decode(f[1]);
        break;
      } else if (f[0].equals("DONE") && running == null) {
        stop = null;
        break;
      } else {
        // A well-formed nonce with a line out of order means the channel was tampered with.
        stop = "the test run reported out of order; the test JVM was stopped";
        break;
      }
    }
    int status = reap(p, ended);
    reader.join(2000);
    if (running != null && !outcomes.containsKey(running)) {
      String why = stop != null ? stop : death(status, noise.toString());
      outcomes.put(running, Outcome.failed(why));
      return why;
    }
    if (stop != null) {
      return stop;
    }
    if (wanted.isEmpty()) {
      return null;
    }
    return wanted.size() == ids.size()
        ? "the test JVM could not run the tests: " + death(status, noise.toString())
        : death(status, noise.toString());
  }

  private static Outcome parseEnd(String[] f) {
    boolean pass = f[2].equals("PASS");
    int checksPassed = -1;
    if (f[3].matches("\\d{1,6}/\\d{1,6}")) {
      // Only the passed count is used; the denominator is the manifest's declared checks.
      checksPassed = Integer.parseInt(f[3].substring(0, f[3].indexOf('/')));
    }
    return new Outcome(pass, checksPassed, decode(f[4]), decode(f[5]), f[6]);
  }

  /** Explains why a JVM ended during a test, from its exit status and stray output. */
  static String death(int status, String noise) {
    String tail = noise.length() > 600 ? noise.substring(noise.length() - 600) : noise;
    if (tail.contains("OutOfMemoryError")) {
      String kind = tail.contains("native thread") ? " (too many threads)" : "";
      return "ran out of memory" + kind + ": the test JVM stopped. " + tail.strip();
    }
    if (status == 137 || status == 128 + 9) {
      return "killed (time or resource limit)";
    }
    if (status == 128 + 25 || status == 153) {
      return "wrote a file larger than the limit; the test JVM was stopped";
    }
    return "the test JVM exited with status "
        + status
        + " during this test (System.exit, Runtime.halt or a crash; submissions must not exit)"
        + (tail.isBlank() ? "" : ". Output: " + tail.strip());
  }

  private static final String EOF = "\u0000EOF";
  private static final String FLOOD = "\u0000FLOOD";

  private void read(
      InputStream in,
      BlockingQueue<String> lines,
      long[] bytes,
      StringBuilder noise,
      String nonce) {
    String prefix = nonce + " ";
    long cap = (long) limits.outputKb() * 1024;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = readBounded(r, 1 << 20)) != null) {
        bytes[0] += line.length() + 1;
        if (line.startsWith(prefix)) {
          lines.add(line.substring(prefix.length()));
        } else {
          synchronized (noise) {
            noise.append(line, 0, Math.min(line.length(), 300)).append('\n');
            if (noise.length() > 4000) {
              noise.delete(0, noise.length() - 2000);
            }
          }
          if (bytes[0] > cap) {
            lines.add(FLOOD);
            return;
          }
        }
      }
    } catch (IOException e) {
      // the process was killed
    }
    lines.add(EOF);
  }

  /** Reads a line, cutting lines longer than {@code max} characters into pieces. */
  private static String readBounded(BufferedReader r, int max) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = r.read()) != -1) {
      if (c == '\n') {
        return s.toString();
      }
      s.append((char) c);
      if (s.length() >= max) {
        return s.toString();
      }
    }
    return s.length() == 0 ? null : s.toString();
  }

  /**
   * The exit status of a test JVM whose reports have ended. After end of output ({@code ended}) the
   * process is let finish by itself first: the outermost wrapper ({@code timeout}) closes its
   * output in an exit handler just before it exits, so killing it at end of output would replace
   * the real status (0 for {@code System.exit(0)}) with 137 on a busy machine. Every other way out
   * (a time limit, a flood, a crash report, done) kills at once.
   */
  static int reap(Process p, boolean ended) throws InterruptedException {
    return reap(p, ended, EXIT_GRACE_SECONDS);
  }

  static int reap(Process p, boolean ended, int graceSeconds) throws InterruptedException {
    if (ended) {
      p.waitFor(graceSeconds, TimeUnit.SECONDS);
    }
    kill(p);
    return p.exitValue();
  }

  /** How long a process whose output has ended may take to exit before it is killed. */
  static final int EXIT_GRACE_SECONDS = 10;

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private static String decode(String b64) {
    try {
      return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static byte[] bytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Host paths of the grader's own classes and JUnit, for the sandboxed classpath. */
  public static List<Path> runnerClasspath() {
    List<Path> cp = new ArrayList<>();
    for (Class<?> c :
        List.of(
            Points.class,
            org.junit.jupiter.api.Test.class,
            org.junit.jupiter.engine.JupiterTestEngine.class,
            org.junit.platform.launcher.Launcher.class,
            org.junit.platform.engine.TestEngine.class,
            org.junit.platform.commons.util.ReflectionUtils.class,
            org.opentest4j.AssertionFailedError.class,
            org.apiguardian.api.API.class)) {
      try {
        Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!cp.contains(p)) {
          cp.add(p);
        }
      } catch (java.net.URISyntaxException | NullPointerException e) {
        throw new IllegalStateException("cannot locate the jar of " + c.getName(), e);
      }
    }
    return cp;
  }
}
