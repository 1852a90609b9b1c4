package org.dlcourse.grading.problemset;

import java.util.Properties;

/**
 * The resource limits of one sandboxed JVM; the same values for {@code check} and {@code grade}.
 *
 * @param testTimeoutSeconds wall-clock limit for one test (a stuck test is killed)
 * @param compileTimeoutSeconds wall-clock limit for compiling a submission
 * @param heapMb Java heap ({@code -Xmx})
 * @param offHeapMb ND4J/JavaCPP off-heap memory ({@code org.bytedeco.javacpp.maxbytes})
 * @param tmpMb size of a private writable {@code /tmp}; 0 (the default) gives the sandbox no
 *     writable path at all, so it cannot hold a native library to load
 * @param fileSizeMb largest file the process may write
 * @param processes threads and processes of the sandbox user
 * @param threads {@code OMP_NUM_THREADS} of a test JVM (ND4J's native thread pool), every mode
 * @param outputKb bytes a JVM may print in all before it is stopped
 * @param modules the JDK modules a test JVM may use ({@code --limit-modules}); {@code ALL-DEFAULT}
 *     (the default of {@code uses=course-library} problem sets) keeps the JDK's default module
 *     graph and no {@code --limit-modules}, which lets test JVMs use the class-data sharing archive
 */
public record Limits(
    int testTimeoutSeconds,
    int compileTimeoutSeconds,
    int heapMb,
    int offHeapMb,
    int tmpMb,
    int fileSizeMb,
    int processes,
    int threads,
    int outputKb,
    String modules) {

  /** The {@code limits.modules} value that keeps the JDK's default module graph. */
  public static final String ALL_DEFAULT = "ALL-DEFAULT";

  /** Defaults sized for small plain-Java problem sets on a 2-core machine. */
  public static Limits defaults() {
    return new Limits(10, 60, 256, 512, 0, 16, 256, 1, 1024, "java.base,java.logging");
  }

  /**
   * Defaults of a problem set that uses the course library (ND4J needs {@code jdk.unsupported}, so
   * its tests must all be judged; see grading/README.md): more time and heap, all default modules.
   */
  public static Limits libraryDefaults() {
    return new Limits(60, 60, 512, 512, 0, 16, 256, 1, 1024, ALL_DEFAULT);
  }

  /** Reads {@code limits.*} keys, falling back to the defaults of plain or library sets. */
  public static Limits from(Properties p) {
    Limits d = ProblemSet.usesLibrary(p) ? libraryDefaults() : defaults();
    return new Limits(
        num(p, "limits.testTimeoutSeconds", d.testTimeoutSeconds),
        num(p, "limits.compileTimeoutSeconds", d.compileTimeoutSeconds),
        num(p, "limits.heapMb", d.heapMb),
        num(p, "limits.offHeapMb", d.offHeapMb),
        num(p, "limits.tmpMb", d.tmpMb, 0),
        num(p, "limits.fileSizeMb", d.fileSizeMb),
        num(p, "limits.processes", d.processes),
        num(p, "limits.threads", d.threads),
        num(p, "limits.outputKb", d.outputKb),
        p.getProperty("limits.modules", d.modules).trim());
  }

  /**
   * Modules that give code raw access to the JVM's memory or to other JVMs ({@code
   * sun.misc.Unsafe}, attach, debugging, agents, heap dumps): with them, student code could read
   * and forge what the test JVM reports, so the grader refuses them (see grading/README.md, "Threat
   * model").
   */
  static final java.util.Set<String> RAW_MEMORY_MODULES =
      java.util.Set.of(
          "jdk.unsupported",
          "jdk.attach",
          "jdk.jdi",
          "jdk.jdwp.agent",
          "jdk.hotspot.agent",
          "java.instrument",
          "java.management",
          "jdk.management",
          "jdk.management.agent",
          "java.se",
          "ALL-SYSTEM",
          ALL_DEFAULT,
          "ALL-MODULE-PATH");

  /** Extra JVM memory besides heap and off-heap: metaspace, code cache, GC, the JVM itself. */
  static final int JVM_OVERHEAD_MB = 128 + 32 + 64;

  /**
   * The most memory one sandboxed test JVM can hold: heap, direct buffers, JavaCPP off-heap,
   * metaspace and code cache (capped by flags), one 1 MiB stack per allowed thread, and its tmpfs.
   */
  public long sandboxMb() {
    return (long) heapMb + 64 + offHeapMb + JVM_OVERHEAD_MB + processes + tmpMb;
  }

  /** These limits with another largest file (the class-data sharing archive is ~20 MB). */
  public Limits withFileSizeMb(int mb) {
    return new Limits(
        testTimeoutSeconds,
        compileTimeoutSeconds,
        heapMb,
        offHeapMb,
        tmpMb,
        mb,
        processes,
        threads,
        outputKb,
        modules);
  }

  /** Whether test JVMs keep the default module graph (no {@code --limit-modules}). */
  public boolean allModules() {
    return ALL_DEFAULT.equals(modules);
  }

  /** What javac needs in a sandbox ({@code -J-Xmx384m} plus the JVM itself). */
  static final int COMPILER_MB = 640;

  /**
   * The memory one job slot may hold at once: a test JVM ({@link #sandboxMb}) or the sandboxed
   * javac, whichever needs more. {@code grade --jobs N} checks {@code N × slotMb} against the
   * machine, and the slot's memory cgroup (when the grader can make one) enforces it.
   */
  public long slotMb() {
    return Math.max(sandboxMb(), COMPILER_MB);
  }

  /** The first granted module that hands code raw memory access, or null. */
  public String rawMemoryModule() {
    for (String m : modules.split(",")) {
      if (RAW_MEMORY_MODULES.contains(m.trim())) {
        return m.trim();
      }
    }
    return null;
  }

  private static int num(Properties p, String key, int fallback) {
    return num(p, key, fallback, 1);
  }

  private static int num(Properties p, String key, int fallback, int min) {
    String v = p.getProperty(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be an integer >= " + min + " but was '" + v + "'");
    }
  }
}
