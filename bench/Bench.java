import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Speed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.train.Trainer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the course's reference models through the course library (bench/run
 * starts one JVM per measurement). Prints one line: RESULT key=value ... sps=s1,s2,...
 *
 * <pre>
 * java -cp CLASSPATH Bench MODEL PATH STEPS WARMUP_STEPS REPS [THREADS]
 *   MODEL  mlp | lenet | alexnet         (add a model: one entry in MODELS, and the same in torch_ref.py)
 *   PATH   course: Trainer.fit (what students run); plain: a bare network.fit(minibatch) loop
 * </pre>
 */
public final class Bench {

  static final int BATCH_SIZE = 128;

  /** A reference model and the view of Fashion-MNIST it reads. */
  record Reference(Supplier<Model> build, Function<Dataset, Dataset> view) {}

  static final Map<String, Reference> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("mlp", new Reference(() -> Models.mlp(784, 256, 128, 10), d -> d.flatten()));
    MODELS.put("lenet", new Reference(() -> Cnns.lenet(10), d -> d.asImages(1, 28, 28)));
    MODELS.put("alexnet", new Reference(() -> Cnns.alexNetStyle(10), d -> d.asImages(1, 28, 28)));
  }

  public static void main(String[] args) {
    if (args.length < 5 || !MODELS.containsKey(args[0])) {
      System.err.println(
          "usage: Bench MODEL(" + MODELS.keySet() + ") course|plain STEPS WARMUP REPS [THREADS]");
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
    Reference reference = MODELS.get(name);
    Dataset all = reference.view().apply(Datasets.fashionMnist().train()); // in memory, float32
    Dataset timed = all.take(steps * BATCH_SIZE);
    Dataset warm = all.take(Math.max(1, warmup) * BATCH_SIZE);
    Model model = reference.build().get();
    run(model, path, warm, 0); // warm-up: JIT, native primitive caches, workspaces
    List<String> sps = new ArrayList<>();
    for (int rep = 1; rep <= reps; rep++) {
      long start = System.nanoTime();
      run(model, path, timed, rep);
      double seconds = (System.nanoTime() - start) / 1e9;
      sps.add(String.format(Locale.ROOT, "%.1f", timed.size() / seconds));
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT model=%s path=%s steps=%d batch=%d threads=%d helpers=%s sps=%s%n",
        name,
        path,
        steps,
        BATCH_SIZE,
        Nd4j.getEnvironment().maxMasterThreads(),
        Speed.helpersActive() ? "on" : "off",
        String.join(",", sps));
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
