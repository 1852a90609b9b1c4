import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

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
 * b*H*W] = W [F, C*k*k] . col [C*k*k, b*H*W]}, whose rows are the channels, so batch norm works on
 * contiguous rows and the output is the next layer's CNHW input. Matrix products run in ND4J
 * ({@code Nd4j.gemm} into preallocated arrays); everything element-wise (im2col, col2im, bias,
 * ReLU, batch norm, pooling, softmax) runs as plain Java loops over {@code float[]} mirrors that
 * are copied in bulk to and from the native arrays (the house trick of GruPass/NativeRows: each
 * native op costs a fixed ~20-110 us here, a Java loop over a few hundred thousand floats costs
 * about as much). Parameters, gradient and Adam state are flat {@code [N]} arrays laid out exactly
 * like {@code network.params()}, so one Adam op updates them all, and the DL4J network's parameters
 * can be copied in and compared segment by segment.
 *
 * <pre>
 * bench/conv-step check STEPS           gradient check + STEPS training steps, both from the same weights
 * bench/conv-step time ROUNDS STEPS     interleaved timing, ms per step of 64 images
 * bench/conv-step im2col REPS           ND4J's im2col/col2im against the Java ones, layer 2 sizes
 * bench/conv-step dw1 REPS             the weight-gradient products in two (three) orientations
 * bench/conv-step layers STEPS          forward activations, layer by layer, after STEPS DL4J steps
 * bench/conv-step all ROUNDS STEPS      check 20, time, im2col 20 (default: all 7 40)
 * bench/conv-step MODE A B lenet        LeNet (Cnns.lenet(10)) instead of the small CNN: the
 *                                       hand step reads its blocks from the network, LeNet's are
 *                                       5x5 convolutions without padding or batch norm
 * </pre>
 */
public final class ConvStep {

