import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlcourse.Seed;
import org.dlcourse.Smoke;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.FashionMnist;
import org.dlcourse.data.Splits;
import org.dlcourse.features.EdgeHistograms;
import org.dlcourse.generalisation.PairedDifference;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;
import org.dlcourse.models.Models;
import org.dlcourse.train.Evaluation;
import org.dlcourse.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Notebook 01's small CNN outside the notebook (issue 8: its cell took 267 of the notebook's 329.5
 * s on a quiet machine). Run by {@code bench/nb01-cnn}; two modes:
 *
 * <pre>
 * time ROUNDS IMAGES CONFIG...   interleaved timing: each round trains every CONFIG on the same
 *                                IMAGES training images (one pass), in turn; prints wall seconds and
 *                                the training thread's CPU seconds per 10,000 images
 * seed CONFIG                    the notebook's split (DLCOURSE_SEED, DLCOURSE_SMOKE), the CNN
 *                                trained as the notebook's fitChoosingEpoch does, and the best
 *                                hand-crafted pipeline of the recorded runs (4 px edge histograms -> MLP,
 *                                trained the same way); prints both test accuracies and the paired
 *                                difference the notebook's central check reads
 * </pre>
 *
 * CONFIG: {@code f=16-32,bn=1,b=64,lr=2e-3,e=3,d=0.7} (filters, batch norm, minibatch, Adam's rate,
 * at most e epochs, per-epoch rate factor d); missing keys take these values, the notebook's own.
 */
public final class Nb01Cnn {

  private static final int PATIENCE = 2;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One candidate setting of the small CNN and its training schedule. */
  record Config(
      String spec,
      int[] filters,
      boolean batchNorm,
      int batch,
      double rate,
      int epochs,
      double decay) {
    static Config parse(String spec) {
      Map<String, String> kv =
          new LinkedHashMap<>(
              Map.of("f", "16-32", "bn", "1", "b", "64", "lr", "2e-3", "e", "3", "d", "0.7"));
      for (String part : spec.split(",")) {
        String[] p = part.split("=", 2);
        if (p.length != 2 || !kv.containsKey(p[0])) {
          throw new IllegalArgumentException(
              "config part must be one of f=, bn=, b=, lr=, e=, d= but was '"
                  + part
                  + "' in "
                  + spec);
        }
        kv.put(p[0], p[1]);
      }
      int[] filters =
          java.util.Arrays.stream(kv.get("f").split("-")).mapToInt(Integer::parseInt).toArray();
      return new Config(
          spec,
          filters,
          kv.get("bn").equals("1"),
          Integer.parseInt(kv.get("b")),
          Double.parseDouble(kv.get("lr")),
          Integer.parseInt(kv.get("e")),
          Double.parseDouble(kv.get("d")));
    }

    Model build() {
      return Cnns.builder()
          .name("small CNN")
          .filters(filters)
          .filterSize(3)
          .padding(1)
          .batchNorm(batchNorm)
          .dense(128)
          .learningRate(rate)
          .seed(Seed.derive(50))
          .build();
    }
  }

  public static void main(String[] args) {
    switch (args[0]) {
      case "time" ->
          time(
              Integer.parseInt(args[1]),
              Integer.parseInt(args[2]),
              java.util.Arrays.copyOfRange(args, 3, args.length));
      case "seed" -> seed(Config.parse(args[1]));
      default -> throw new IllegalArgumentException("mode must be time or seed but was " + args[0]);
    }
  }

  /** The notebook's split (section 2): same sizes, same seed. */
  static Splits notebookSplit() {
    return FashionMnist.builder()
        .trainSize(Smoke.pick(55_000, 10_000))
        .validationSize(5_000)
        .testSize(10_000)
        .seed(Seed.derive(0))
        .load();
  }

