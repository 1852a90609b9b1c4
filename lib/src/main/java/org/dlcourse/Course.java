package org.dlcourse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Facts about the running course environment, printed by every notebook's setup cell, and a probe
 * that the native backend works.
 *
 * <pre>{@code
 * Course.info()          // "dlcourse 0.1.0 · ND4J CPU backend · 2 threads · Java 17 · full mode"
 * Course.checkBackend()  // which native build loaded, and a matrix product checked against Java
 * }</pre>
 */
public final class Course {

  // [m, k] x [k, n]: small enough to be instant, k large enough that rounding shows
  private static final int M = 64;
  private static final int K = 96;
  private static final int N = 48;
  // float32 keeps ~7 significant digits: entries are sums of K = 96 products of values in [-1, 1]
  // (magnitude up to ~10), so rounding leaves differences of ~1e-6 (4.6e-6 measured on the
  // oneDNN build); 1e-4 leaves room for another BLAS yet catches any wrong entry
  private static final double TOLERANCE = 1e-4;

  private Course() {}

  /** The course library's version, from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = Course.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The ND4J backend in use: "CPU" or "CUDA" (another backend: its class name). */
  public static String backend() {
    String name = Nd4j.getBackend().getClass().getSimpleName();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("cuda")) {
      return "CUDA";
    }
    return lower.contains("cpu") ? "CPU" : name;
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

  /**
   * Probes the backend for real: multiplies two random matrices {@code [64, 96] x [96, 48]} with
   * ND4J and with a plain-Java triple loop and compares, and reads which native build is loaded
   * (from JavaCPP's loaded libraries) against the build the course was compiled for.
   */
  public static BackendCheck checkBackend() {
    Random random = new Random(Seed.base());
    double[][] a = randomMatrix(random, M, K);
    double[][] b = randomMatrix(random, K, N);
    INDArray product =
        Nd4j.create(a).castTo(DataType.FLOAT).mmul(Nd4j.create(b).castTo(DataType.FLOAT));
    double maxError =
        maxDifference(product.castTo(DataType.DOUBLE).toDoubleMatrix(), multiply(a, b));
    return new BackendCheck(
        backend(),
        loadedBuild(),
        expectedBuild(),
        org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN(),
        new int[] {M, K, N},
        maxError,
        TOLERANCE);
  }

  /**
   * The native build whose ND4J library JavaCPP loaded, e.g. {@code linux-x86_64-onednn-avx2}: the
   * folder the library was unpacked from ({@code .../bindings/<build>/libjnind4jcpu.so}).
   */
  static String loadedBuild() {
    Nd4j.getBackend(); // loads the native library if nothing has yet
    for (Map.Entry<String, String> lib :
        org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
      String path = lib.getValue() == null ? "" : lib.getValue().replace('\\', '/');
      if (path.contains("jnind4j")) {
        String folder = path.substring(0, path.lastIndexOf('/'));
        return folder.substring(folder.lastIndexOf('/') + 1);
      }
    }
    return "none found";
  }

  /** The {@code nd4j.classifier} recorded when the library was built ("unknown" without one). */
  static String expectedBuild() {
    Properties properties = new Properties();
    try (InputStream in = Course.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    String classifier = properties.getProperty("nd4j.classifier", "unknown");
    return classifier.startsWith("${") ? "unknown (build.properties was not filtered)" : classifier;
  }

  private static double[][] randomMatrix(Random random, int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = (float) (2 * random.nextDouble() - 1); // exactly representable in float32
      }
    }
    return m;
  }

  /** The textbook product {@code C[i][j] = sum_k A[i][k] B[k][j]}, in double precision. */
  static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        double sum = 0;
        for (int k = 0; k < b.length; k++) {
          sum += a[i][k] * b[k][j];
        }
        c[i][j] = sum;
      }
    }
    return c;
  }

  static double maxDifference(double[][] x, double[][] y) {
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        double d = Math.abs(x[i][j] - y[i][j]);
        max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
        if (Double.isNaN(max)) {
          return max;
        }
      }
    }
    return max;
  }
}
