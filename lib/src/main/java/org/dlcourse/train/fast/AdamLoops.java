package org.dlcourse.train.fast;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam for every updater block at once, in Java loops over {@code float[]} copies of chunks of the
 * flat gradient and of the updater state, instead of one native {@code AdamUpdater} op per block.
 * The native op is not vectorised (about 3 ns per parameter here, 44% of the MLP's fast step in a
 * JFR profile); the loop below is (about 0.5 ns per parameter). It computes what libnd4j's {@code
 * adamUpdater} computes, in float, per parameter {@code i} of a block at iteration {@code t}:
 *
 * <pre>
 * m_i = b1 m_i + (1 - b1) g_i
 * v_i = b2 v_i + (1 - b2) g_i^2
 * g_i = lr_t m_i / (sqrt(v_i) + eps),   lr_t = lr sqrt(1 - b2^(t+1)) / (1 - b1^(t+1))
 * </pre>
 *
 * The state lives where DL4J keeps it: each Adam block's slice of the updater's state array holds
 * {@code m} then {@code v} (each as long as the block). It is read before and written back after
 * every step, so DL4J's own {@code fit}, saving and a later fast step all see the same {@code m}
 * and {@code v}.
 */
final class AdamLoops {

  private static final int CHUNK = 4096; // parameters per call of step: 4 x 16 KB, in L2

  private final int[] blockIndex; // per Adam block, its index among all the updater's blocks
  private final int[] paramStart; // per block, in the flat gradient
  private final int[] length; // per block
  private final int[] stateStart; // per block, in the state array's buffer: m, then v at + length
  private final Adam[] configs;
  private final INDArray state; // the updater's whole state array
  // one chunk of the gradient (then the step), m, v and the parameters: separate arrays indexed
  // alike, so that the loop vectorises
  private final float[] g = new float[CHUNK];
  private final float[] m = new float[CHUNK];
  private final float[] v = new float[CHUNK];
  private final float[] w = new float[CHUNK];

  private AdamLoops(List<UpdaterBlock> blocks, List<Integer> adamBlocks, INDArray state) {
    int n = adamBlocks.size();
    this.blockIndex = new int[n];
    this.paramStart = new int[n];
    this.length = new int[n];
    this.stateStart = new int[n];
    this.configs = new Adam[n];
    this.state = state;
    for (int i = 0; i < n; i++) {
      UpdaterBlock block = blocks.get(adamBlocks.get(i));
      blockIndex[i] = adamBlocks.get(i);
      paramStart[i] = Math.toIntExact(block.getParamOffsetStart());
      length[i] = Math.toIntExact(block.getParamOffsetEnd() - block.getParamOffsetStart());
      // the view's first element in the state's buffer (a view at an offset has a buffer of its
      // own, derived from the state's; offset() counts from the state's first element either way)
      stateStart[i] = Math.toIntExact(block.getUpdaterView().offset());
      configs[i] = (Adam) block.getGradientUpdater().getConfig();
    }
  }

