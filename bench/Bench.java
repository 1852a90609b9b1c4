import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Speed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Training throughput of the course's reference models through the course library (bench/run starts
 * one JVM per measurement). Prints one line: RESULT key=value ... sps=s1,s2,...
 *
 * <pre>
 * java -cp CLASSPATH Bench MODEL PATH STEPS WARMUP_STEPS REPS [THREADS]
 *   MODEL  mlp | lenet | alexnet | charlstm | gan   (add a model: one entry in WORKLOADS, and the
 *          same model in torch_ref.py)
 *   PATH   course: what students run (Trainer.fit: the fast dense path for the MLPs, the fast
 *          convolutional path for lenet and alexnet; CharTraining.fit, Gan.fit);
 *          plain: a bare network.fit(minibatch) loop (not for gan: the GAN has no plain DL4J loop)
 * java -cp CLASSPATH Bench charlstm export FILE   writes the character model's text for torch_ref.py
 * java -cp CLASSPATH Bench charlstm|gan check FILE  writes weights, inputs and losses that
 *                                                  torch_ref.py --check redoes in PyTorch
 * </pre>
 *
 * <p>"sps" is samples per second, a sample being what the RESULT line's {@code unit} names: an
 * image for the Fashion-MNIST classifiers, a window of characters for charlstm, a real image (with
 * one generated image) for gan. {@code params} is the number of trainable parameters (parameters an
 * optimiser updates; batch norm's running mean and variance are not counted), to compare with
 * PyTorch's.
 */
public final class Bench {

  static final int BATCH_SIZE = 128;

  /** One benchmarked model: prepares a training pass of a given number of steps. */
  interface Workload {
    /** Samples per step. */
    int batchSize();

    /** What one sample is, for the report ("images", "sequences", ...). */
    String unit();

    /** Parameters the optimiser(s) update. */
    long trainableParams();

    /**
     * A pass of {@code steps} minibatches on {@code path}, run with a seed for its batch order;
     * data is prepared here, not when it runs (outside the timing).
     */
    LongConsumer pass(String path, int steps);

    /** Which training step {@code path} runs: {@code fast} (a fast path) or {@code dl4j}. */
    default String trainingPath(String path) {
      return "dl4j";
    }
  }

  static final Map<String, Supplier<Workload>> WORKLOADS = new LinkedHashMap<>();

  static {
    WORKLOADS.put("mlp", () -> fashion(Models.mlp(784, 256, 128, 10), Dataset::flatten));
    // notebook 06's regulariser: each hidden layer's output dropped with probability 0.5
    WORKLOADS.put(
        "mlp-dropout",
        () ->
            fashion(
                Models.mlpBuilder().layerSizes(784, 256, 128, 10).dropout(0.5).build(),
                Dataset::flatten));
    WORKLOADS.put("lenet", () -> fashion(Cnns.lenet(10), d -> d.asImages(1, 28, 28)));
    WORKLOADS.put("alexnet", () -> fashion(Cnns.alexNetStyle(10), d -> d.asImages(1, 28, 28)));
    WORKLOADS.put("charlstm", CharLstmBench::load);
    WORKLOADS.put("gan", GanBench::load);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("charlstm") && args[1].equals("export")) {
      CharLstmBench.export(java.nio.file.Path.of(args[2]));
      return;
    }
    if (args.length == 3 && args[1].equals("check")) { // same weights and inputs for PyTorch
      switch (args[0]) {
        case "charlstm" -> CharLstmBench.check(java.nio.file.Path.of(args[2]));
        case "gan" -> GanBench.check(java.nio.file.Path.of(args[2]));
        default -> throw new IllegalArgumentException("no cross-check for " + args[0]);
      }
      return;
    }
    if (args.length < 5 || !WORKLOADS.containsKey(args[0])) {
      System.err.println(
          "usage: Bench MODEL("
              + WORKLOADS.keySet()
              + ") course|plain STEPS WARMUP REPS [THREADS]");
      System.exit(2);
    }
    String name = args[0];
    String path = args[1];
    int steps = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int reps = Integer.parseInt(args[4]);
    if (args.length > 5) {
      Speed.threads(Integer.parseInt(args[5])); // runtime switch, see Speed.threads
    }
    Workload workload = WORKLOADS.get(name).get();
    LongConsumer timed = workload.pass(path, steps);
    // Loading the data set leaves large temporary arrays behind; G1 then marks the heap
    // concurrently, on the second core and with write barriers in the trainer's thread, for the
    // first seconds of training (2026-11-30: the MLP's first three passes after the warm-up at
    // 65-84k images/s, the later ones 93-98k, the jump at the GC ending that cycle). Collect it
    // before the warm-up, so the timed passes measure training, not the loader's garbage.
    System.gc();
    workload.pass(path, Math.max(1, warmup)).accept(0); // warm-up: JIT, native caches, workspaces
    List<String> sps = new ArrayList<>();
    for (int rep = 1; rep <= reps; rep++) {
      long start = System.nanoTime();
      timed.accept(rep);
      double seconds = (System.nanoTime() - start) / 1e9;
      sps.add(String.format(Locale.ROOT, "%.1f", steps * workload.batchSize() / seconds));
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT model=%s path=%s steps=%d batch=%d unit=%s params=%d threads=%d helpers=%s"
            + " trainpath=%s sps=%s%n",
        name,
        path,
        steps,
        workload.batchSize(),
        workload.unit(),
        workload.trainableParams(),
        Nd4j.getEnvironment().maxMasterThreads(),
        Speed.helpersActive() ? "on" : "off",
        workload.trainingPath(path),
        String.join(",", sps));
  }

  /** The parameters of {@code network} that its updater changes (not batch norm's statistics). */
  static long trainableParams(MultiLayerNetwork network) {
    long n = 0;
    for (Layer layer : network.getLayers()) {
      var conf = layer.conf().getLayer();
      for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
        if (!(conf.getUpdaterByParam(p.getKey()) instanceof NoOp)) {
          n += p.getValue().length();
        }
      }
    }
    return n;
  }

  /** A Fashion-MNIST classifier: minibatches of 128 images, reshaped by {@code view}. */
  static Workload fashion(Model model, Function<Dataset, Dataset> view) {
    Dataset all = view.apply(Datasets.fashionMnist().train()); // in memory, float32
    return new Workload() {
      public int batchSize() {
        return BATCH_SIZE;
      }

      public String unit() {
        return "images";
      }

      public long trainableParams() {
        return Bench.trainableParams(model.network());
      }

      public String trainingPath(String path) {
        return path.equals("course") && model.usesFastPath() ? "fast" : "dl4j";
      }

      public LongConsumer pass(String path, int steps) {
        Dataset data = all.take(steps * BATCH_SIZE);
        return seed -> run(model, path, data, seed);
      }
    };
  }

  static void run(Model model, String path, Dataset data, long seed) {
    switch (path) {
      case "course" ->
          Trainer.builder()
              .numEpochs(1)
              .batchSize(BATCH_SIZE)
              .seed(seed)
              .progress(false)
              .build()
              .fit(model, data);
      case "plain" -> {
        MultiLayerNetwork net = model.network();
        DataSetIterator batches = data.batches(BATCH_SIZE, true, seed);
        while (batches.hasNext()) {
          net.fit(batches.next());
        }
      }
      default -> throw new IllegalArgumentException("path must be course or plain: " + path);
    }
  }
}
