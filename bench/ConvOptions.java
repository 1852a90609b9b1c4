import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Speed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.features.SmallCnn;
import org.dlcourse.models.Cnns;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the course's convolutional networks under DL4J's speed options, one JVM
 * per configuration (the helpers switch is read when a layer is created). Prints one line: RESULT
 * key=value ... sps=s1,s2,...
 *
 * <pre>
 * java -Dorg.eclipse.deeplearning4j.helpers.disable=true|false -cp CLASSPATH ConvOptions \
 *     MODEL(lenet|small) BATCH WORKSPACE(enabled|none) CACHE(none|host|device) SAMPLES REPS
 * </pre>
 *
 * A bare {@code network.fit(minibatch)} loop over Fashion-MNIST images in memory; warm-up first.
 */
public final class ConvOptions {

  public static void main(String[] args) {
    String model = args[0];
    int batch = Integer.parseInt(args[1]);
    WorkspaceMode workspace = WorkspaceMode.valueOf(args[2].toUpperCase(Locale.ROOT));
    CacheMode cache = CacheMode.valueOf(args[3].toUpperCase(Locale.ROOT));
    int samples = Integer.parseInt(args[4]);
    int reps = Integer.parseInt(args[5]);
    MultiLayerConfiguration conf =
        switch (model) {
          case "lenet" -> Cnns.lenetConfiguration(10);
          case "small" -> SmallCnn.configuration(8, 16, 64, 10, 2e-3, 42);
          default -> throw new IllegalArgumentException("model must be lenet or small: " + model);
        };
    conf.setTrainingWorkspaceMode(workspace);
    conf.setInferenceWorkspaceMode(workspace);
    conf.setCacheMode(cache);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    Dataset all = Datasets.fashionMnist().train().asImages(1, 28, 28);
    run(net, all.take(Math.max(batch * 10, 640)), batch, 0); // warm-up
    List<String> sps = new ArrayList<>();
    Dataset timed = all.take(samples);
    for (int rep = 1; rep <= reps; rep++) {
      long start = System.nanoTime();
      run(net, timed, batch, rep);
      sps.add(String.format(Locale.ROOT, "%.0f", samples / ((System.nanoTime() - start) / 1e9)));
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT model=%s batch=%d workspace=%s cache=%s threads=%d helpers=%s sps=%s%n",
        model,
        batch,
        workspace,
        cache,
        Nd4j.getEnvironment().maxMasterThreads(),
        Speed.helpersActive() ? "on" : "off",
        String.join(",", sps));
  }

  static void run(MultiLayerNetwork net, Dataset data, int batch, long seed) {
    DataSetIterator batches = data.batches(batch, true, seed);
    while (batches.hasNext()) {
      net.fit(batches.next());
    }
  }
}
