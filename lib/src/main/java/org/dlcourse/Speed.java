package org.dlcourse;

import java.util.Locale;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Switches on the fast path of DL4J 1.0.0-M2.1 that the release ships disabled, and reports it.
 *
 * <p>DL4J has oneDNN implementations ("helpers") of its convolution, pooling, batch-normalization
 * and LRN layers, but M2.1 creates them only when the system property {@value #HELPERS_PROPERTY} is
 * {@code false} (its default is {@code true}) and when a class check succeeds that the release
 * broke (see {@code org.nd4j.nativeblas.Nd4jCpu}, the bridge the course library ships). With the
 * {@code linux-x86_64-onednn-avx2} native build of ND4J (the course default, parent POM property
 * {@code nd4j.classifier}) both are fixed, and LeNet trained about twice as fast as without the
 * helpers at the same thread count (bench/RESULTS.md). The helpers compute the same functions;
 * {@code SpeedTests} compares both paths.
 *
 * <p>The course library calls {@link #enableHelpers()} before it builds a network; call it yourself
 * before {@code new MultiLayerNetwork(conf).init()} for a hand-built DL4J network. To force the
 * plain path, start the JVM with {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true}: an
 * explicit setting is never overridden.
 */
public final class Speed {

  /** DL4J's switch for its layer helpers; {@code true} (DL4J's default) disables them. */
  public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  /**
   * Workspace mode of the course's convolutional networks ({@code ConvBlocks.settings}): DL4J's
   * default, reusing activation memory between minibatches (measured in bench/CNN-OPTIONS.md).
   */
  public static final WorkspaceMode CONV_WORKSPACE = WorkspaceMode.ENABLED;

  /** Cache mode of the course's convolutional networks (measured in bench/CNN-OPTIONS.md). */
  public static final CacheMode CONV_CACHE = CacheMode.NONE;

  private Speed() {}

  /**
   * Allows DL4J's layer helpers unless the JVM was started with {@value #HELPERS_PROPERTY} set.
   * Idempotent and cheap; affects layers created afterwards.
   */
  public static void enableHelpers() {
    if (System.getProperty(HELPERS_PROPERTY) == null) {
      System.setProperty(HELPERS_PROPERTY, "false");
    }
  }

  /**
   * Whether new convolution/pooling layers will use oneDNN (helpers allowed and oneDNN built in).
   */
  public static boolean helpersActive() {
    if (Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"))) {
      return false;
    }
    try {
      return org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Sets the number of threads ND4J's native code uses from now on (its own thread pool and
   * OpenBLAS). The kernel's default comes from {@code OMP_NUM_THREADS}, which is fixed when the JVM
   * starts, and this call only partly replaces it (measured in bench/RESULTS.md): set the kernel's
   * thread count with {@code OMP_NUM_THREADS} when installing the kernelspec.
   */
  public static void threads(int numThreads) {
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be >= 1 but was " + numThreads);
    }
    Nd4j.getEnvironment().setMaxMasterThreads(numThreads);
    Nd4j.getEnvironment().setMaxThreads(numThreads);
    Nd4j.factory().blas().setMaxThreads(numThreads);
  }

  /** One line, e.g. {@code "oneDNN layer helpers on · 2 threads"}. */
  public static String info() {
    return String.format(
        Locale.ROOT,
        "oneDNN layer helpers %s · %d threads",
        helpersActive() ? "on" : "off",
        Nd4j.getEnvironment().maxMasterThreads());
  }
}