  static void time(int rounds, int images, String[] specs) {
    Splits data = notebookSplit();
    Dataset part = data.train().take(images).asImages(1, 28, 28);
    List<Config> configs = new ArrayList<>();
    List<Model> models = new ArrayList<>();
    for (String s : specs) {
      configs.add(Config.parse(s));
      Model m = configs.get(configs.size() - 1).build();
      Trainer.builder()
          .numEpochs(1)
          .batchSize(configs.get(configs.size() - 1).batch)
          .seed(1)
          .progress(false)
          .build()
          .fit(m, part.take(Math.min(images, 1280))); // warm-up
      models.add(m);
    }
    for (int r = 1; r <= rounds; r++) {
      for (int i = 0; i < configs.size(); i++) {
        double load0 = load();
        long wall = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime();
        Trainer.builder()
            .numEpochs(1)
            .batchSize(configs.get(i).batch)
            .seed(r)
            .progress(false)
            .build()
            .fit(models.get(i), part);
        double w = (System.nanoTime() - wall) / 1e9,
            c = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "TIME round=%d config=%s wall_s_per_10k=%.1f cpu_s_per_10k=%.1f load=%.2f-%.2f%n",
            r,
            configs.get(i).spec,
            w * 10_000 / images,
            c * 10_000 / images,
            load0,
            load());
      }
    }
  }

  static void seed(Config config) {
    Splits data = notebookSplit();
    Dataset train = data.train(), validation = data.validation(), test = data.test();
    long wall = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime();
    Model cnn = config.build();
    List<Double> byEpoch =
        fitChoosingEpoch(
            cnn,
            train.asImages(1, 28, 28),
            validation.asImages(1, 28, 28),
            config.epochs,
            config.batch,
            config.decay,
            50);
    int[] cnnPred = cnn.predictClasses(test.asImages(1, 28, 28).features());
    System.out.printf(
        Locale.ROOT,
        "CNN %s: %d epochs, epoch %d kept, validation %.4f, %.1f s wall, %.1f s thread CPU, load"
            + " %.2f%n",
        config.spec,
        byEpoch.size(),
        byEpoch.indexOf(Collections.max(byEpoch)) + 1,
        Collections.max(byEpoch),
        (System.nanoTime() - wall) / 1e9,
        (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
        load());
    // the best hand-crafted pipeline of every recorded run: 4 px edge histograms -> MLP (notebook
    // section 5)
    EdgeHistograms e = EdgeHistograms.of(4, 9);
    Dataset raw = e.transform(train);
    Dataset edgeTrain = raw.standardize(), edgeVal = e.transform(validation).standardizeLike(raw);
    Dataset edgeTest = e.transform(test).standardizeLike(raw);
    Model mlp =
        Models.mlpBuilder()
            .layerSizes(e.numFeatures(28), 256, 128, 10)
            .seed(Seed.derive(40))
            .build();
    List<Double> mlpByEpoch = fitChoosingEpoch(mlp, edgeTrain, edgeVal, 8, 128, 0.7, 40);
    int[] handPred = mlp.predictClasses(edgeTest.features());
    int[] labels = test.labelIndices();
    System.out.printf(
        Locale.ROOT,
        "RESULT seed=%d mode=%s config=%s cnn_test=%.4f hand_test=%.4f hand_val=%.4f diff=%s%n",
        Seed.base(),
        Smoke.mode(),
        config.spec,
        accuracy(cnnPred, labels),
        accuracy(handPred, labels),
        Collections.max(mlpByEpoch),
        PairedDifference.of(cnnPred, handPred, labels));
  }

  /**
   * The notebook's fitChoosingEpoch (setup cell), with the per-epoch rate factor as a parameter.
   */
  static List<Double> fitChoosingEpoch(
      Model model, Dataset tr, Dataset va, int maxEpochs, int batchSize, double decay, int k) {
    List<Double> accuracy = new ArrayList<>();
    INDArray best = model.params().dup();
    int bestEpoch = 0;
    double rate0 = model.network().getLearningRate(0);
    for (int epoch = 1; epoch <= maxEpochs && epoch - bestEpoch <= PATIENCE; epoch++) {
      model.network().setLearningRate(rate0 * Math.pow(decay, epoch - 1));
      long wall = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime();
      Trainer.builder()
          .numEpochs(1)
          .batchSize(batchSize)
          .seed(Seed.derive(1000L * k + epoch))
          .progress(false)
          .build()
          .fit(model, tr);
      double w = (System.nanoTime() - wall) / 1e9,
          c = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
      accuracy.add(Evaluation.of(model, va).accuracy());
      System.out.printf(
          Locale.ROOT,
          "  epoch %d: validation accuracy %.4f (%.1f s wall, %.1f s CPU, load %.2f)%n",
          epoch,
          accuracy.get(epoch - 1),
          w,
          c,
          load());
      if (bestEpoch == 0 || accuracy.get(epoch - 1) > accuracy.get(bestEpoch - 1)) {
        bestEpoch = epoch;
        best = model.params().dup();
      }
    }
    model.setParams(best);
    return accuracy;
  }

  static double accuracy(int[] predicted, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) correct++;
    return (double) correct / labels.length;
  }

  static double load() {
    try {
      return Double.parseDouble(
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException | RuntimeException ex) {
      return Double.NaN;
    }
  }
}
