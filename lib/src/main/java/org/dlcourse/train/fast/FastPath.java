package org.dlcourse.train.fast;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether a network trains on the fast dense path, and the switch that turns the path off.
 *
 * <p>The path applies to a {@code MultiLayerNetwork} of dense layers (ReLU, leaky ReLU, sigmoid,
 * tanh or identity) and a softmax output layer with cross-entropy loss, in float32, trained with
 * SGD, Nesterov momentum, Adam or RMSProp (any learning-rate schedule), optionally with L2 or
 * weight decay and DL4J's {@code Dropout} with a fixed retain probability on any layer's input
 * (drawn with DL4J's own random op, see {@code InputDropout}), and without training listeners. A
 * network that starts with convolution blocks (ReLU convolution, stride 1, optional batch norm, 2x2
 * max pooling; see {@code ConvSupport}) before such dense layers takes the fast convolutional path
 * ({@link ConvStepper}). Everything else (dropout schedules, Gaussian/alpha/spatial dropout, other
 * layers or losses, gradient normalisation, masks, ...) trains with DL4J's own {@code fit}.
 */
public final class FastPath {

  /** The system property that switches the path off when {@code false}. */
  public static final String PROPERTY = "dlcourse.fastpath";

  /** The environment variable read when the system property is not set. */
  public static final String ENV = "DLCOURSE_FASTPATH";

  /**
   * A training listener that only measures what the fast path returns itself (a step's loss and
   * accuracy, e.g. the trainer's per-batch metrics): {@code Model.fastStep}, whose caller gets
   * those numbers, may take the step with it attached; {@code Model.fit} still goes to DL4J's path.
   */
  public interface MeasuringListener {}

  private static final AtomicLong STEPS = new AtomicLong();

  private FastPath() {}

  /** The number of steps the fast path has taken in this JVM (for tests and diagnostics). */
  public static long stepsTaken() {
    return STEPS.get();
  }

  static void countStep() {
    STEPS.incrementAndGet();
  }

  /** Whether the path is switched on (the default; {@code false}, {@code off} or {@code 0} off). */
  public static boolean enabled() {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      value = System.getenv(ENV);
    }
    if (value == null) {
      return true;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return !(v.equals("false") || v.equals("off") || v.equals("0") || v.equals("no"));
  }

  /**
   * Why {@code network} trains with DL4J's {@code fit} rather than the fast path, or null when the
   * fast path takes its steps. Any attached training listener sends training to DL4J's {@code fit}
   * (which calls listeners; the fast path does not).
   */
  public static String whyNot(MultiLayerNetwork network) {
    return whyNot(network, false);
  }

  /**
   * As {@link #whyNot(MultiLayerNetwork)}, but a caller that takes the step's loss and accuracy
   * from the fast path itself (the trainer) may leave {@link MeasuringListener}s attached.
   */
  public static String whyNotWhenMeasured(MultiLayerNetwork network) {
    return whyNot(network, true);
  }

  /**
   * Whether ND4J runs on its CPU backend, where an array's buffer is host memory that Java may read
   * and write in bulk ({@code asNioFloat}) and hand to OpenBLAS; on the CUDA backend it is a host
   * mirror of device memory that such writes would not reach.
   */
  static boolean cpuBackend() {
    return Nd4j.getBackend().getClass().getName().startsWith("org.nd4j.linalg.cpu.");
  }

  private static String whyNot(MultiLayerNetwork network, boolean measured) {
    if (!enabled()) {
      return "the fast path is switched off (" + PROPERTY + "=false or " + ENV + "=false)";
    }
    for (TrainingListener listener : network.getListeners()) {
      if (!(measured && listener instanceof MeasuringListener)) {
        return "a training listener is attached ("
            + listener.getClass().getSimpleName()
            + "); DL4J's fit calls listeners, the fast path does not";
      }
    }
    if (!cpuBackend()) {
      return "ND4J runs on "
          + Nd4j.getBackend().getClass().getSimpleName()
          + "; the fast paths read and write arrays in host memory, on the CPU backend only";
    }
    String wrapped = ConvSupport.wrappedLayerWhyNot(network); // e.g. frozen: neither path has it
    if (wrapped != null) {
      return wrapped;
    }
    String dense = DenseSupport.whyNot(network);
    if (dense == null || !ConvSupport.isConvolutional(network)) {
      return dense;
    }
    return ConvSupport.whyNot(network); // a network that starts with a convolution
  }

  /** One training step on a fast path: {score, accuracy, cross-entropy}, or null (use fit). */
  public interface Stepper {
    double[] step(DataSet minibatch);
  }

  /**
   * The fast path's stepper for {@code network} ({@link DenseStepper} or {@link ConvStepper}),
   * whose {@code step} returns null where a minibatch is not one it takes.
   *
   * @throws IllegalArgumentException if neither implements the network (see {@link #whyNot})
   */
  public static Stepper stepper(MultiLayerNetwork network) {
    if (ConvSupport.wrappedLayerWhyNot(network) == null && DenseSupport.whyNot(network) == null) {
      return DenseStepper.of(network)::step;
    }
    return ConvStepper.of(network)::step;
  }

  /** A one-line description of the path {@code network} trains on, for printing. */
  public static String describe(MultiLayerNetwork network) {
    String why = whyNot(network);
    if (why != null) {
      return "DL4J fit (" + why + ")";
    }
    return DenseSupport.whyNot(network) == null ? "fast dense path" : "fast convolutional path";
  }
}
