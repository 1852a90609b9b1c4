import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Seed;
import org.dlcourse.Speed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.models.Cnns;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Does a hand-written training step (im2col + GEMM, Java loops for the element-wise parts) beat
 * DL4J's convolution layers for notebook 01's small CNN? Run by {@code bench/conv-step}; results in
 * bench/CONV-STEP.md.
 *
 * <p>The network, exactly as {@code Cnns.builder().filters(16, 32).filterSize(3).padding(1)
 * .batchNorm(true).dense(128).learningRate(2e-3)} builds it (ConvBlocks: the convolution layer
 * carries the ReLU, the batch-norm layer has no activation, so the order is conv -> ReLU -> BN ->
 * pool, not conv -> BN -> ReLU):
 *
 * <pre>
 * x [b, 1, 28, 28]
 *  -conv 3x3 pad 1 (W1 [16, 1, 3, 3], b1 [16]), ReLU      -> a1 [b, 16, 28, 28]
 *  -batch norm (gamma1, beta1 [16]; batch statistics)      -> y1 [b, 16, 28, 28]
 *  -max pool 2x2 stride 2                                  -> p1 [b, 16, 14, 14]
 *  -conv 3x3 pad 1 (W2 [32, 16, 3, 3], b2 [32]), ReLU      -> a2 [b, 32, 14, 14]
 *  -batch norm (gamma2, beta2 [32])                        -> y2 [b, 32, 14, 14]
 *  -max pool 2x2                                           -> p2 [b, 32, 7, 7] = A [b, 1568]
 *  -dense (W3 [1568, 128], b3 [128]), ReLU                 -> h3 [b, 128]
 *  -dense (W4 [128, 10], b4 [10]), softmax                 -> p  [b, 10]
 * loss = -(1/b) sum_n sum_k y log p;  Adam (lr 2e-3, beta1 0.9, beta2 0.999, eps 1e-8)
 * </pre>
 *
 * <p>The hand-written step ({@link HandCnn}) keeps every activation "channel-major", {@code [C, b,
 * H, W]} (CNHW), because then a convolution is ONE matrix product with no transposes: {@code Z [F,
 * b*H*W] = W [F, C*9] . col [C*9, b*H*W]}, whose rows are the channels, so batch norm works on
 * contiguous rows and the output is the next layer's CNHW input. Matrix products run in ND4J
 * ({@code Nd4j.gemm} into preallocated arrays); everything element-wise (im2col, col2im, bias, ReLU,
 * batch norm, pooling, softmax) runs as plain Java loops over {@code float[]} mirrors that are
 * copied in bulk to and from the native arrays (the house trick of GruPass/NativeRows: each native
 * op costs a fixed ~20-110 us here, a Java loop over a few hundred thousand floats costs about as
 * much). Parameters, gradient and Adam state are flat {@code [N]} arrays laid out exactly like
 * {@code network.params()}, so one Adam op updates them all, and the DL4J network's parameters can
 * be copied in and compared segment by segment.
 *
 * <pre>
 * bench/conv-step check STEPS           gradient check + STEPS training steps, both from the same weights
 * bench/conv-step time ROUNDS STEPS     interleaved timing, ms per step of 64 images
 * bench/conv-step im2col REPS           ND4J's im2col/col2im against the Java ones, layer 2 sizes
 * bench/conv-step all ROUNDS STEPS      all three (default: all 7 40)
 * </pre>
 */
public final class ConvStep {

