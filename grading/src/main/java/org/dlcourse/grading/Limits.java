package org.dlcourse.grading;

import java.util.Properties;

/**
 * The resource limits of one sandboxed JVM; the same values for {@code check} and {@code grade}.
 *
 * @param testTimeoutSeconds wall-clock limit for one test (a stuck test is killed)
 * @param compileTimeoutSeconds wall-clock limit for compiling a submission
 * @param heapMb Java heap ({@code -Xmx})
 * @param offHeapMb ND4J/JavaCPP off-heap memory ({@code org.bytedeco.javacpp.maxbytes})
 * @param tmpMb size of the private {@code /tmp}
 * @param fileSizeMb largest file the process may write
 * @param processes threads and processes of the sandbox user
 * @param outputKb bytes a JVM may print in all before it is stopped
 * @param modules the JDK modules a test JVM may use ({@code --limit-modules})
 */
public record Limits(
    int testTimeoutSeconds,
    int compileTimeoutSeconds,
    int heapMb,
    int offHeapMb,
    int tmpMb,
    int fileSizeMb,
    int processes,
    int outputKb,
    String modules) {

  /** Defaults sized for small plain-Java problem sets on a 2-core machine. */
  public static Limits defaults() {
    return new Limits(10, 60, 256, 512, 64, 16, 256, 1024, "java.base,java.logging");
  }

  /** Reads {@code limits.*} keys, falling back to the defaults. */
  public static Limits from(Properties p) {
    Limits d = defaults();
    return new Limits(
        num(p, "limits.testTimeoutSeconds", d.testTimeoutSeconds),
        num(p, "limits.compileTimeoutSeconds", d.compileTimeoutSeconds),
        num(p, "limits.heapMb", d.heapMb),
        num(p, "limits.offHeapMb", d.offHeapMb),
        num(p, "limits.tmpMb", d.tmpMb),
        num(p, "limits.fileSizeMb", d.fileSizeMb),
        num(p, "limits.processes", d.processes),
        num(p, "limits.outputKb", d.outputKb),
        p.getProperty("limits.modules", d.modules).trim());
  }

  private static int num(Properties p, String key, int fallback) {
    String v = p.getProperty(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a positive integer but was '" + v + "'");
    }
  }
}
