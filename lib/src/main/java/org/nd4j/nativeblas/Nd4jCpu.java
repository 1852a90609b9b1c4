package org.nd4j.nativeblas;

/**
 * A bridge at the class name DL4J 1.0.0-M2.1 still asks for, so that its oneDNN layer helpers
 * (convolution, subsampling, batch normalization, LRN) can switch on.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} looks up {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but M2.1
 * ships that binding as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with the
 * method {@code isUseONEDNN()}. The lookup fails, and DL4J falls back to its slower built-in
 * implementations. This class answers the old question with the new binding's answer; it is read by
 * reflection only and does nothing else. See {@code org.dlcourse.Speed}.
 */
public final class Nd4jCpu {

  private Nd4jCpu() {}

  /** The old name of the native environment; only {@link #isUseMKLDNN()} is provided. */
  public static final class Environment {

    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** The single instance, as in the native binding. */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Whether the native library was built with oneDNN (the {@code -onednn} classifiers of
     * nd4j-native) and uses it; false for the plain OpenBLAS build or another backend.
     */
    public boolean isUseMKLDNN() {
      try {
        Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        Object instance = env.getMethod("getInstance").invoke(null);
        return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return false; // not the CPU backend, or an older/newer binding: DL4J's own code then
      }
    }
  }
}