  static final int BATCH = 64;

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "all";
    int a = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int b = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    System.out.printf(
        Locale.ROOT,
        "ConvStep: %s, %s, OMP_NUM_THREADS=%s, %d cores, load %.2f%n",
        java.time.Instant.now(),
        Speed.info(),
        System.getenv("OMP_NUM_THREADS"),
        Runtime.getRuntime().availableProcessors(),
        load());
    List<DataSet> batches = minibatches(60);
    switch (mode) {
      case "check" -> check(batches, a);
      case "time" -> time(batches, a, b);
      case "im2col" -> im2colTiming(a);
      case "all" -> {
        check(batches, 20);
        time(batches, a, b);
        im2colTiming(20);
      }
      default -> throw new IllegalArgumentException("mode must be check, time or all: " + mode);
    }
  }

  /** The notebook's CNN with its initial weights (the notebook's seed, Seed.derive(50)). */
  static MultiLayerNetwork network() {
    return Cnns.builder()
        .name("small CNN")
        .filters(16, 32)
        .filterSize(3)
        .padding(1)
        .batchNorm(true)
        .dense(128)
        .learningRate(2e-3)
        .seed(Seed.derive(50))
        .build()
        .network();
  }

  /** {@code count} minibatches of 64 Fashion-MNIST training images, own c-order float copies. */
  static List<DataSet> minibatches(int count) {
    Dataset images = Datasets.fashionMnist().train().asImages(1, 28, 28).take(count * BATCH);
    List<DataSet> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      var rows = NDArrayIndex.interval(s * BATCH, (s + 1) * BATCH);
      out.add(
          new DataSet(
              images.features().get(rows).castTo(DataType.FLOAT).dup('c'),
              images.labels().get(rows).castTo(DataType.FLOAT).dup('c')));
    }
    return out;
  }

  // ------------------------------------------------------------------------------ correctness

  /**
   * (1) One minibatch: DL4J's {@code computeGradientAndScore} against {@link HandCnn#forwardBackward}
   * from the same parameters, every parameter segment compared. (2) {@code steps} training steps of
   * both from the same weights on the same minibatches: losses per step, parameters at the end.
   */
  static void check(List<DataSet> batches, int steps) {
    MultiLayerNetwork net = network();
    HandCnn hand = new HandCnn(net, BATCH);
    DataSet mb = batches.get(0);
    net.setInput(mb.getFeatures());
    net.setLabels(mb.getLabels());
    net.computeGradientAndScore();
    double dl4jLoss = net.score();
    // DL4J's gradient before the updater: sums over the minibatch for real parameters (the updater
    // divides by b later), and for the batch-norm running statistics the "update" the NoOp updater
    // subtracts: (1 - decay)(mean - batchMean) and log10(std_old / std_new).
    float[] ref = toFloats(net.gradient().gradient());
    double handLoss = hand.forwardBackward(mb.getFeatures(), mb.getLabels());
    float[] mine = hand.gradientForComparison(); // mean gradient * b, statistics' updates as DL4J
    System.out.printf(
        Locale.ROOT,
        "CHECK one minibatch: loss DL4J %.7f, hand %.7f, relative difference %.2e%n",
        dl4jLoss,
        handLoss,
        Math.abs(dl4jLoss - handLoss) / Math.abs(dl4jLoss));
    double worst = compareSegments("gradient", hand, mine, ref);
    System.out.printf(
        Locale.ROOT,
        "CHECK largest relative gradient difference (max|hand-DL4J| / max|DL4J| per parameter):"
            + " %.2e%n",
        worst);

    // (2) training trajectories from the same weights: a fresh network (same seed, same init)
    MultiLayerNetwork net2 = network();
    HandCnn hand2 = new HandCnn(net2, BATCH);
    double worstLoss = 0;
    StringBuilder row = new StringBuilder();
    for (int s = 0; s < steps; s++) {
      DataSet m = batches.get(s % batches.size());
      net2.fit(m);
      double l1 = net2.score();
      double l2 = hand2.step(m.getFeatures(), m.getLabels());
      double rel = Math.abs(l1 - l2) / Math.abs(l1);
      worstLoss = Math.max(worstLoss, rel);
      row.append(String.format(Locale.ROOT, " %d:%.4f/%.4f", s + 1, l1, l2));
    }
    System.out.println("CHECK losses step:DL4J/hand" + row);
    System.out.printf(
        Locale.ROOT,
        "CHECK %d steps: largest relative loss difference %.2e%n",
        steps,
        worstLoss);
    double worstParam =
        compareSegments(
            "params after " + steps + " steps", hand2, hand2.paramsArray(), toFloats(net2.params()));
    System.out.printf(
        Locale.ROOT,
        "CHECK largest relative parameter difference after %d steps: %.2e%n",
        steps,
        worstParam);
  }

  /**
   * Per parameter segment: max |a - b|, max |b|, their ratio ("relative difference" in
   * CONV-STEP.md) and ||a - b|| / ||b||. Returns the largest ratio over all segments. (The
   * convolution biases are not washed out by the batch norm here: the ReLU sits between them.)
   */
  static double compareSegments(String what, HandCnn hand, float[] mine, float[] ref) {
    double worst = 0;
    for (HandCnn.Segment seg : hand.segments) {
      double maxDiff = 0, maxRef = 0, sumDiff2 = 0, sumRef2 = 0;
      for (int i = seg.offset(); i < seg.offset() + seg.length(); i++) {
        double d = mine[i] - ref[i];
        maxDiff = Math.max(maxDiff, Math.abs(d));
        maxRef = Math.max(maxRef, Math.abs(ref[i]));
        sumDiff2 += d * d;
        sumRef2 += (double) ref[i] * ref[i];
      }
      double ratio = maxRef > 0 ? maxDiff / maxRef : (maxDiff > 0 ? Double.POSITIVE_INFINITY : 0);
      worst = Math.max(worst, ratio);
      System.out.printf(
          Locale.ROOT,
          "CHECK %s %-14s max|diff| %.3e  max|DL4J| %.3e  ratio %.2e  norm ratio %.2e%n",
          what,
          seg.name(),
          maxDiff,
          maxRef,
          ratio,
          sumRef2 > 0 ? Math.sqrt(sumDiff2 / sumRef2) : 0.0);
    }
    return worst;
  }

  // ----------------------------------------------------------------------------------- timing

  /**
   * {@code rounds} rounds; each times {@code steps} DL4J {@code fit(minibatch)} calls and {@code
   * steps} hand-written steps on the same minibatches, in alternating order (DL4J first in odd
   * rounds), after 30 warm-up steps of each. Prints ms per step per round, then median, min, max.
   */
  static void time(List<DataSet> batches, int rounds, int steps) {
    MultiLayerNetwork net = network();
    HandCnn hand = new HandCnn(net, BATCH);
    for (int s = 0; s < 30; s++) { // warm-up: JIT, oneDNN primitives, workspaces
      net.fit(batches.get(s % batches.size()));
      DataSet m = batches.get(s % batches.size());
      hand.step(m.getFeatures(), m.getLabels());
    }
    hand.timers.reset();
    double[] dl4j = new double[rounds], mine = new double[rounds];
    double load0 = load();
    for (int r = 0; r < rounds; r++) {
      double l0 = load();
      for (int order = 0; order < 2; order++) {
        boolean dl4jNow = (order == 0) == (r % 2 == 0);
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          DataSet m = batches.get((r * steps + s) % batches.size());
          if (dl4jNow) {
            net.fit(m);
          } else {
            hand.step(m.getFeatures(), m.getLabels());
          }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        if (dl4jNow) {
          dl4j[r] = ms;
        } else {
          mine[r] = ms;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "TIME round %d: DL4J %.1f ms/step, hand %.1f ms/step, speedup %.2fx, load %.2f-%.2f%n",
          r + 1,
          dl4j[r],
          mine[r],
          dl4j[r] / mine[r],
          l0,
          load());
    }
    System.out.printf(
        Locale.ROOT,
        "TIME summary (%d rounds x %d steps of %d images): DL4J median %.1f ms/step (%.1f-%.1f),"
            + " hand median %.1f ms/step (%.1f-%.1f), speedup of medians %.2fx, load %.2f-%.2f%n",
        rounds,
        steps,
        BATCH,
        median(dl4j),
        min(dl4j),
        max(dl4j),
        median(mine),
        min(mine),
        max(mine),
        median(dl4j) / median(mine),
        load0,
        load());
    System.out.println("TIME hand step breakdown: " + hand.timers.report());
  }

  /**
   * Layer 2's im2col and col2im ({@code [b, 16, 14, 14]}, 3x3, pad 1): ND4J's ops into
   * preallocated arrays (layout {@code [b, 16, 3, 3, 14, 14]}, which would still need a permuting
   * copy to {@code [144, b*196]} for one GEMM) against this file's Java loops (layout {@code [144,
   * b*196]} directly, plus the bulk copy to a native array the GEMM needs). ms per call, median of
   * {@code reps}.
   */
  static void im2colTiming(int reps) {
    int n = BATCH, c = 16, h = 14;
    INDArray img = Nd4j.rand(DataType.FLOAT, n, c, h, h);
    INDArray col6 = Nd4j.create(DataType.FLOAT, n, c, 3, 3, h, h);
    INDArray back = Nd4j.create(DataType.FLOAT, n, c, h, h);
    INDArray colN = Nd4j.create(DataType.FLOAT, c * 9, n * h * h);
    float[] src = img.permute(1, 0, 2, 3).dup('c').data().asFloat(); // CNHW
    float[] col = new float[c * 9 * n * h * h], dst = new float[src.length];
    double[] nd4jIm = new double[reps], nd4jCol = new double[reps], javaIm = new double[reps],
        javaCol = new double[reps];
    for (int r = -5; r < reps; r++) { // 5 warm-up calls
      long t0 = System.nanoTime();
      org.nd4j.linalg.convolution.Convolution.im2col(img, 3, 3, 1, 1, 1, 1, false, col6);
      long t1 = System.nanoTime();
      org.nd4j.linalg.convolution.Convolution.col2im(col6, back, 1, 1, 1, 1, 3, 3, 1, 1);
      long t2 = System.nanoTime();
      HandCnn.im2col(src, c, n, h, h, col);
      colN.data().asNioFloat().put(0, col, 0, col.length);
      long t3 = System.nanoTime();
      Arrays.fill(dst, 0f);
      HandCnn.col2im(col, c, n, h, h, dst);
      long t4 = System.nanoTime();
      if (r >= 0) {
        nd4jIm[r] = (t1 - t0) / 1e6;
        nd4jCol[r] = (t2 - t1) / 1e6;
        javaIm[r] = (t3 - t2) / 1e6;
        javaCol[r] = (t4 - t3) / 1e6;
      }
    }
    // same numbers? ND4J's col [b, c, kh, kw, h, w] permuted to [c, kh, kw, b, h, w] = Java's col
    float[] nd4jAsJava = col6.permute(1, 2, 3, 0, 4, 5).dup('c').data().asFloat();
    System.out.printf(
        Locale.ROOT,
        "IM2COL layer 2 (%d x 16 x 14 x 14, 3x3 pad 1), median ms of %d: ND4J im2col %.2f, col2im"
            + " %.2f; Java im2col + copy to native %.2f, col2im %.2f; same columns: %s%n",
        n,
        reps,
        median(nd4jIm),
        median(nd4jCol),
        median(javaIm),
        median(javaCol),
        Arrays.equals(nd4jAsJava, col));
  }

  // ---------------------------------------------------------------------------------- helpers

  static double load() {
    try {
      return Double.parseDouble(
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  static float[] toFloats(INDArray a) {
    return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  /** Where the hand-written step spends its time (System.nanoTime around the native calls). */
  static final class Timers {
    long gemm, copy, adam, total;
    int steps;

    void reset() {
      gemm = copy = adam = total = 0;
      steps = 0;
    }

    String report() {
      double n = Math.max(steps, 1) * 1e6;
      return String.format(
          Locale.ROOT,
          "%.2f ms/step = gemm %.2f + native<->Java copies %.2f + Adam %.2f + Java loops %.2f",
          total / n,
          gemm / n,
          copy / n,
          adam / n,
          (total - gemm - copy - adam) / n);
    }
  }

  // ============================================================================== the hand step

  /**
   * The hand-written training step. All buffers are allocated once, for one minibatch size {@code
   * b}. Sizes: {@code M1 = b*28*28} positions of layer 1, {@code M2 = b*14*14} of layer 2.
   */
  static final class HandCnn {

    /** One parameter array inside the flat parameter vector (DL4J's layout). */
    record Segment(String name, int offset, int length) {}

    static final int C0 = 1, H1 = 28, F1 = 16, H2 = 14, F2 = 32, H3 = 7, D = 128, K = 10;
    static final int FLAT = F2 * H3 * H3; // 1568 inputs of the dense layer

    final int b, m1, m2;
    final double eps, decay, lr, beta1, beta2, adamEps;
    final List<Segment> segments = new ArrayList<>();
    final Timers timers = new Timers();
    int iteration; // Adam's t - 1, as DL4J counts

    // flat [N] arrays laid out like network.params(): conv1 (b, W), bn1 (gamma, beta, mean,
    // log10std), conv2 (b, W), bn2 (...), dense (W 'f', b), output (W 'f', b)
    final INDArray params, grad, adamM, adamV;
    final FloatBuffer paramsBuf, gradBuf;
    final int oB1, oW1, oG1, oBe1, oMu1, oLs1, oB2, oW2, oG2, oBe2, oMu2, oLs2, oW3, oB3, oW4, oB4;
    final INDArray w1, w2, w3, w4; // views of params: [16, 9] 'c', [32, 144] 'c', [1568, 128] 'f',
    final INDArray gW1, gW2, gW3, gW4; //               [128, 10] 'f'; the same views of grad

    // native work arrays (row-major), operands and results of the matrix products
    final INDArray col1N; // [9, M1]     im2col of x: row (kh*3+kw), column (n*28+h)*28+w
    final INDArray z1N; //   [16, M1]    W1 . col1
    final INDArray dz1N; //  [16, M1]    dL/dz1
    final INDArray col2N; // [144, M2]   im2col of p1: row c*9+kh*3+kw, column (n*14+h)*14+w
    final INDArray z2N; //   [32, M2]    W2 . col2
    final INDArray dz2N; //  [32, M2]    dL/dz2
    final INDArray dcol2N; // [144, M2]  W2^T . dz2
    final INDArray aN; //    [b, 1568]   p2 flattened as DL4J does (c*49 + h*7 + w)
    final INDArray z3N, h3N, dh3N, d3N; // [b, 128]
    final INDArray z4N, d4N; //           [b, 10]
    final INDArray daN; //   [b, 1568]   dL/dA

    // Java mirrors and element-wise state
    final float[] x; //           [M1] the input images (C0 = 1, so NCHW = CNHW)
    final float[] col1; //        [9 * M1]
    final float[] a1, xh1; //     [16 * M1] ReLU(z1 + b1) and batch norm's x-hat, CNHW
    final byte[] arg1; //         [16 * b * 14 * 14] argmax (0..3) of each pooling window
    final float[] p1; //          [16 * b * 14 * 14] pooled, CNHW = layer 2's input
    final float[] col2; //        [144 * M2]
    final float[] a2, xh2; //     [32 * M2]
    final byte[] arg2; //         [32 * b * 49]
    final float[] p2; //          [32 * b * 49] CNHW
    final float[] flat; //        [b * 1568] NCHW-flattened p2, and later dL/dA
    final float[] z3, h3, dh3, z4, prob, y; // [b, 128] x 3, [b, 10] x 3
    final float[] dz1, dz2, dcol2, dp1, dp2; // gradients, shaped like their forward arrays
    final double[] mean1 = new double[F1], var1 = new double[F1], inv1 = new double[F1];
    final double[] mean2 = new double[F2], var2 = new double[F2], inv2 = new double[F2];
    final double[] runMean1 = new double[F1], runVar1 = new double[F1];
    final double[] runMean2 = new double[F2], runVar2 = new double[F2];
    final float[] bias1 = new float[F1], gamma1 = new float[F1], beta1p = new float[F1];
    final float[] bias2 = new float[F2], gamma2 = new float[F2], beta2p = new float[F2];
    final float[] bias3 = new float[D], bias4 = new float[K];
    final float[] gBias1 = new float[F1], gGamma1 = new float[F1], gBeta1 = new float[F1];
    final float[] gBias2 = new float[F2], gGamma2 = new float[F2], gBeta2 = new float[F2];
    final float[] gBias3 = new float[D], gBias4 = new float[K];
    final float[] zeros1 = new float[F1], zeros2 = new float[F2];
    final double[] expRow = new double[K];

    /** A step for {@code net}'s architecture, starting from a copy of its current parameters. */
    HandCnn(MultiLayerNetwork net, int b) {
      this.b = b;
      this.m1 = b * H1 * H1;
      this.m2 = b * H2 * H2;
      requireArchitecture(net);
      BatchNormalization bn = (BatchNormalization) net.getLayer(1).conf().getLayer();
      this.eps = bn.getEps();
      this.decay = bn.getDecay();
      Adam adam = (Adam) ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
      this.lr = adam.getLearningRate(0, 0);
      this.beta1 = adam.getBeta1();
      this.beta2 = adam.getBeta2();
      this.adamEps = adam.getEpsilon();
      int o = 0;
      oB1 = o; o = seg("0_b", o, F1);
      oW1 = o; o = seg("0_W", o, F1 * C0 * 9);
      oG1 = o; o = seg("1_gamma", o, F1);
      oBe1 = o; o = seg("1_beta", o, F1);
      oMu1 = o; o = seg("1_mean", o, F1);
      oLs1 = o; o = seg("1_log10stdev", o, F1);
      oB2 = o; o = seg("3_b", o, F2);
      oW2 = o; o = seg("3_W", o, F2 * F1 * 9);
      oG2 = o; o = seg("4_gamma", o, F2);
      oBe2 = o; o = seg("4_beta", o, F2);
      oMu2 = o; o = seg("4_mean", o, F2);
      oLs2 = o; o = seg("4_log10stdev", o, F2);
      oW3 = o; o = seg("6_W", o, FLAT * D);
      oB3 = o; o = seg("6_b", o, D);
      oW4 = o; o = seg("7_W", o, D * K);
      oB4 = o; o = seg("7_b", o, K);
      if (o != net.numParams()) {
        throw new IllegalStateException("expected " + o + " parameters, network has " + net.numParams());
      }
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        params = Nd4j.create(DataType.FLOAT, o);
        params.assign(net.params().reshape(o));
        grad = Nd4j.create(DataType.FLOAT, o);
        adamM = Nd4j.create(DataType.FLOAT, o);
        adamV = Nd4j.create(DataType.FLOAT, o);
        w1 = view(params, oW1, 'c', F1, C0 * 9);
        w2 = view(params, oW2, 'c', F2, F1 * 9);
        w3 = view(params, oW3, 'f', FLAT, D);
        w4 = view(params, oW4, 'f', D, K);
        gW1 = view(grad, oW1, 'c', F1, C0 * 9);
        gW2 = view(grad, oW2, 'c', F2, F1 * 9);
        gW3 = view(grad, oW3, 'f', FLAT, D);
        gW4 = view(grad, oW4, 'f', D, K);
        col1N = Nd4j.create(DataType.FLOAT, 9, m1);
        z1N = Nd4j.create(DataType.FLOAT, F1, m1);
        dz1N = Nd4j.create(DataType.FLOAT, F1, m1);
        col2N = Nd4j.create(DataType.FLOAT, F1 * 9, m2);
        z2N = Nd4j.create(DataType.FLOAT, F2, m2);
        dz2N = Nd4j.create(DataType.FLOAT, F2, m2);
        dcol2N = Nd4j.create(DataType.FLOAT, F1 * 9, m2);
        aN = Nd4j.create(DataType.FLOAT, b, FLAT);
        daN = Nd4j.create(DataType.FLOAT, b, FLAT);
        z3N = Nd4j.create(DataType.FLOAT, b, D);
        h3N = Nd4j.create(DataType.FLOAT, b, D);
        dh3N = Nd4j.create(DataType.FLOAT, b, D);
        d3N = Nd4j.create(DataType.FLOAT, b, D);
        z4N = Nd4j.create(DataType.FLOAT, b, K);
        d4N = Nd4j.create(DataType.FLOAT, b, K);
      }
      paramsBuf = params.data().asNioFloat();
      gradBuf = grad.data().asNioFloat();
      checkLayout(net);
      x = new float[m1];
      col1 = new float[9 * m1];
      a1 = new float[F1 * m1];
      xh1 = new float[F1 * m1];
      arg1 = new byte[F1 * m2];
      p1 = new float[F1 * m2];
      col2 = new float[F1 * 9 * m2];
      a2 = new float[F2 * m2];
      xh2 = new float[F2 * m2];
      arg2 = new byte[F2 * b * H3 * H3];
      p2 = new float[F2 * b * H3 * H3];
      flat = new float[b * FLAT];
      z3 = new float[b * D];
      h3 = new float[b * D];
      dh3 = new float[b * D];
      z4 = new float[b * K];
      prob = new float[b * K];
      y = new float[b * K];
      dz1 = new float[F1 * m1];
      dz2 = new float[F2 * m2];
      dcol2 = new float[F1 * 9 * m2];
      dp1 = new float[F1 * m2];
      dp2 = new float[F2 * b * H3 * H3];
      // running statistics as DL4J keeps them: mean, and log10(std) -> var = 10^(2 log10 std)
      for (int c = 0; c < F1; c++) {
        runMean1[c] = paramsBuf.get(oMu1 + c);
        runVar1[c] = Math.pow(10, 2 * paramsBuf.get(oLs1 + c));
      }
      for (int c = 0; c < F2; c++) {
        runMean2[c] = paramsBuf.get(oMu2 + c);
        runVar2[c] = Math.pow(10, 2 * paramsBuf.get(oLs2 + c));
      }
    }

    private int seg(String name, int offset, int length) {
      segments.add(new Segment(name, offset, length));
      return offset + length;
    }

    /** A {@code [rows, cols]} view of {@code flat} from {@code offset}, as DL4J views its params. */
    private static INDArray view(INDArray flat, int offset, char order, int rows, int cols) {
      INDArray v = flat.get(NDArrayIndex.interval(offset, offset + rows * cols)).reshape(order, rows, cols);
      // prove it is a view, not a copy: a write through it must show in the flat array
      float old = v.getFloat(rows - 1, cols - 1);
      v.putScalar(rows - 1, cols - 1, old + 1f);
      boolean shared = flat.getFloat(offset + rows * cols - 1) == old + 1f;
      v.putScalar(rows - 1, cols - 1, old);
      if (!shared) {
        throw new IllegalStateException("reshape copied instead of viewing; offsets would be wrong");
      }
      return v;
    }

    /** Fails unless {@code net} is conv, BN, pool, conv, BN, pool, dense, output as expected. */
    private static void requireArchitecture(MultiLayerNetwork net) {
      Class<?>[] expected = {
        ConvolutionLayer.class, BatchNormalization.class, SubsamplingLayer.class,
        ConvolutionLayer.class, BatchNormalization.class, SubsamplingLayer.class,
        DenseLayer.class, OutputLayer.class
      };
      if (net.getnLayers() != expected.length) {
        throw new IllegalStateException("expected 8 layers, got " + net.getnLayers());
      }
      for (int l = 0; l < expected.length; l++) {
        Object conf = net.getLayer(l).conf().getLayer();
        if (!expected[l].isInstance(conf)) {
          throw new IllegalStateException("layer " + l + " is " + conf.getClass().getSimpleName());
        }
      }
    }

    /**
     * The offsets are right: every segment of the flat copy equals the network's own parameter
     * array (in DL4J's order of that array: 'c' for conv weights, 'f' for dense weights).
     */
    private void checkLayout(MultiLayerNetwork net) {
      float[] all = paramsArray();
      for (Segment s : segments) {
        INDArray p = net.getParam(s.name());
        char order = s.name().equals("6_W") || s.name().equals("7_W") ? 'f' : 'c'; // dense: 'f'
        float[] values = p.dup(order).castTo(DataType.FLOAT).data().asFloat();
        float[] mine = Arrays.copyOfRange(all, s.offset(), s.offset() + s.length());
        if (values.length != s.length() || !Arrays.equals(values, mine)) {
          throw new IllegalStateException("parameter " + s.name() + " is not at offset " + s.offset());
        }
      }
    }

    float[] paramsArray() {
      float[] out = new float[(int) params.length()];
      paramsBuf.get(0, out, 0, out.length);
      return out;
    }

    // ----------------------------------------------------------------------- native <-> Java

    /** Copies the whole row-major native array {@code a} into {@code dst}. */
    private void get(INDArray a, float[] dst) {
      long t = System.nanoTime();
      a.data().asNioFloat().get((int) a.offset(), dst, 0, (int) a.length());
      timers.copy += System.nanoTime() - t;
    }

    /** Copies {@code src} into the whole row-major native array {@code a}. */
    private void put(float[] src, INDArray a) {
      long t = System.nanoTime();
      a.data().asNioFloat().put((int) a.offset(), src, 0, (int) a.length());
      timers.copy += System.nanoTime() - t;
    }

    /** {@code c = op(a) . op(b)} into the existing array {@code c}. */
    private void gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
      long t = System.nanoTime();
      Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
      timers.gemm += System.nanoTime() - t;
    }

    // ------------------------------------------------------------------------------- the step

    /** Forward, backward, one Adam step. Returns the loss before the step (as network.score()). */
    double step(INDArray features, INDArray labels) {
      long t0 = System.nanoTime();
      double loss = forwardBackward(features, labels);
      long t = System.nanoTime();
      // one Adam op over all parameters: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
      // g <- lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps), t = iteration + 1; then w -= g.
      // The BN running statistics have gradient 0 here, so their m, v and update stay 0.
      Nd4j.exec(new AdamUpdater(grad, adamV, adamM, lr, beta1, beta2, adamEps, iteration));
      params.subi(grad);
      timers.adam += System.nanoTime() - t;
      // running statistics (DL4J's decay): r = d r + (1 - d) batch; stored as mean, log10(std)
      for (int c = 0; c < F1; c++) {
        runMean1[c] = decay * runMean1[c] + (1 - decay) * mean1[c];
        runVar1[c] = decay * runVar1[c] + (1 - decay) * var1[c];
        paramsBuf.put(oMu1 + c, (float) runMean1[c]);
        paramsBuf.put(oLs1 + c, (float) (0.5 * Math.log10(runVar1[c])));
      }
      for (int c = 0; c < F2; c++) {
        runMean2[c] = decay * runMean2[c] + (1 - decay) * mean2[c];
        runVar2[c] = decay * runVar2[c] + (1 - decay) * var2[c];
        paramsBuf.put(oMu2 + c, (float) runMean2[c]);
        paramsBuf.put(oLs2 + c, (float) (0.5 * Math.log10(runVar2[c])));
      }
      iteration++;
      timers.total += System.nanoTime() - t0;
      timers.steps++;
      return loss;
    }

    /**
     * Forward and backward pass on {@code features} {@code [b, 1, 28, 28]} and one-hot {@code
     * labels} {@code [b, 10]}; leaves the MEAN gradient in {@link #grad} (0 for the running
     * statistics) and returns the loss.
     */
    double forwardBackward(INDArray features, INDArray labels) {
      if (features.length() != m1 || labels.length() != (long) b * K) {
        throw new IllegalArgumentException("expected a minibatch of " + b + " images");
      }
      features = features.ordering() == 'c' && features.offset() == 0 ? features : features.dup('c');
      labels = labels.ordering() == 'c' && labels.offset() == 0 ? labels : labels.dup('c');
      get(features, x);
      get(labels, y);
      readSmallParams();

      // ---------------------------------------------------------------- forward, block 1
      im2col(x, C0, b, H1, H1, col1); // col1 [9, M1]
      put(col1, col1N);
      gemm(w1, col1N, z1N, false, false); // z1 [16, M1] = W1 [16, 9] . col1 [9, M1]
      get(z1N, a1);
      biasReluNorm(a1, bias1, F1, m1, xh1, mean1, var1, inv1); // a1 = ReLU(z1 + b1); x-hat
      bnPool(xh1, gamma1, beta1p, F1, b, H1, H1, p1, arg1); // p1 [16, b, 14, 14]

      // ---------------------------------------------------------------- forward, block 2
      im2col(p1, F1, b, H2, H2, col2); // col2 [144, M2]
      put(col2, col2N);
      gemm(w2, col2N, z2N, false, false); // z2 [32, M2] = W2 [32, 144] . col2
      get(z2N, a2);
      biasReluNorm(a2, bias2, F2, m2, xh2, mean2, var2, inv2);
      bnPool(xh2, gamma2, beta2p, F2, b, H2, H2, p2, arg2); // p2 [32, b, 7, 7]

      // ---------------------------------------------------------------- dense layers
      // A[n][c*49 + s] = p2[c][n][s]: DL4J's flattening of [b, 32, 7, 7]
      int plane = H3 * H3;
      for (int c = 0; c < F2; c++) {
        for (int n = 0; n < b; n++) {
          System.arraycopy(p2, (c * b + n) * plane, flat, n * FLAT + c * plane, plane);
        }
      }
      put(flat, aN);
      gemm(aN, w3, z3N, false, false); // z3 [b, 128] = A [b, 1568] . W3 [1568, 128]
      get(z3N, z3);
      for (int n = 0; n < b; n++) { // h3 = ReLU(z3 + b3)
        for (int j = 0; j < D; j++) {
          float v = z3[n * D + j] + bias3[j];
          h3[n * D + j] = v > 0 ? v : 0f;
        }
      }
      put(h3, h3N);
      gemm(h3N, w4, z4N, false, false); // z4 [b, 10] = h3 . W4 [128, 10]
      get(z4N, z4);
      double loss = softmaxLoss(); // prob = softmax(z4 + b4); D4 = (prob - y) / b, in prob

      // ---------------------------------------------------------------- backward, dense
      // output layer: dW4 = h3^T D4; db4 = 1^T D4; dh3 = D4 W4^T
      put(prob, d4N);
      gemm(h3N, d4N, gW4, true, false); // [128, 10]
      columnSums(prob, b, K, gBias4);
      gemm(d4N, w4, dh3N, false, true); // [b, 128]
      get(dh3N, dh3);
      // dense ReLU: D3 = dh3 * (h3 > 0); dW3 = A^T D3; db3 = 1^T D3; dA = D3 W3^T
      for (int i = 0; i < b * D; i++) {
        dh3[i] = h3[i] > 0 ? dh3[i] : 0f;
      }
      columnSums(dh3, b, D, gBias3);
      put(dh3, d3N);
      gemm(aN, d3N, gW3, true, false); // [1568, 128]
      gemm(d3N, w3, daN, false, true); // [b, 1568]
      get(daN, flat);
      for (int c = 0; c < F2; c++) { // back to CNHW: dp2[c][n][s] = dA[n][c*49 + s]
        for (int n = 0; n < b; n++) {
          System.arraycopy(flat, n * FLAT + c * plane, dp2, (c * b + n) * plane, plane);
        }
      }

      // ---------------------------------------------------------------- backward, block 2
      poolBnReluBack(dp2, arg2, xh2, a2, gamma2, inv2, F2, b, H2, H2, dz2, gGamma2, gBeta2, gBias2);
      put(dz2, dz2N);
      gemm(dz2N, col2N, gW2, false, true); // dW2 [32, 144] = dz2 [32, M2] . col2^T [M2, 144]
      gemm(w2, dz2N, dcol2N, true, false); // dcol2 [144, M2] = W2^T [144, 32] . dz2
      get(dcol2N, dcol2);
      Arrays.fill(dp1, 0f);
      col2im(dcol2, F1, b, H2, H2, dp1); // dp1 [16, b, 14, 14]: the adjoint of im2col

      // ---------------------------------------------------------------- backward, block 1
      poolBnReluBack(dp1, arg1, xh1, a1, gamma1, inv1, F1, b, H1, H1, dz1, gGamma1, gBeta1, gBias1);
      put(dz1, dz1N);
      gemm(dz1N, col1N, gW1, false, true); // dW1 [16, 9] = dz1 [16, M1] . col1^T [M1, 9]
      // (no dL/dx: the input needs no gradient)

      writeSmallGradients();
      return loss;
    }

    /** Biases, gamma and beta from the flat parameters (a few hundred floats). */
    private void readSmallParams() {
      paramsBuf.get(oB1, bias1);
      paramsBuf.get(oG1, gamma1);
      paramsBuf.get(oBe1, beta1p);
      paramsBuf.get(oB2, bias2);
      paramsBuf.get(oG2, gamma2);
      paramsBuf.get(oBe2, beta2p);
      paramsBuf.get(oB3, bias3);
      paramsBuf.get(oB4, bias4);
    }

    private void writeSmallGradients() {
      gradBuf.put(oB1, gBias1);
      gradBuf.put(oG1, gGamma1);
      gradBuf.put(oBe1, gBeta1);
      gradBuf.put(oB2, gBias2);
      gradBuf.put(oG2, gGamma2);
      gradBuf.put(oBe2, gBeta2);
      gradBuf.put(oB3, gBias3);
      gradBuf.put(oB4, gBias4);
      gradBuf.put(oMu1, zeros1); // the running statistics are not trained by Adam
      gradBuf.put(oLs1, zeros1);
      gradBuf.put(oMu2, zeros2);
      gradBuf.put(oLs2, zeros2);
    }

    /**
     * The gradient in DL4J's form before its updater, for the check: real parameters as sums over
     * the minibatch ({@code b} times the mean), the running statistics as the "update" DL4J's
     * BatchNormalization layer writes: {@code (1 - d)(mean_old - batchMean)} and {@code
     * log10(std_old) - log10(std_new)} with {@code var_new = d var_old + (1 - d) batchVar}.
     */
    float[] gradientForComparison() {
      float[] g = new float[(int) grad.length()];
      gradBuf.get(0, g, 0, g.length);
      for (int i = 0; i < g.length; i++) {
        g[i] *= b;
      }
      statsUpdate(g, oMu1, oLs1, runMean1, runVar1, mean1, var1);
      statsUpdate(g, oMu2, oLs2, runMean2, runVar2, mean2, var2);
      return g;
    }

    private void statsUpdate(
        float[] g, int oMu, int oLs, double[] runMean, double[] runVar, double[] mean, double[] var) {
      for (int c = 0; c < mean.length; c++) {
        g[oMu + c] = (float) ((1 - decay) * (runMean[c] - mean[c]));
        double next = decay * runVar[c] + (1 - decay) * var[c];
        g[oLs + c] = (float) (0.5 * Math.log10(runVar[c] / next));
      }
    }

    // --------------------------------------------------------------------- element-wise parts

    /**
     * im2col for a 3x3 window, padding 1, stride 1, on a CNHW input {@code src [C, N, H, W]}:
     *
     * <pre>
     * col[(c*9 + kh*3 + kw), (n*H + h)*W + w] = src[c, n, h + kh - 1, w + kw - 1]  (0 outside)
     * </pre>
     *
     * so that {@code W [F, C*9] . col} is the convolution (W in DL4J's [F, C, 3, 3] c-order).
     */
    static void im2col(float[] src, int C, int N, int H, int W, float[] col) {
      int nhw = N * H * W;
      for (int c = 0; c < C; c++) {
        for (int kh = 0; kh < 3; kh++) {
          for (int kw = 0; kw < 3; kw++) {
            int row = (c * 9 + kh * 3 + kw) * nhw;
            int dw = kw - 1;
            int from = Math.max(0, -dw), to = Math.min(W, W - dw); // 0 <= w + dw < W
            for (int n = 0; n < N; n++) {
              for (int h = 0; h < H; h++) {
                int d = row + (n * H + h) * W;
                int hs = h + kh - 1;
                if (hs < 0 || hs >= H) {
                  Arrays.fill(col, d, d + W, 0f);
                  continue;
                }
                int s = ((c * N + n) * H + hs) * W + dw;
                for (int w = 0; w < from; w++) {
                  col[d + w] = 0f;
                }
                System.arraycopy(src, s + from, col, d + from, to - from);
                for (int w = to; w < W; w++) {
                  col[d + w] = 0f;
                }
              }
            }
          }
        }
      }
    }

    /**
     * The adjoint of {@link #im2col}: {@code dst[c, n, h + kh - 1, w + kw - 1] += col[c*9 + kh*3 +
     * kw, (n*H + h)*W + w]} for positions inside the image ({@code dst} zeroed by the caller). This
     * is dL/dinput = the sum, over the 9 window offsets, of dL/dcol.
     */
    static void col2im(float[] col, int C, int N, int H, int W, float[] dst) {
      int nhw = N * H * W;
      for (int c = 0; c < C; c++) {
        for (int kh = 0; kh < 3; kh++) {
          for (int kw = 0; kw < 3; kw++) {
            int row = (c * 9 + kh * 3 + kw) * nhw;
            int dw = kw - 1;
            int from = Math.max(0, -dw), to = Math.min(W, W - dw);
            for (int n = 0; n < N; n++) {
              for (int h = 0; h < H; h++) {
                int hs = h + kh - 1;
                if (hs < 0 || hs >= H) {
                  continue;
                }
                int d = row + (n * H + h) * W;
                int s = ((c * N + n) * H + hs) * W + dw;
                for (int w = from; w < to; w++) {
                  dst[s + w] += col[d + w];
                }
              }
            }
          }
        }
      }
    }

    /**
     * Per channel row c of {@code z [C, m]} (in place): {@code a = ReLU(z + bias_c)} (the
     * convolution's activation), then batch norm's training statistics over the m = b*H*W
     * positions, biased variance as DL4J/oneDNN: {@code mean_c}, {@code var_c}, {@code inv_c = 1 /
     * sqrt(var_c + eps)}, and {@code xhat = (a - mean_c) inv_c}. Sums in double, two passes.
     */
    void biasReluNorm(
        float[] z, float[] bias, int C, int m, float[] xhat, double[] mean, double[] var, double[] inv) {
      for (int c = 0; c < C; c++) {
        int o = c * m;
        float bc = bias[c];
        double sum = 0;
        for (int i = o; i < o + m; i++) {
          float v = z[i] + bc;
          v = v > 0 ? v : 0f;
          z[i] = v;
          sum += v;
        }
        double mu = sum / m, ss = 0;
        for (int i = o; i < o + m; i++) {
          double d = z[i] - mu;
          ss += d * d;
        }
        mean[c] = mu;
        var[c] = ss / m;
        inv[c] = 1 / Math.sqrt(var[c] + eps);
        float muF = (float) mu, invF = (float) inv[c];
        for (int i = o; i < o + m; i++) {
          xhat[i] = (z[i] - muF) * invF;
        }
      }
    }

    /**
     * Batch norm's output {@code y = gamma_c xhat + beta_c} and 2x2 max pooling with stride 2, in
     * one pass: {@code out[c, n, i, j] = max over the window (2i..2i+1, 2j..2j+1) of y}; {@code
     * arg} keeps which of the 4 (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right; the first
     * maximum wins ties, which only happen between ReLU zeros, whose gradient ReLU stops anyway).
     */
    static void bnPool(
        float[] xhat, float[] gamma, float[] beta, int C, int N, int H, int W, float[] out, byte[] arg) {
      int hp = H / 2, wp = W / 2;
      for (int c = 0; c < C; c++) {
        float g = gamma[c], be = beta[c];
        for (int n = 0; n < N; n++) {
          int in = (c * N + n) * H * W, q = (c * N + n) * hp * wp;
          for (int i = 0; i < hp; i++) {
            for (int j = 0; j < wp; j++, q++) {
              int p = in + 2 * i * W + 2 * j;
              float v0 = g * xhat[p] + be, v1 = g * xhat[p + 1] + be;
              float v2 = g * xhat[p + W] + be, v3 = g * xhat[p + W + 1] + be;
              float best = v0;
              byte k = 0;
              if (v1 > best) {
                best = v1;
                k = 1;
              }
              if (v2 > best) {
                best = v2;
                k = 2;
              }
              if (v3 > best) {
                best = v3;
                k = 3;
              }
              out[q] = best;
              arg[q] = k;
            }
          }
        }
      }
    }

    /**
     * From {@code dp = dL/d(pooled)} to {@code dz = dL/dz} (before the convolution's bias + ReLU),
     * through pooling, batch norm and the ReLU; also {@code dgamma}, {@code dbeta}, {@code dbias}.
     *
     * <pre>
     * pooling:    dy_i = dp_q if i is the argmax of window q, else 0
     * batch norm: dbeta = sum_i dy_i = sum_q dp_q;  dgamma = sum_i dy_i xhat_i = sum_q dp_q xhat_arg(q)
     *             dx_i = gamma inv (dy_i - dbeta/m - xhat_i dgamma/m)      (batch statistics)
     * ReLU:       dz_i = dx_i if a_i > 0 else 0;    dbias = sum_i dz_i
     * </pre>
     */
    static void poolBnReluBack(
        float[] dp, byte[] arg, float[] xhat, float[] a, float[] gamma, double[] inv,
        int C, int N, int H, int W, float[] dz, float[] dGamma, float[] dBeta, float[] dBias) {
      int hp = H / 2, wp = W / 2, m = N * H * W;
      for (int c = 0; c < C; c++) {
        int o = c * m;
        double sb = 0, sg = 0;
        for (int n = 0; n < N; n++) {
          int in = (c * N + n) * H * W, q = (c * N + n) * hp * wp;
          for (int i = 0; i < hp; i++) {
            for (int j = 0; j < wp; j++, q++) {
              int k = arg[q];
              int p = in + (2 * i + (k >> 1)) * W + 2 * j + (k & 1);
              sb += dp[q];
              sg += dp[q] * xhat[p];
            }
          }
        }
        dBeta[c] = (float) sb;
        dGamma[c] = (float) sg;
        float scale = (float) (gamma[c] * inv[c]);
        float cb = (float) (sb / m), cg = (float) (sg / m);
        for (int i = o; i < o + m; i++) { // the part every position gets: -(dbeta + xhat dgamma)/m
          dz[i] = a[i] > 0 ? -scale * (cb + xhat[i] * cg) : 0f;
        }
        for (int n = 0; n < N; n++) { // plus dy at the argmax positions
          int in = (c * N + n) * H * W, q = (c * N + n) * hp * wp;
          for (int i = 0; i < hp; i++) {
            for (int j = 0; j < wp; j++, q++) {
              int k = arg[q];
              int p = in + (2 * i + (k >> 1)) * W + 2 * j + (k & 1);
              if (a[p] > 0) {
                dz[p] += scale * dp[q];
              }
            }
          }
        }
        double s = 0;
        for (int i = o; i < o + m; i++) {
          s += dz[i];
        }
        dBias[c] = (float) s;
      }
    }

    /**
     * {@code prob = softmax(z4 + b4)} per row (in double, max subtracted), the loss {@code -(1/b)
     * sum y log p} (p clipped at 1e-10 as DL4J's MCXENT scores), and then {@code prob <- (prob -
     * y) / b}, the mean gradient w.r.t. the output layer's pre-activation.
     */
    double softmaxLoss() {
      double loss = 0;
      for (int n = 0; n < b; n++) {
        int o = n * K;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
          max = Math.max(max, z4[o + k] + bias4[k]);
        }
        double sum = 0;
        double[] e = expRow;
        for (int k = 0; k < K; k++) {
          e[k] = Math.exp(z4[o + k] + bias4[k] - max);
          sum += e[k];
        }
        for (int k = 0; k < K; k++) {
          double p = e[k] / sum;
          if (y[o + k] != 0) {
            loss -= y[o + k] * Math.log(Math.max(p, 1e-10));
          }
          prob[o + k] = (float) ((p - y[o + k]) / b);
        }
      }
      return loss / b;
    }

    /** {@code out[j] = sum_i v[i, j]} for row-major {@code v [rows, cols]}. */
    static void columnSums(float[] v, int rows, int cols, float[] out) {
      double[] s = new double[cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          s[j] += v[i * cols + j];
        }
      }
      for (int j = 0; j < cols; j++) {
        out[j] = (float) s[j];
      }
    }
  }

  private ConvStep() {}
}
