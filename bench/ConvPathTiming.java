import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;
import org.dlcourse.train.fast.FastPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Model.fit with the library's fast convolutional path (ConvStepper) against the same call with
 * -Ddlcourse.fastpath=false (DL4J's fit), interleaved in one JVM: two copies of one network, the
 * same minibatches of 64 Fashion-MNIST images; each round times S steps of each, the order
 * alternating between rounds. Prints ms per step per round, medians, ratio and the load average.
 *
 * <p>Run: bench/conv-path [small|lenet] ROUNDS STEPS
 */
public final class ConvPathTiming {

  public static void main(String[] args) {
    String model = args.length > 0 ? args[0] : "small";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Cnns.Builder builder =
        model.equals("lenet")
            ? Cnns.builder().seed(50)
            : Cnns.builder()
                .filters(16, 32)
                .filterSize(3)
                .padding(1)
                .batchNorm(true)
                .dense(128)
                .learningRate(2e-3)
                .seed(50);
    Model fast = builder.build();
    Model dl4j = builder.build();
    dl4j.network().setParams(fast.network().params().dup());
    List<DataSet> batches = minibatches(steps);
    System.out.printf(Locale.ROOT, "%s: path %s; load before %.2f%n", model, fast.trainingPath(),
        load());
    for (int w = 0; w < 30; w++) { // warm-up of both paths
      run(fast, batches.get(w % steps), true);
      run(dl4j, batches.get(w % steps), false);
    }
    double[] tFast = new double[rounds];
    double[] tDl4j = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      boolean fastFirst = r % 2 == 0;
      for (int pass = 0; pass < 2; pass++) {
        boolean useFast = (pass == 0) == fastFirst;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          run(useFast ? fast : dl4j, batches.get(s), useFast);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        (useFast ? tFast : tDl4j)[r] = ms;
      }
      System.out.printf(Locale.ROOT, "round %d: fast %.1f ms/step, DL4J fit %.1f ms/step, %.2fx, load %.2f%n",
          r + 1, tFast[r], tDl4j[r], tDl4j[r] / tFast[r], load());
    }
    double mf = median(tFast);
    double md = median(tDl4j);
    System.out.printf(Locale.ROOT,
        "%s, %d x %d steps of 64: fast path %.1f ms/step (%.1f-%.1f), DL4J fit %.1f ms/step"
            + " (%.1f-%.1f), ratio of medians %.2fx; fast steps counted %d; load after %.2f%n",
        model, rounds, steps, mf, min(tFast), max(tFast), md, min(tDl4j), max(tDl4j), md / mf,
        FastPath.stepsTaken(), load());
  }

  static void run(Model model, DataSet batch, boolean fastPath) {
    if (fastPath) {
      System.clearProperty(FastPath.PROPERTY);
    } else {
      System.setProperty(FastPath.PROPERTY, "false");
    }
    model.fit(batch);
  }

  static List<DataSet> minibatches(int count) {
    Dataset images = Datasets.fashionMnist().train().asImages(1, 28, 28).take(count * 64);
    List<DataSet> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      var rows = NDArrayIndex.interval(s * 64, (s + 1) * 64);
      out.add(new DataSet(images.features().get(rows).castTo(DataType.FLOAT).dup('c'),
          images.labels().get(rows).castTo(DataType.FLOAT).dup('c')));
    }
    return out;
  }

  static double load() {
    try {
      return Double.parseDouble(
          new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")))
              .split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
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
}