  static final int BATCH = 64;

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "all";
    int a = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int b = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    String model = args.length > 3 ? args[3] : "small";
    Speed.enableHelpers(); // as ConvBlocks does when it builds the network; an explicit -D wins
    System.out.printf(
        Locale.ROOT,
        "ConvStep %s: %s, %s, OMP_NUM_THREADS=%s, %d cores, load %.2f%n",
        model,
        java.time.Instant.now(),
        Speed.info(),
        System.getenv("OMP_NUM_THREADS"),
        Runtime.getRuntime().availableProcessors(),
        load());
    List<DataSet> batches = minibatches(60);
    switch (mode) {
      case "check" -> check(model, batches, a);
      case "time" -> time(model, batches, a, b);
      case "im2col" -> im2colTiming(a);
      case "dw1" -> firstLayerDwTiming(a);
      case "layers" -> layers(model, batches, a);
      case "all" -> {
        check(model, batches, 20);
        time(model, batches, a, b);
        im2colTiming(20);
      }
      default -> throw new IllegalArgumentException("mode must be check, time or all: " + mode);
    }
  }

  /**
   * {@code small}: notebook 01's CNN with its initial weights (the notebook's seed,
   * Seed.derive(50)); {@code lenet}: {@code Cnns.lenet(10)} (5x5 convolutions without padding, no
   * batch norm, 20 and 50 filters, dense 500, Adam 1e-3).
   */
  static MultiLayerNetwork network(String model) {
    return builder(model).build().network();
  }

  static Cnns.Builder builder(String model) {
    if (model.equals("lenet")) {
      return Cnns.builder().numClasses(10); // = Cnns.lenet(10)
    }
    if (!model.equals("small")) {
      throw new IllegalArgumentException("the model must be small or lenet but was " + model);
    }
    return Cnns.builder()
        .name("small CNN")
        .filters(16, 32)
        .filterSize(3)
        .padding(1)
        .batchNorm(true)
        .dense(128)
        .learningRate(2e-3)
        .seed(Seed.derive(50));
  }

  /**
   * The same network in float64 with DL4J's plain layers (oneDNN helpers off), parameters copied
   * from {@code from}: the reference both float32 implementations are measured against.
   */
  static MultiLayerNetwork doubleNetwork(String model, MultiLayerNetwork from) {
    String before = System.getProperty(Speed.HELPERS_PROPERTY);
    System.setProperty(Speed.HELPERS_PROPERTY, "true");
    try {
      MultiLayerConfiguration conf = builder(model).configuration();
      conf.setDataType(DataType.DOUBLE);
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      net.setParams(from.params().castTo(DataType.DOUBLE));
      return net;
    } finally {
      System.setProperty(Speed.HELPERS_PROPERTY, before == null ? "false" : before);
    }
  }

  /** {@link #network} built with DL4J's plain layers: the oneDNN helpers switched off for it. */
  static MultiLayerNetwork plainNetwork(String model) {
    String before = System.getProperty(Speed.HELPERS_PROPERTY);
    System.setProperty(Speed.HELPERS_PROPERTY, "true"); // read when a layer is created
    try {
      return network(model);
    } finally {
      System.setProperty(Speed.HELPERS_PROPERTY, before == null ? "false" : before);
    }
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
   * (1) One minibatch: DL4J's {@code computeGradientAndScore} against {@link
   * HandCnn#forwardBackward} from the same parameters, every parameter segment compared. (2) {@code
   * steps} training steps from the same weights on the same minibatches, of the hand step, DL4J
   * with and without its oneDNN helpers (float32) and DL4J in float64: losses per step, parameters
   * at the end, each float32 path against float64. (3) The gradient again at the weights DL4J
   * reached, against DL4J (both float32 paths) and DL4J in float64.
   */
  static void check(String model, List<DataSet> batches, int steps) {
    MultiLayerNetwork net = network(model);
    HandCnn hand = new HandCnn(net, BATCH, 28);
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

    // (2) training trajectories from the same weights and minibatches: DL4J as the library builds
    // it (oneDNN helpers on, float32), the hand step, DL4J's plain layers (helpers off, float32)
    // and DL4J's plain layers in float64, the reference. Float32 trajectories drift apart even when
    // both are right (Adam divides tiny gradient differences by tiny sqrt(v), max-pool decisions
    // flip), so each is measured against the float64 one.
    MultiLayerNetwork net2 = network(model);
    MultiLayerNetwork plain = plainNetwork(model);
    plain.setParams(net2.params());
    MultiLayerNetwork dbl2 = doubleNetwork(model, net2);
    HandCnn hand2 = new HandCnn(net2, BATCH, 28);
    double worstOneDnn = 0, worstHand = 0, worstPlain = 0;
    StringBuilder row = new StringBuilder();
    for (int s = 0; s < steps; s++) {
      DataSet m = batches.get(s % batches.size());
      net2.fit(m);
      double l1 = net2.score();
      double l2 = hand2.step(m.getFeatures(), m.getLabels());
      plain.fit(m);
      double l3 = plain.score();
      dbl2.fit(
          new DataSet(
              m.getFeatures().castTo(DataType.DOUBLE), m.getLabels().castTo(DataType.DOUBLE)));
      double l4 = dbl2.score();
      worstOneDnn = Math.max(worstOneDnn, Math.abs(l1 - l4) / l4);
      worstHand = Math.max(worstHand, Math.abs(l2 - l4) / l4);
      worstPlain = Math.max(worstPlain, Math.abs(l3 - l4) / l4);
      row.append(String.format(Locale.ROOT, " %d:%.5f/%.5f/%.5f/%.5f", s + 1, l4, l2, l1, l3));
    }
    System.out.println("CHECK losses step:float64/hand/DL4J(oneDNN)/DL4J(plain)" + row);
    System.out.printf(
        Locale.ROOT,
        "CHECK %d steps: largest relative loss difference to float64: hand %.2e, DL4J(oneDNN)"
            + " %.2e, DL4J(plain) %.2e%n",
        steps,
        worstHand,
        worstOneDnn,
        worstPlain);
    float[] ref64 = toFloats(dbl2.params());
    String after = "params after " + steps + " steps vs float64, ";
    double pHand = compareSegments(after + "hand", hand2, hand2.paramsArray(), ref64);
    double pOneDnn = compareSegments(after + "DL4J(oneDNN)", hand2, toFloats(net2.params()), ref64);
    double pPlain = compareSegments(after + "DL4J(plain)", hand2, toFloats(plain.params()), ref64);
    System.out.printf(
        Locale.ROOT,
        "CHECK largest relative parameter difference to float64 after %d steps: hand %.2e,"
            + " DL4J(oneDNN) %.2e, DL4J(plain) %.2e%n",
        steps,
        pHand,
        pOneDnn,
        pPlain);

    // (3) the gradient again, at the trained weights of DL4J(oneDNN) after those steps (running
    // statistics included): a bug that only shows away from the initial weights would show here
    HandCnn hand3 = new HandCnn(net2, BATCH, 28);
    DataSet later = batches.get(steps % batches.size());
    net2.setInput(later.getFeatures());
    net2.setLabels(later.getLabels());
    net2.computeGradientAndScore();
    double laterLoss = net2.score();
    float[] laterRef = toFloats(net2.gradient().gradient());
    double laterHand = hand3.forwardBackward(later.getFeatures(), later.getLabels());
    double laterWorst =
        compareSegments(
            "gradient after " + steps + " steps", hand3, hand3.gradientForComparison(), laterRef);
    System.out.printf(
        Locale.ROOT,
        "CHECK at the weights after %d steps: loss DL4J %.7f, hand %.7f (relative %.2e); largest"
            + " relative gradient difference %.2e%n",
        steps,
        laterLoss,
        laterHand,
        Math.abs(laterLoss - laterHand) / Math.abs(laterLoss),
        laterWorst);
    // the same gradient from DL4J's plain layers at the same weights: which of the three agree?
    plain.setParams(net2.params());
    plain.setInput(later.getFeatures());
    plain.setLabels(later.getLabels());
    plain.computeGradientAndScore();
    float[] plainRef = toFloats(plain.gradient().gradient());
    double handVsPlain =
        compareSegments(
            "gradient after " + steps + " steps, hand vs DL4J(plain)",
            hand3,
            hand3.gradientForComparison(),
            plainRef);
    double oneDnnVsPlain =
        compareSegments(
            "gradient after " + steps + " steps, DL4J(oneDNN) vs DL4J(plain)",
            hand3,
            laterRef,
            plainRef);
    System.out.printf(
        Locale.ROOT,
        "CHECK at the weights after %d steps, largest relative gradient difference to DL4J(plain):"
            + " hand %.2e, DL4J(oneDNN) %.2e (loss plain %.7f)%n",
        steps,
        handVsPlain,
        oneDnnVsPlain,
        plain.score());
    // and the float64 reference at the same weights: how far is each float32 gradient from it?
    MultiLayerNetwork dbl = doubleNetwork(model, net2);
    dbl.setInput(later.getFeatures().castTo(DataType.DOUBLE));
    dbl.setLabels(later.getLabels().castTo(DataType.DOUBLE));
    dbl.computeGradientAndScore();
    float[] dblRef = toFloats(dbl.gradient().gradient());
    double handVsDouble =
        compareSegments(
            "gradient after " + steps + " steps, hand vs float64",
            hand3,
            hand3.gradientForComparison(),
            dblRef);
    double oneDnnVsDouble =
        compareSegments(
            "gradient after " + steps + " steps, DL4J(oneDNN) vs float64", hand3, laterRef, dblRef);
    System.out.printf(
        Locale.ROOT,
        "CHECK at the weights after %d steps, largest relative gradient difference to DL4J in"
            + " float64: hand %.2e, DL4J(oneDNN) float32 %.2e (loss float64 %.7f)%n",
        steps,
        handVsDouble,
        oneDnnVsDouble,
        dbl.score());
  }

  /**
   * Forward activations layer by layer after {@code steps} DL4J steps: DL4J's {@code feedForward(x,
   * true)} (NCHW) against the hand step's arrays (CNHW), max |diff| / max |DL4J|.
   */
  static void layers(String model, List<DataSet> batches, int steps) {
    MultiLayerNetwork net = network(model);
    for (int s = 0; s < steps; s++) {
      net.fit(batches.get(s % batches.size()));
    }
    HandCnn hand = new HandCnn(net, BATCH, 28);
    DataSet m = batches.get(steps % batches.size());
    hand.forwardBackward(m.getFeatures(), m.getLabels());
    List<INDArray> acts = net.feedForward(m.getFeatures(), true);
    int l = 1;
    for (Block blk : hand.blocks) {
      float[] y = new float[blk.a.length];
      int per = blk.m;
      for (int c = 0; c < blk.f; c++) {
        for (int i = c * per; i < (c + 1) * per; i++) {
          y[i] = blk.gamma[c] * blk.xh[i] + blk.beta[c];
        }
      }
      layerDiff("layer " + l + " conv+ReLU", blk.a, acts.get(l++));
      if (blk.bn) {
        layerDiff("layer " + l + " batch norm", y, acts.get(l++));
      }
      layerDiff("layer " + l + " pooling", blk.pooled, acts.get(l++));
    }
    layerDiff("layer " + l + " dense", hand.h3, acts.get(l++));
    for (Block blk : hand.blocks) {
      System.out.printf(
          Locale.ROOT,
          "LAYERS block bias %s gamma %s beta %s%n",
          Arrays.toString(Arrays.copyOf(blk.bias, 3)),
          Arrays.toString(Arrays.copyOf(blk.gamma, 3)),
          Arrays.toString(Arrays.copyOf(blk.beta, 3)));
    }
  }

  static void layerDiff(String what, float[] mine, INDArray dl4j) {
    float[] ref =
        dl4j.rank() == 4 ? toFloats(dl4j.permute(1, 0, 2, 3)) : toFloats(dl4j); // NCHW -> CNHW
    double maxDiff = 0, maxRef = 0;
    int at = -1;
    for (int i = 0; i < ref.length; i++) {
      double d = Math.abs(mine[i] - ref[i]);
      if (d > maxDiff) {
        maxDiff = d;
        at = i;
      }
      maxRef = Math.max(maxRef, Math.abs(ref[i]));
    }
    System.out.printf(
        Locale.ROOT,
        "LAYERS %s %s: max|diff| %.3e at %d (hand %.6f, DL4J %.6f), max|DL4J| %.3e%n",
        what,
        Arrays.toString(dl4j.shape()),
        maxDiff,
        at,
        at >= 0 ? mine[at] : 0,
        at >= 0 ? ref[at] : 0,
        maxRef);
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
  static void time(String model, List<DataSet> batches, int rounds, int steps) {
    MultiLayerNetwork net = network(model);
    HandCnn hand = new HandCnn(net, BATCH, 28);
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
    System.out.println("TIME hand step products: " + hand.timers.gemmReport());
  }

  /**
   * Layer 2's im2col and col2im ({@code [b, 16, 14, 14]}, 3x3, pad 1): ND4J's ops into preallocated
   * arrays (layout {@code [b, 16, 3, 3, 14, 14]}, which would still need a permuting copy to {@code
   * [144, b*196]} for one GEMM) against this file's Java loops (layout {@code [144, b*196]}
   * directly, plus the bulk copy to a native array the GEMM needs). ms per call, median of {@code
   * reps}.
   */
  static void im2colTiming(int reps) {
    int n = BATCH, c = 16, h = 14;
    INDArray img = Nd4j.rand(DataType.FLOAT, n, c, h, h);
    INDArray col6 = Nd4j.create(DataType.FLOAT, n, c, 3, 3, h, h);
    INDArray back = Nd4j.create(DataType.FLOAT, n, c, h, h);
    INDArray colN = Nd4j.create(DataType.FLOAT, c * 9, n * h * h);
    float[] src = img.permute(1, 0, 2, 3).dup('c').data().asFloat(); // CNHW
    float[] col = new float[c * 9 * n * h * h], dst = new float[src.length];
    double[] nd4jIm = new double[reps],
        nd4jCol = new double[reps],
        javaIm = new double[reps],
        javaCol = new double[reps];
    for (int r = -5; r < reps; r++) { // 5 warm-up calls
      long t0 = System.nanoTime();
      org.nd4j.linalg.convolution.Convolution.im2col(img, 3, 3, 1, 1, 1, 1, false, col6);
      long t1 = System.nanoTime();
      org.nd4j.linalg.convolution.Convolution.col2im(
          col6, back, 1, 1, 1, 1, h, h, 1, 1); // "kH, kW": the image size
      long t2 = System.nanoTime();
      HandCnn.im2col(src, c, n, h, 3, 1, h, col);
      colN.data().asNioFloat().put(0, col, 0, col.length);
      long t3 = System.nanoTime();
      Arrays.fill(dst, 0f);
      HandCnn.col2im(col, c, n, h, 3, 1, h, dst);
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

  /**
   * The first block's weight gradient, the skinny product {@code dW [16, 9] = dz [16, M] . col^T
   * [M, 9]} with {@code M = 64*28*28} (14 MFLOP), three ways: directly, as its transpose {@code
   * dW^T [9, 16] = col . dz^T} (what the hand step now does for the first block), and with {@code
   * M} split into 64 per-image products accumulated with beta = 1. Then the second block's, {@code
   * [32, 12544] . [12544, 144]}, directly (what the hand step does) and transposed. Random inputs;
   * ms per call, median of {@code reps}.
   */
  static void firstLayerDwTiming(int reps) {
    int f = 16, rows = 9, m = BATCH * 28 * 28, per = 28 * 28;
    INDArray dz = Nd4j.rand(DataType.FLOAT, f, m), col = Nd4j.rand(DataType.FLOAT, rows, m);
    INDArray dW = Nd4j.create(DataType.FLOAT, f, rows), dWt = Nd4j.create(DataType.FLOAT, rows, f);
    INDArray dWs = Nd4j.create(DataType.FLOAT, f, rows);
    double[] asIs = new double[reps], flipped = new double[reps], split = new double[reps];
    for (int r = -5; r < reps; r++) {
      long t0 = System.nanoTime();
      Nd4j.gemm(dz, col, dW, false, true, 1.0, 0.0);
      long t1 = System.nanoTime();
      Nd4j.gemm(col, dz, dWt, false, true, 1.0, 0.0);
      long t2 = System.nanoTime();
      for (int n = 0; n < BATCH; n++) {
        var cols = NDArrayIndex.interval(n * per, (n + 1) * per);
        Nd4j.gemm(
            dz.get(NDArrayIndex.all(), cols),
            col.get(NDArrayIndex.all(), cols),
            dWs,
            false,
            true,
            1.0,
            n == 0 ? 0.0 : 1.0);
      }
      long t3 = System.nanoTime();
      if (r >= 0) {
        asIs[r] = (t1 - t0) / 1e6;
        flipped[r] = (t2 - t1) / 1e6;
        split[r] = (t3 - t2) / 1e6;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "DW1 [16, %d] . [%d, 9], median ms of %d: direct %.2f, transposed %.2f, 64"
            + " per-image products %.2f; same result: %s, %s%n",
        m,
        m,
        reps,
        median(asIs),
        median(flipped),
        median(split),
        dW.equalsWithEps(dWt.transpose(), 1e-2),
        dW.equalsWithEps(dWs, 1e-2));
    // the second block's: dW [32, 144] = dz [32, 12544] . col^T [12544, 144], and transposed
    int f2 = 32, rows2 = 144, m2 = BATCH * 14 * 14;
    INDArray dz2 = Nd4j.rand(DataType.FLOAT, f2, m2), col2 = Nd4j.rand(DataType.FLOAT, rows2, m2);
    INDArray dW2 = Nd4j.create(DataType.FLOAT, f2, rows2);
    INDArray dW2t = Nd4j.create(DataType.FLOAT, rows2, f2);
    double[] asIs2 = new double[reps], flipped2 = new double[reps];
    for (int r = -5; r < reps; r++) {
      long t0 = System.nanoTime();
      Nd4j.gemm(dz2, col2, dW2, false, true, 1.0, 0.0);
      long t1 = System.nanoTime();
      Nd4j.gemm(col2, dz2, dW2t, false, true, 1.0, 0.0);
      long t2 = System.nanoTime();
      if (r >= 0) {
        asIs2[r] = (t1 - t0) / 1e6;
        flipped2[r] = (t2 - t1) / 1e6;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "DW2 [32, %d] . [%d, 144], median ms of %d: direct %.2f, transposed %.2f%n",
        m2,
        m2,
        reps,
        median(asIs2),
        median(flipped2));
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
    long im2col, col2im, norm, pool, back; // Java loops: see report()
    final java.util.Map<String, long[]> gemms = new java.util.LinkedHashMap<>(); // by call site
    int steps;

    void reset() {
      gemm = copy = adam = total = 0;
      im2col = col2im = norm = pool = back = 0;
      gemms.clear();
      steps = 0;
    }

    String report() {
      double n = Math.max(steps, 1) * 1e6;
      long loops = total - gemm - copy - adam;
      return String.format(
          Locale.ROOT,
          "%.2f ms/step = gemm %.2f + native<->Java copies %.2f + Adam %.2f + Java loops %.2f"
              + " (im2col %.2f, col2im %.2f, bias+ReLU+BN statistics %.2f, BN output+pooling %.2f,"
              + " pooling+BN+ReLU backward %.2f, rest %.2f)",
          total / n,
          gemm / n,
          copy / n,
          adam / n,
          loops / n,
          im2col / n,
          col2im / n,
          norm / n,
          pool / n,
          back / n,
          (loops - im2col - col2im - norm - pool - back) / n);
    }

    String gemmReport() {
      double n = Math.max(steps, 1) * 1e6;
      StringBuilder out = new StringBuilder();
      gemms.forEach(
          (site, t) -> out.append(String.format(Locale.ROOT, "%s %.2f ms; ", site, t[0] / n)));
      return out.toString();
    }
  }

  // ============================================================================== the hand step

  /**
   * One convolution block of the hand-written step: a {@code k x k} convolution with padding {@code
   * pad}, stride 1, bias and ReLU (DL4J's ConvolutionLayer), an optional batch norm with batch
   * statistics (DL4J's BatchNormalization, no activation), and 2x2 max pooling with stride 2. Input
   * {@code [c, b, s, s]} (CNHW), convolution output {@code [f, b, o, o]} with {@code o = s + 2 pad
   * - k + 1}, pooled output {@code [f, b, o/2, o/2]}. Everything the block needs between its
   * forward and backward pass lives here.
   */
  static final class Block {
    final int c, s, f, k, pad, o, q; // in channels, in size, filters, kernel, padding, out, pooled
    final int rows, m; // rows of col: c*k*k; positions per channel: b*o*o
    final boolean bn;
    final double eps, decay; // batch norm's (unused without)
    int oB, oW, oG = -1, oBe = -1, oMu = -1, oLs = -1; // offsets in the flat parameters
    INDArray w, gW; // views [f, c*k*k] 'c' of params and grad (DL4J's W [f, c, k, k])
    INDArray gWt; // the same memory as gW, seen as its transpose: [c*k*k, f] 'f'
    INDArray
        colN; //  [c*k*k, m]  im2col of the input: row (ci*k + kh)*k + kw, column (n*o + h)*o + w
    INDArray zN; //    [f, m]      W . col
    INDArray dzN; //   [f, m]      dL/dz
    INDArray dcolN; // [c*k*k, m]  W^T . dz (null for the first block: no input gradient needed)
    float[] col, a, xh, pooled, dz, dcol, dpooled; // mirrors; a = ReLU(z + bias), xh = x-hat
    int[] arg; // [f, b, q, q] where each window's maximum is: its index in [f, b, o, o]
    final double[] mean, var, inv, runMean, runVar; // per filter: batch and running statistics
    final float[] bias, gamma, beta, gBias, gGamma, gBeta, zeros;

    Block(int c, int s, int f, int k, int pad, boolean bn, double eps, double decay, int b) {
      this.c = c;
      this.s = s;
      this.f = f;
      this.k = k;
      this.pad = pad;
      this.o = s + 2 * pad - k + 1;
      if (o % 2 != 0) {
        throw new IllegalArgumentException("2x2 pooling of an odd size " + o);
      }
      this.q = o / 2;
      this.rows = c * k * k;
      this.m = b * o * o;
      this.bn = bn;
      this.eps = eps;
      this.decay = decay;
      mean = new double[f];
      var = new double[f];
      inv = new double[f];
      runMean = new double[f];
      runVar = new double[f];
      bias = new float[f];
      gamma = new float[f];
      beta = new float[f];
      gBias = new float[f];
      gGamma = new float[f];
      gBeta = new float[f];
      zeros = new float[f];
      if (!bn) { // pooling reads y = 1 * a + 0 = a exactly
        Arrays.fill(gamma, 1f);
      }
    }
  }

  /**
   * The hand-written training step for a DL4J network made of convolution blocks ({@link Block}),
   * one dense ReLU layer and a softmax output with cross-entropy: notebook 01's small CNN and
   * LeNet. All buffers are allocated once, for one minibatch size {@code b}.
   */
  static final class HandCnn {

    /** One parameter array inside the flat parameter vector (DL4J's layout and element order). */
    record Segment(String name, int offset, int length, char order) {}

    final int b, inputSize, nIn, d, numClasses; // d: dense units; nIn = f * q * q of the last block
    final double lr, beta1, beta2, adamEps;
    final List<Block> blocks = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    final Timers timers = new Timers();
    int iteration; // Adam's t - 1, as DL4J counts

    // flat [N] arrays laid out like network.params(): per block conv (b, W) [+ BN (gamma, beta,
    // mean, log10std)], then dense (W 'f', b), output (W 'f', b)
    final INDArray params, grad, adamM, adamV;
    final FloatBuffer paramsBuf, gradBuf;
    int oW3, oB3, oW4, oB4;
    final INDArray w3, w4, gW3, gW4; // [nIn, d] 'f', [d, K] 'f' views of params and grad

    // native work arrays (row-major) of the dense part
    final INDArray aN; //                [b, nIn]  pooled output flattened as DL4J does (c*q*q + s)
    final INDArray daN; //               [b, nIn]  dL/dA
    final INDArray z3N, h3N, dh3N, d3N; // [b, d]
    final INDArray z4N, d4N; //           [b, K]

    // Java mirrors of the dense part and the input
    final float[]
        x; //                             [b*s*s] the input images (1 channel: NCHW = CNHW)
    final float[] flat; //                          [b, nIn] and later dL/dA
    final float[] z3, h3, dh3, z4, prob, y; //       [b, d] x 3, [b, K] x 3
    final float[] bias3, bias4, gBias3, gBias4;
    final double[] expRow;

    /** A step for {@code net}'s architecture, starting from a copy of its current parameters. */
    HandCnn(MultiLayerNetwork net, int b, int inputSize) {
      this.b = b;
      this.inputSize = inputSize;
      Adam adam = (Adam) ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
      this.lr = adam.getLearningRate(0, 0);
      this.beta1 = adam.getBeta1();
      this.beta2 = adam.getBeta2();
      this.adamEps = adam.getEpsilon();
      // read the architecture: (conv [BN] pool)+ dense output, and lay out the flat parameters
      int l = 0, o = 0, size = inputSize, channels = -1;
      while (net.getLayer(l).conf().getLayer() instanceof ConvolutionLayer conv) {
        require(conv.getActivationFn() instanceof ActivationReLU, l, "a ReLU convolution");
        require(conv.getStride()[0] == 1 && conv.getStride()[1] == 1, l, "stride 1");
        require(conv.getKernelSize()[0] == conv.getKernelSize()[1], l, "a square kernel");
        require(conv.getPadding()[0] == conv.getPadding()[1], l, "equal padding");
        require(conv.getDilation()[0] == 1 && conv.getDilation()[1] == 1, l, "no dilation");
        require(conv.getConvolutionMode() != ConvolutionMode.Same, l, "explicit padding");
        if (channels < 0) {
          channels = (int) conv.getNIn();
          require(channels == 1, l, "one input channel");
        }
        Object next = net.getLayer(l + 1).conf().getLayer();
        boolean bn = next instanceof BatchNormalization;
        BatchNormalization bnConf = bn ? (BatchNormalization) next : null;
        if (bn) {
          require(bnConf.isUseLogStd() && !bnConf.isLockGammaBeta(), l + 1, "a plain batch norm");
        }
        Block blk =
            new Block(
                channels,
                size,
                (int) conv.getNOut(),
                conv.getKernelSize()[0],
                conv.getPadding()[0],
                bn,
                bn ? bnConf.getEps() : 0,
                bn ? bnConf.getDecay() : 0,
                b);
        blk.oB = o;
        o = seg(l + "_b", o, blk.f, 'c');
        blk.oW = o;
        o = seg(l + "_W", o, blk.f * blk.rows, 'c');
        l++;
        if (bn) {
          blk.oG = o;
          o = seg(l + "_gamma", o, blk.f, 'c');
          blk.oBe = o;
          o = seg(l + "_beta", o, blk.f, 'c');
          blk.oMu = o;
          o = seg(l + "_mean", o, blk.f, 'c');
          blk.oLs = o;
          o = seg(l + "_log10stdev", o, blk.f, 'c');
          l++;
        }
        SubsamplingLayer pool = (SubsamplingLayer) net.getLayer(l).conf().getLayer();
        require(
            pool.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                && pool.getKernelSize()[0] == 2
                && pool.getKernelSize()[1] == 2
                && pool.getStride()[0] == 2
                && pool.getStride()[1] == 2
                && pool.getPadding()[0] == 0,
            l,
            "2x2 max pooling with stride 2");
        l++;
        blocks.add(blk);
        channels = blk.f;
        size = blk.q;
      }
      require(!blocks.isEmpty(), 0, "a convolution");
      DenseLayer dense = (DenseLayer) net.getLayer(l).conf().getLayer();
      require(dense.getActivationFn() instanceof ActivationReLU, l, "a ReLU dense layer");
      require(dense.getIDropout() == null, l, "no dropout");
      this.nIn = channels * size * size;
      this.d = (int) dense.getNOut();
      require(dense.getNIn() == nIn, l, "nIn " + nIn);
      oW3 = o;
      o = seg(l + "_W", o, nIn * d, 'f');
      oB3 = o;
      o = seg(l + "_b", o, d, 'c');
      l++;
      OutputLayer out = (OutputLayer) net.getLayer(l).conf().getLayer();
      require(out.getActivationFn() instanceof ActivationSoftmax, l, "softmax");
      require(out.getLossFn() instanceof LossMCXENT, l, "cross-entropy");
      this.numClasses = (int) out.getNOut();
      oW4 = o;
      o = seg(l + "_W", o, d * numClasses, 'f');
      oB4 = o;
      o = seg(l + "_b", o, numClasses, 'c');
      require(l == net.getnLayers() - 1, l, "the last layer");
      if (o != net.numParams()) {
        throw new IllegalStateException(
            "expected " + o + " parameters, network has " + net.numParams());
      }
      int K = numClasses;
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        params = Nd4j.create(DataType.FLOAT, o);
        params.assign(net.params().reshape(o));
        grad = Nd4j.create(DataType.FLOAT, o);
        adamM = Nd4j.create(DataType.FLOAT, o);
        adamV = Nd4j.create(DataType.FLOAT, o);
        for (int i = 0; i < blocks.size(); i++) {
          Block blk = blocks.get(i);
          blk.w = view(params, blk.oW, 'c', blk.f, blk.rows);
          blk.gW = view(grad, blk.oW, 'c', blk.f, blk.rows);
          blk.gWt = view(grad, blk.oW, 'f', blk.rows, blk.f);
          blk.colN = Nd4j.create(DataType.FLOAT, blk.rows, blk.m);
          blk.zN = Nd4j.create(DataType.FLOAT, blk.f, blk.m);
          blk.dzN = Nd4j.create(DataType.FLOAT, blk.f, blk.m);
          if (i > 0) {
            blk.dcolN = Nd4j.create(DataType.FLOAT, blk.rows, blk.m);
          }
        }
        w3 = view(params, oW3, 'f', nIn, d);
        w4 = view(params, oW4, 'f', d, K);
        gW3 = view(grad, oW3, 'f', nIn, d);
        gW4 = view(grad, oW4, 'f', d, K);
        aN = Nd4j.create(DataType.FLOAT, b, nIn);
        daN = Nd4j.create(DataType.FLOAT, b, nIn);
        z3N = Nd4j.create(DataType.FLOAT, b, d);
        h3N = Nd4j.create(DataType.FLOAT, b, d);
        dh3N = Nd4j.create(DataType.FLOAT, b, d);
        d3N = Nd4j.create(DataType.FLOAT, b, d);
        z4N = Nd4j.create(DataType.FLOAT, b, K);
        d4N = Nd4j.create(DataType.FLOAT, b, K);
      }
      paramsBuf = params.data().asNioFloat();
      gradBuf = grad.data().asNioFloat();
      checkLayout(net);
      for (int i = 0; i < blocks.size(); i++) {
        Block blk = blocks.get(i);
        int pooled = blk.f * b * blk.q * blk.q;
        blk.col = new float[blk.rows * blk.m];
        blk.a = new float[blk.f * blk.m];
        blk.xh = blk.bn ? new float[blk.f * blk.m] : blk.a; // without BN pooling reads a itself
        blk.dz = new float[blk.f * blk.m];
        blk.pooled = new float[pooled];
        blk.dpooled = new float[pooled];
        blk.arg = new int[pooled];
        if (i > 0) {
          blk.dcol = new float[blk.rows * blk.m];
        }
        if (blk.bn) { // running statistics as DL4J keeps them: mean, log10(std) = log10 sqrt(var)
          for (int ch = 0; ch < blk.f; ch++) {
            blk.runMean[ch] = paramsBuf.get(blk.oMu + ch);
            blk.runVar[ch] = Math.pow(10, 2 * paramsBuf.get(blk.oLs + ch));
          }
        }
      }
      x = new float[b * inputSize * inputSize];
      flat = new float[b * nIn];
      z3 = new float[b * d];
      h3 = new float[b * d];
      dh3 = new float[b * d];
      z4 = new float[b * K];
      prob = new float[b * K];
      y = new float[b * K];
      bias3 = new float[d];
      gBias3 = new float[d];
      bias4 = new float[K];
      gBias4 = new float[K];
      expRow = new double[K];
    }

    private static void require(boolean ok, int layer, String what) {
      if (!ok) {
        throw new IllegalArgumentException(
            "the hand-written step needs " + what + " at layer " + layer);
      }
    }

    private int seg(String name, int offset, int length, char order) {
      segments.add(new Segment(name, offset, length, order));
      return offset + length;
    }

    /**
     * A {@code [rows, cols]} view of {@code flat} from {@code offset}, as DL4J views its params.
     */
    private static INDArray view(INDArray flat, int offset, char order, int rows, int cols) {
      INDArray v =
          flat.get(NDArrayIndex.interval(offset, offset + rows * cols)).reshape(order, rows, cols);
      // prove it is a view, not a copy: a write through it must show in the flat array
      float old = v.getFloat(rows - 1, cols - 1);
      v.putScalar(rows - 1, cols - 1, old + 1f);
      boolean shared = flat.getFloat(offset + rows * cols - 1) == old + 1f;
      v.putScalar(rows - 1, cols - 1, old);
      if (!shared) {
        throw new IllegalStateException(
            "reshape copied instead of viewing; offsets would be wrong");
      }
      return v;
    }

    /**
     * The offsets are right: every segment of the flat copy equals the network's own parameter
     * array, read in DL4J's order of that array ('c' for conv weights, 'f' for dense weights).
     */
    private void checkLayout(MultiLayerNetwork net) {
      float[] all = paramsArray();
      for (Segment s : segments) {
        INDArray p = net.getParam(s.name());
        float[] values = p.dup(s.order()).castTo(DataType.FLOAT).data().asFloat();
        float[] mine = Arrays.copyOfRange(all, s.offset(), s.offset() + s.length());
        if (values.length != s.length() || !Arrays.equals(values, mine)) {
          throw new IllegalStateException(
              "parameter " + s.name() + " is not at offset " + s.offset());
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
    private void gemm(String site, INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
      long t = System.nanoTime();
      Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
      long dt = System.nanoTime() - t;
      timers.gemm += dt;
      timers.gemms.computeIfAbsent(site, k -> new long[1])[0] += dt;
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
      // running statistics (DL4J's decay d): r = d r + (1 - d) batch; stored as mean, log10(std)
      for (Block blk : blocks) {
        if (!blk.bn) {
          continue;
        }
        for (int ch = 0; ch < blk.f; ch++) {
          blk.runMean[ch] = blk.decay * blk.runMean[ch] + (1 - blk.decay) * blk.mean[ch];
          blk.runVar[ch] = blk.decay * blk.runVar[ch] + (1 - blk.decay) * blk.var[ch];
          paramsBuf.put(blk.oMu + ch, (float) blk.runMean[ch]);
          paramsBuf.put(blk.oLs + ch, (float) (0.5 * Math.log10(blk.runVar[ch])));
        }
      }
      iteration++;
      timers.total += System.nanoTime() - t0;
      timers.steps++;
      return loss;
    }

    /**
     * Forward and backward pass on {@code features} {@code [b, 1, s, s]} and one-hot {@code labels}
     * {@code [b, K]}; leaves the MEAN gradient in {@link #grad} (0 for the running statistics) and
     * returns the loss.
     */
    double forwardBackward(INDArray features, INDArray labels) {
      int K = numClasses;
      if (features.length() != x.length || labels.length() != (long) b * K) {
        throw new IllegalArgumentException("expected a minibatch of " + b + " images");
      }
      features =
          features.ordering() == 'c' && features.offset() == 0 ? features : features.dup('c');
      labels = labels.ordering() == 'c' && labels.offset() == 0 ? labels : labels.dup('c');
      get(features, x);
      get(labels, y);
      readSmallParams();

      // ------------------------------------------------------------- forward, conv blocks
      float[] in = x;
      for (Block blk : blocks) {
        long t = System.nanoTime();
        im2col(in, blk.c, b, blk.s, blk.k, blk.pad, blk.o, blk.col); // col [c*k*k, b*o*o]
        timers.im2col += System.nanoTime() - t;
        put(blk.col, blk.colN);
        gemm(
            "conv" + blk.f + " W.col",
            blk.w,
            blk.colN,
            blk.zN,
            false,
            false); // z [f, b*o*o] = W [f, c*k*k] . col
        get(blk.zN, blk.a);
        t = System.nanoTime();
        if (blk.bn) { // a = ReLU(z + bias); batch statistics; x-hat
          biasReluNorm(blk.a, blk.bias, blk.f, blk.m, blk.eps, blk.xh, blk.mean, blk.var, blk.inv);
        } else {
          biasRelu(blk.a, blk.bias, blk.f, blk.m);
        }
        long t2 = System.nanoTime();
        timers.norm += t2 - t;
        // y = gamma x-hat + beta (gamma 1, beta 0, x-hat = a without BN), 2x2 max pooling
        bnPool(blk.xh, blk.gamma, blk.beta, blk.f, b, blk.o, blk.pooled, blk.arg); // [f, b, q, q]
        timers.pool += System.nanoTime() - t2;
        in = blk.pooled;
      }

      // ------------------------------------------------------------- dense layers
      // A[n][ch*q*q + s] = pooled[ch][n][s]: DL4J's flattening of [b, f, q, q]
      Block last = blocks.get(blocks.size() - 1);
      int plane = last.q * last.q;
      for (int ch = 0; ch < last.f; ch++) {
        for (int n = 0; n < b; n++) {
          System.arraycopy(in, (ch * b + n) * plane, flat, n * nIn + ch * plane, plane);
        }
      }
      put(flat, aN);
      gemm("dense A.W3", aN, w3, z3N, false, false); // z3 [b, d] = A [b, nIn] . W3 [nIn, d]
      get(z3N, z3);
      for (int n = 0; n < b; n++) { // h3 = ReLU(z3 + b3)
        for (int j = 0; j < d; j++) {
          float v = z3[n * d + j] + bias3[j];
          h3[n * d + j] = v > 0 ? v : 0f;
        }
      }
      put(h3, h3N);
      gemm("output h3.W4", h3N, w4, z4N, false, false); // z4 [b, K] = h3 . W4 [d, K]
      get(z4N, z4);
      double loss = softmaxLoss(); // prob = softmax(z4 + b4); then D4 = (prob - y) / b, in prob

      // ------------------------------------------------------------- backward, dense
      // output layer: dW4 = h3^T D4; db4 = 1^T D4; dh3 = D4 W4^T
      put(prob, d4N);
      gemm("output dW4", h3N, d4N, gW4, true, false); // [d, K]
      columnSums(prob, b, K, gBias4);
      gemm("output dh3", d4N, w4, dh3N, false, true); // [b, d]
      get(dh3N, dh3);
      // dense ReLU: D3 = dh3 * (h3 > 0); dW3 = A^T D3; db3 = 1^T D3; dA = D3 W3^T
      for (int i = 0; i < b * d; i++) {
        dh3[i] = h3[i] > 0 ? dh3[i] : 0f;
      }
      columnSums(dh3, b, d, gBias3);
      put(dh3, d3N);
      gemm("dense dW3", aN, d3N, gW3, true, false); // [nIn, d]
      gemm("dense dA", d3N, w3, daN, false, true); // [b, nIn]
      get(daN, flat);
      for (int ch = 0; ch < last.f; ch++) { // back to CNHW: dpooled[ch][n][s] = dA[n][ch*q*q + s]
        for (int n = 0; n < b; n++) {
          System.arraycopy(flat, n * nIn + ch * plane, last.dpooled, (ch * b + n) * plane, plane);
        }
      }

      // ------------------------------------------------------------- backward, conv blocks
      for (int i = blocks.size() - 1; i >= 0; i--) {
        Block blk = blocks.get(i);
        long t = System.nanoTime();
        if (blk.bn) { // through pooling, batch norm, ReLU: dz, dgamma, dbeta, dbias
          poolBnReluBack(
              blk.dpooled,
              blk.arg,
              blk.xh,
              blk.a,
              blk.gamma,
              blk.inv,
              blk.f,
              b,
              blk.o,
              blk.dz,
              blk.gGamma,
              blk.gBeta,
              blk.gBias);
        } else { // through pooling and ReLU: dz, dbias
          poolReluBack(blk.dpooled, blk.arg, blk.a, blk.f, b, blk.o, blk.dz, blk.gBias);
        }
        timers.back += System.nanoTime() - t;
        put(blk.dz, blk.dzN);
        // dW [f, c*k*k] = dz [f, m] . col^T [m, c*k*k]. For the first block (c*k*k = 9 or 25
        // rows, m = b*28*28 or b*24*24) it is computed as its transpose, dW^T = col . dz^T, into
        // the transposed view of the same memory: BLAS runs that skinny product faster that way
        // (bench/conv-step dw1: 0.37 against 1.07 ms; in the step 0.7 against 1.5 ms). For the
        // second block the transposed form was faster alone (0.93 against 1.14 ms) but slower
        // inside the step (2.3 against 1.6 ms, 12:34 UTC), so it keeps the direct form.
        if (i == 0) {
          gemm("conv" + blk.f + " dW", blk.colN, blk.dzN, blk.gWt, false, true);
        } else {
          gemm("conv" + blk.f + " dW", blk.dzN, blk.colN, blk.gW, false, true);
        }
        if (i > 0) { // dL/d(input) = col2im(W^T dz), the previous block's dL/d(pooled)
          gemm(
              "conv" + blk.f + " dcol",
              blk.w,
              blk.dzN,
              blk.dcolN,
              true,
              false); // dcol [c*k*k, m] = W^T [c*k*k, f] . dz
          get(blk.dcolN, blk.dcol);
          float[] dIn = blocks.get(i - 1).dpooled;
          t = System.nanoTime();
          Arrays.fill(dIn, 0f);
          col2im(blk.dcol, blk.c, b, blk.s, blk.k, blk.pad, blk.o, dIn);
          timers.col2im += System.nanoTime() - t;
        } // (no dL/dx for the first block: the input needs no gradient)
      }
      writeSmallGradients();
      return loss;
    }

    /** Biases, gamma and beta from the flat parameters (a few hundred floats). */
    private void readSmallParams() {
      for (Block blk : blocks) {
        paramsBuf.get(blk.oB, blk.bias);
        if (blk.bn) {
          paramsBuf.get(blk.oG, blk.gamma);
          paramsBuf.get(blk.oBe, blk.beta);
        }
      }
      paramsBuf.get(oB3, bias3);
      paramsBuf.get(oB4, bias4);
    }

    private void writeSmallGradients() {
      for (Block blk : blocks) {
        gradBuf.put(blk.oB, blk.gBias);
        if (blk.bn) {
          gradBuf.put(blk.oG, blk.gGamma);
          gradBuf.put(blk.oBe, blk.gBeta);
          gradBuf.put(blk.oMu, blk.zeros); // the running statistics are not trained by Adam
          gradBuf.put(blk.oLs, blk.zeros);
        }
      }
      gradBuf.put(oB3, gBias3);
      gradBuf.put(oB4, gBias4);
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
      for (Block blk : blocks) {
        if (!blk.bn) {
          continue;
        }
        for (int ch = 0; ch < blk.f; ch++) {
          g[blk.oMu + ch] = (float) ((1 - blk.decay) * (blk.runMean[ch] - blk.mean[ch]));
          double next = blk.decay * blk.runVar[ch] + (1 - blk.decay) * blk.var[ch];
          g[blk.oLs + ch] = (float) (0.5 * Math.log10(blk.runVar[ch] / next));
        }
      }
      return g;
    }

    // --------------------------------------------------------------------- element-wise parts

    /**
     * im2col for a {@code k x k} window, padding {@code pad}, stride 1, on a CNHW input {@code src
     * [C, N, S, S]} with output size {@code O = S + 2 pad - k + 1}:
     *
     * <pre>
     * col[(c*k + kh)*k + kw, (n*O + h)*O + w] = src[c, n, h + kh - pad, w + kw - pad]  (0 outside)
     * </pre>
     *
     * so that {@code W [F, C*k*k] . col} is the convolution (W in DL4J's [F, C, k, k] c-order).
     */
    static void im2col(float[] src, int C, int N, int S, int k, int pad, int O, float[] col) {
      int nOO = N * O * O;
      for (int c = 0; c < C; c++) {
        for (int kh = 0; kh < k; kh++) {
          for (int kw = 0; kw < k; kw++) {
            int row = ((c * k + kh) * k + kw) * nOO;
            int dw = kw - pad;
            int from = Math.max(0, -dw), to = Math.min(O, S - dw); // 0 <= w + dw < S
            for (int n = 0; n < N; n++) {
              for (int h = 0; h < O; h++) {
                int d = row + (n * O + h) * O;
                int hs = h + kh - pad;
                if (hs < 0 || hs >= S) {
                  Arrays.fill(col, d, d + O, 0f);
                  continue;
                }
                int s = ((c * N + n) * S + hs) * S + dw;
                for (int w = 0; w < from; w++) {
                  col[d + w] = 0f;
                }
                System.arraycopy(src, s + from, col, d + from, to - from);
                for (int w = to; w < O; w++) {
                  col[d + w] = 0f;
                }
              }
            }
          }
        }
      }
    }

    /**
     * The adjoint of {@link #im2col}: {@code dst[c, n, h + kh - pad, w + kw - pad] += col[(c*k +
     * kh)*k + kw, (n*O + h)*O + w]} for positions inside the image ({@code dst} zeroed by the
     * caller): dL/d(input) is the sum, over the k*k window offsets, of dL/d(col).
     */
    static void col2im(float[] col, int C, int N, int S, int k, int pad, int O, float[] dst) {
      int nOO = N * O * O;
      for (int c = 0; c < C; c++) {
        for (int kh = 0; kh < k; kh++) {
          for (int kw = 0; kw < k; kw++) {
            int row = ((c * k + kh) * k + kw) * nOO;
            int dw = kw - pad;
            int from = Math.max(0, -dw), to = Math.min(O, S - dw);
            for (int n = 0; n < N; n++) {
              for (int h = 0; h < O; h++) {
                int hs = h + kh - pad;
                if (hs < 0 || hs >= S) {
                  continue;
                }
                int d = row + (n * O + h) * O;
                int s = ((c * N + n) * S + hs) * S + dw;
                for (int w = from; w < to; w++) {
                  dst[s + w] += col[d + w];
                }
              }
            }
          }
        }
      }
    }

    /** Per channel row c of {@code z [C, m]}, in place: {@code a = ReLU(z + bias_c)}. */
    static void biasRelu(float[] z, float[] bias, int C, int m) {
      for (int c = 0; c < C; c++) {
        float bc = bias[c];
        for (int i = c * m; i < (c + 1) * m; i++) {
          z[i] = Math.max(z[i] + bc, 0f); // branch-free (maxss), and vectorisable
        }
      }
    }

    /**
     * Per channel row c of {@code z [C, m]} (in place): {@code a = ReLU(z + bias_c)} (the
     * convolution's activation), then batch norm's training statistics over the m = b*o*o
     * positions, biased variance as DL4J/oneDNN: {@code mean_c}, {@code var_c = E[a^2] - mean_c^2},
     * {@code inv_c = 1 / sqrt(var_c + eps)}, and {@code xhat = (a - mean_c) inv_c}.
     *
     * <p>The sums run in double (one pass: in double, E[a^2] - mean^2 loses nothing that matters
     * for values of order 1), with four independent accumulators each: a single chain of dependent
     * additions is bound by the adder's latency, four chains keep it busy (the JIT does not reorder
     * floating-point sums by itself).
     */
    static void biasReluNorm(
        float[] z,
        float[] bias,
        int C,
        int m,
        double eps,
        float[] xhat,
        double[] mean,
        double[] var,
        double[] inv) {
      for (int c = 0; c < C; c++) {
        int o = c * m, end = o + m;
        float bc = bias[c];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = o;
        for (; i + 3 < end; i += 4) {
          float v0 = Math.max(z[i] + bc, 0f), v1 = Math.max(z[i + 1] + bc, 0f);
          float v2 = Math.max(z[i + 2] + bc, 0f), v3 = Math.max(z[i + 3] + bc, 0f);
          z[i] = v0;
          z[i + 1] = v1;
          z[i + 2] = v2;
          z[i + 3] = v3;
          s0 += v0;
          s1 += v1;
          s2 += v2;
          s3 += v3;
          q0 += (double) v0 * v0;
          q1 += (double) v1 * v1;
          q2 += (double) v2 * v2;
          q3 += (double) v3 * v3;
        }
        for (; i < end; i++) {
          float v = Math.max(z[i] + bc, 0f);
          z[i] = v;
          s0 += v;
          q0 += (double) v * v;
        }
        double mu = (s0 + s1 + s2 + s3) / m;
        mean[c] = mu;
        var[c] = Math.max((q0 + q1 + q2 + q3) / m - mu * mu, 0);
        inv[c] = 1 / Math.sqrt(var[c] + eps);
        float muF = (float) mu, invF = (float) inv[c];
        for (i = o; i < end; i++) {
          xhat[i] = (z[i] - muF) * invF;
        }
      }
    }

    /**
     * Batch norm's output {@code y = gamma_c xhat + beta_c} and 2x2 max pooling with stride 2 on
     * {@code [C, N, O, O]}, in one pass: {@code out[c, n, i, j] = max over the window (2i..2i+1,
     * 2j..2j+1) of y}; {@code arg} keeps where it is (the index into {@code [C, N, O, O]}). The
     * first maximum wins ties; ties happen only between ReLU zeros (equal a, so equal y), whose
     * gradient the ReLU stops, and x-hat is equal for them, so the choice changes no gradient.
     */
    static void bnPool(
        float[] xhat, float[] gamma, float[] beta, int C, int N, int O, float[] out, int[] arg) {
      int q = O / 2;
      for (int c = 0; c < C; c++) {
        float g = gamma[c], be = beta[c];
        for (int n = 0; n < N; n++) {
          int base = (c * N + n) * O * O, r = (c * N + n) * q * q;
          for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++, r++) {
              int p = base + 2 * i * O + 2 * j;
              float v0 = g * xhat[p] + be, v1 = g * xhat[p + 1] + be;
              float v2 = g * xhat[p + O] + be, v3 = g * xhat[p + O + 1] + be;
              // which one wins is random data, so branches would mispredict half the time:
              // max as maxss, the index by selects (first maximum wins ties, as in 0, 1, 2, 3
              // order)
              float top = Math.max(v0, v1), bottom = Math.max(v2, v3);
              int kTop = v1 > v0 ? p + 1 : p, kBottom = v3 > v2 ? p + O + 1 : p + O;
              out[r] = Math.max(top, bottom);
              arg[r] = bottom > top ? kBottom : kTop;
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
     * pooling:    dy_i = dp_r if i is the argmax of window r, else 0
     * batch norm: dbeta = sum_i dy_i = sum_r dp_r;  dgamma = sum_i dy_i xhat_i = sum_r dp_r xhat_arg(r)
     *             dx_i = gamma inv (dy_i - dbeta/m - xhat_i dgamma/m)     (batch statistics: the
     *             mean and variance depend on every x_i, which gives the two sums)
     * ReLU:       dz_i = dx_i if a_i > 0 else 0;    dbias = sum_i dz_i
     * </pre>
     */
    static void poolBnReluBack(
        float[] dp,
        int[] arg,
        float[] xhat,
        float[] a,
        float[] gamma,
        double[] inv,
        int C,
        int N,
        int O,
        float[] dz,
        float[] dGamma,
        float[] dBeta,
        float[] dBias) {
      int windows = N * (O / 2) * (O / 2), m = N * O * O;
      for (int c = 0; c < C; c++) {
        int o = c * m, r0 = c * windows, r1 = r0 + windows;
        double sb0 = 0, sb1 = 0, sg0 = 0, sg1 = 0; // two chains each (see biasReluNorm)
        int r = r0;
        for (; r + 1 < r1; r += 2) {
          sb0 += dp[r];
          sb1 += dp[r + 1];
          sg0 += dp[r] * xhat[arg[r]];
          sg1 += dp[r + 1] * xhat[arg[r + 1]];
        }
        for (; r < r1; r++) {
          sb0 += dp[r];
          sg0 += dp[r] * xhat[arg[r]];
        }
        double sb = sb0 + sb1, sg = sg0 + sg1;
        dBeta[c] = (float) sb;
        dGamma[c] = (float) sg;
        float scale = (float) (gamma[c] * inv[c]);
        // what every position gets, -(dbeta + xhat dgamma)/m, times the ReLU's derivative [a > 0]:
        // a >= 0 here, and min(a * 2^126, 1) is exactly 1 for every normal a > 0 and 0 for a = 0
        // (only subnormal a, below 1.2e-38, would be scaled by less): branch-free, so the random
        // 0/1 pattern of the ReLU costs no mispredicted branches
        float cbS = (float) (-scale * sb / m), cgS = (float) (-scale * sg / m);
        for (int i = o; i < o + m; i++) {
          dz[i] = Math.min(a[i] * 0x1p126f, 1f) * (cbS + xhat[i] * cgS);
        }
        for (r = r0; r < r1; r++) { // plus dy at the argmax positions, through the ReLU
          int p = arg[r];
          dz[p] += Math.min(a[p] * 0x1p126f, 1f) * scale * dp[r];
        }
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = o, end = o + m;
        for (; i + 3 < end; i += 4) {
          s0 += dz[i];
          s1 += dz[i + 1];
          s2 += dz[i + 2];
          s3 += dz[i + 3];
        }
        for (; i < end; i++) {
          s0 += dz[i];
        }
        dBias[c] = (float) (s0 + s1 + s2 + s3);
      }
    }

    /**
     * Without batch norm: {@code dz_i = dp_r} if i is the argmax of window r and {@code a_i > 0},
     * else 0 (pooling, then the convolution's ReLU); {@code dbias = sum_i dz_i}.
     */
    static void poolReluBack(
        float[] dp, int[] arg, float[] a, int C, int N, int O, float[] dz, float[] dBias) {
      int windows = N * (O / 2) * (O / 2);
      Arrays.fill(dz, 0f);
      for (int c = 0; c < C; c++) {
        double s = 0;
        for (int r = c * windows; r < (c + 1) * windows; r++) {
          int p = arg[r];
          float g = Math.min(a[p] * 0x1p126f, 1f) * dp[r]; // [a > 0] dp, see poolBnReluBack
          dz[p] = g;
          s += g;
        }
        dBias[c] = (float) s;
      }
    }

    /**
     * {@code prob = softmax(z4 + b4)} per row (in double, max subtracted), the loss {@code -(1/b)
     * sum y log p} (p clipped at 1e-10 as DL4J's MCXENT scores), and then {@code prob <- (prob - y)
     * / b}, the mean gradient w.r.t. the output layer's pre-activation.
     */
    double softmaxLoss() {
      int K = numClasses;
      double loss = 0;
      for (int n = 0; n < b; n++) {
        int o = n * K;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
          max = Math.max(max, z4[o + k] + bias4[k]);
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
          expRow[k] = Math.exp(z4[o + k] + bias4[k] - max);
          sum += expRow[k];
        }
        for (int k = 0; k < K; k++) {
          double p = expRow[k] / sum;
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
