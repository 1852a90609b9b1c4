package org.dlcourse;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * Which ND4J backend and native build this JVM actually loaded: the answer {@code ./course doctor}
 * prints, taken from ND4J itself rather than from the file names on the classpath.
 *
 * <pre>
 * java -cp CLASSPATH org.dlcourse.BackendCli
 *   CPU (nd4j-native, native build linux-x86_64-onednn-avx2)
 * </pre>
 *
 * <p>Exits with 1 and the reason (and the fix, for a CPU without AVX2) when ND4J does not load.
 */
public final class BackendCli {

  private BackendCli() {}

  /** Prints {@link #describe()}; exits 0, or 1 with the reason when ND4J does not load. */
  public static void main(String[] args) {
    try {
      System.out.println(describe());
      System.exit(0);
    } catch (Throwable e) { // ND4J reports a failed native load as an Error or a RuntimeException
      System.out.println(reason(e));
      System.exit(1);
    }
  }

  /** One line, e.g. "CPU (nd4j-native, native build linux-x86_64-onednn-avx2)"; loads ND4J. */
  public static String describe() {
    String backend = Course.backend();
    String artifact = backend.equals("CUDA") ? "nd4j-cuda" : "nd4j-native";
    return backend
        + " ("
        + artifact
        + ", native build "
        + nativeBuild(Loader.getLoadedLibraries())
        + ")";
  }

  /**
   * The platform folder of the loaded ND4J library, e.g. "linux-x86_64-onednn-avx2": JavaCPP
   * unpacks {@code .../bindings/<platform><extension>/libnd4jcpu.so} (or nd4jcuda) and records its
   * path.
   */
  static String nativeBuild(Map<String, String> loaded) {
    for (String path : loaded.values()) {
      if (path == null) {
        continue;
      }
      Path file = Path.of(path);
      Path dir = file.getParent();
      if (dir != null && file.getFileName().toString().toLowerCase(Locale.ROOT).contains("nd4j")) {
        return dir.getFileName().toString();
      }
    }
    return "unknown";
  }

  /** Why ND4J did not load, with the fix when the cause is known. */
  static String reason(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    String all = text.toString();
    String fix =
        all.contains("AVX2") || all.contains("CPU Feature Check")
            ? " Fix: this CPU lacks AVX2; ./course build picks the plain OpenBLAS build on such CPUs."
            : " Fix: ./course build, then see README Troubleshooting.";
    return "ND4J did not load: " + all.substring(0, all.length() - 3) + "." + fix;
  }
}
