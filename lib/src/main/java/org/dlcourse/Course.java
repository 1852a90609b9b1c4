package org.dlcourse;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Facts about the running course environment, printed by every notebook's setup cell.
 *
 * <pre>{@code
 * Course.info()  // "dlcourse 0.1.0 · ND4J CPU backend · 2 threads · Java 17 · full mode"
 * }</pre>
 */
public final class Course {

  private Course() {}

  /** The course library's version, from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = Course.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The ND4J backend in use: "CPU" or "CUDA". */
  public static String backend() {
    String name = Nd4j.getBackend().getClass().getSimpleName();
    return name.toLowerCase(Locale.ROOT).contains("cuda") ? "CUDA" : "CPU";
  }

  /** The number of threads ND4J's native code uses ({@code OMP_NUM_THREADS}). */
  public static String threads() {
    String omp = System.getenv("OMP_NUM_THREADS");
    return omp == null ? "default" : omp;
  }

  /** One line: library version, ND4J backend, threads, Java version, smoke or full mode. */
  public static String info() {
    return String.format(
        Locale.ROOT,
        "dlcourse %s · ND4J %s backend · %s threads · Java %s · %s mode",
        version(),
        backend(),
        threads(),
        Runtime.version().feature(),
        Smoke.mode());
  }
}