  /**
   * Loops for these blocks, or null unless every block uses DL4J's {@code AdamUpdater} (on one
   * whole FLOAT state array laid out as described above) or {@code NoOpUpdater} (its step is the
   * gradient as it is, e.g. batch norm's running statistics) and at least one is Adam; then use the
   * blocks' own updaters.
   */
  static AdamLoops forBlocks(List<UpdaterBlock> blocks, INDArray state) {
    if (state == null || !Plain.whole(state)) {
      return null;
    }
    List<Integer> adamBlocks = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      UpdaterBlock block = blocks.get(i);
      if (block.getGradientUpdater() instanceof NoOpUpdater) {
        continue; // NoOp's applyUpdater leaves the gradient as it is
      }
      INDArray view = block.getUpdaterView();
      long len = block.getParamOffsetEnd() - block.getParamOffsetStart();
      if (!(block.getGradientUpdater() instanceof AdamUpdater)
          || view == null
          || view.data() != state.data() && view.data().originalDataBuffer() != state.data()
          || view.length() != 2 * len
          || !contiguous(view)) {
        return null;
      }
      adamBlocks.add(i);
    }
    long end = 0;
    for (UpdaterBlock block : blocks) { // applyAndStep walks the gaps between Adam blocks in order
      if (block.getParamOffsetStart() < end) {
        return null;
      }
      end = block.getParamOffsetEnd();
    }
    return adamBlocks.isEmpty() ? null : new AdamLoops(blocks, adamBlocks, state);
  }

  /**
   * Replaces {@code flatGradient} ({@code [N]}, a whole FLOAT array) by Adam's step and advances
   * the state; {@code lr[i]} is the learning rate at this iteration of the updater's block i. Check
   * {@link #takes} first.
   */
  void apply(INDArray flatGradient, double[] lr, int iteration) {
    run(flatGradient, null, lr, iteration);
  }

  /**
   * As {@link #apply}, and then {@code flatParams -= step} in the same loop ({@code flatParams}
   * {@code [N]}, a whole FLOAT array): one pass over the parameters instead of a second native op.
   * {@code flatGradient} keeps the gradient (the step is not written back).
   */
  void applyAndStep(INDArray flatGradient, INDArray flatParams, double[] lr, int iteration) {
    if (!takes(flatParams) || flatParams.length() != flatGradient.length()) {
      throw new IllegalArgumentException("AdamLoops needs whole FLOAT parameter arrays");
    }
    run(flatGradient, flatParams, lr, iteration);
  }

  private void run(INDArray flatGradient, INDArray flatParams, double[] lr, int iteration) {
    if (!takes(flatGradient)) {
      throw new IllegalArgumentException("AdamLoops needs a whole FLOAT gradient array");
    }
    FloatBuffer gradientBuffer = flatGradient.data().asNioFloat();
    FloatBuffer stateBuffer = state.data().asNioFloat();
    FloatBuffer paramsBuffer = flatParams == null ? null : flatParams.data().asNioFloat();
    for (int b = 0; b < configs.length; b++) {
      Adam c = configs[b];
      float b1 = (float) c.getBeta1();
      float b2 = (float) c.getBeta2();
      float eps = (float) c.getEpsilon();
      double t = iteration + 1.0;
      float lrT =
          (float) (lr[blockIndex[b]] * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
      if (Float.isNaN(lrT) || Float.isInfinite(lrT) || lrT == 0) {
        lrT = eps; // as libnd4j does
      }
      // chunk by chunk: each chunk's g, m, v (and w) copied in, stepped, copied back while it is
      // still in the cache, so that memory sees each array once each way (whole-array copies
      // before and after the loop moved about three times the bytes: the step is memory-bound)
      for (int from = 0; from < length[b]; from += CHUNK) {
        chunk(b, from, gradientBuffer, stateBuffer, paramsBuffer, b1, b2, eps, lrT);
      }
    }
    if (paramsBuffer != null) {
      // the parameters outside every Adam block (NoOp: the step is the gradient as it is)
      stepNoOpBlocks(gradientBuffer, paramsBuffer, Math.toIntExact(flatGradient.length()));
    }
    // the buffers above are views of these arrays' memory: keep the arrays reachable until here
    Reference.reachabilityFence(flatGradient);
    Reference.reachabilityFence(flatParams);
  }

  /**
   * One chunk of block {@code b} from {@code from}: a method of its own, called dozens of times per
   * training step, so that HotSpot's invocation counters send it to C2 within the first steps
   * rather than waiting on the back-edge counter of {@link #run}'s loop (58 chunks per step for the
   * course's MLP).
   */
  private void chunk(
      int b,
      int from,
      FloatBuffer gradientBuffer,
      FloatBuffer stateBuffer,
      FloatBuffer paramsBuffer,
      float b1,
      float b2,
      float eps,
      float lrT) {
    int n = Math.min(CHUNK, length[b] - from);
    int at = paramStart[b] + from;
    int mAt = stateStart[b] + from;
    int vAt = stateStart[b] + length[b] + from;
    gradientBuffer.get(at, g, 0, n);
    stateBuffer.get(mAt, m, 0, n);
    stateBuffer.get(vAt, v, 0, n);
    if (paramsBuffer == null) {
      step(g, m, v, n, b1, b2, eps, lrT);
      gradientBuffer.put(at, g, 0, n);
    } else {
      paramsBuffer.get(at, w, 0, n);
      stepParams(g, m, v, w, n, b1, b2, eps, lrT);
      paramsBuffer.put(at, w, 0, n);
    }
    stateBuffer.put(mAt, m, 0, n);
    stateBuffer.put(vAt, v, 0, n);
  }

  /** {@code w -= g} on the parameters outside every Adam block (NoOp blocks). */
  private void stepNoOpBlocks(FloatBuffer gradient, FloatBuffer params, int numParams) {
    int next = 0; // blocks are sorted by their start in the flat array
    for (int b = 0; b <= configs.length; b++) {
      int gapEnd = b < configs.length ? paramStart[b] : numParams;
      for (int from = next; from < gapEnd; from += CHUNK) {
        int n = Math.min(CHUNK, gapEnd - from);
        gradient.get(from, g, 0, n);
        params.get(from, w, 0, n);
        for (int i = 0; i < n; i++) {
          w[i] -= g[i];
        }
        params.put(from, w, 0, n);
      }
      next = b < configs.length ? paramStart[b] + length[b] : numParams;
    }
  }

  /** Whether {@link #apply} can take this gradient: a whole FLOAT array of its own. */
  boolean takes(INDArray flatGradient) {
    return Plain.whole(flatGradient);
  }

  /** As {@link #step}, subtracting the step from {@code w} instead of storing it in {@code g}. */
  private static void stepParams(
      float[] g, float[] m, float[] v, float[] w, int n, float b1, float b2, float eps, float lrT) {
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float mi = b1 * m[i] + gi * c1;
      float vi = b2 * v[i] + gi * gi * c2;
      m[i] = mi;
      v[i] = vi;
      w[i] -= mi * lrT / ((float) Math.sqrt(vi) + eps);
    }
  }

  /** The loop itself: plain indexing of separate arrays, so that the JIT vectorises it. */
  private static void step(
      float[] g, float[] m, float[] v, int n, float b1, float b2, float eps, float lrT) {
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float mi = b1 * m[i] + gi * c1;
      float vi = b2 * v[i] + gi * gi * c2;
      m[i] = mi;
      v[i] = vi;
      g[i] = mi * lrT / ((float) Math.sqrt(vi) + eps);
    }
  }

  private static boolean contiguous(INDArray view) {
    return view.dataType() == DataType.FLOAT
        && (view.rank() == 1 || view.rank() == 2 && view.size(0) == 1)
        && view.elementWiseStride() == 1;
  }
}
