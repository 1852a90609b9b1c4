import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Models;
import org.dlcourse.train.fast.DenseStepper;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bare training step of the course MLP (784-256-128-10, Adam 1e-3, batch 128): DL4J's {@code
 * network.fit(minibatch)} against the fast dense path's {@code DenseStepper.step}, on two copies
 * of one network and the same in-memory minibatches, interleaved in blocks of 25 steps so that
 * machine load hits both alike. Prints samples/s per block and the medians. With DROP &gt; 0 the MLP
 * has dropout (the course's {@code MlpBuilder.dropout(DROP)}: each hidden unit dropped with
 * probability DROP, DL4J's retain probability 1 - DROP) on both paths. A third copy steps with the
 * fast path's element-wise work as native ND4J ops ({@code DenseStepper.NATIVE_ROWS}) instead of
 * Java loops, so the two can be compared in the same blocks.
 *
 * <p>Run (1 thread): {@code OMP_NUM_THREADS=1 java -cp build/bench/classes:lib/target/classes:$(cat
 * kernel/target/classpath.txt) FastStepTiming [BLOCKS] [BATCH] [DROP]}.
 */
public class FastStepTiming {
  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    double drop = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    int perBlock = 25;
    MultiLayerNetwork dl4j =
        Models.mlpBuilder().layerSizes(784, 256, 128, 10).dropout(drop).build().network();
    MultiLayerNetwork fast = dl4j.clone();
    MultiLayerNetwork nativeRowsNet = dl4j.clone();
    DenseStepper stepper = DenseStepper.of(fast);
    System.setProperty(DenseStepper.NATIVE_ROWS, "true");
    DenseStepper nativeRows = DenseStepper.of(nativeRowsNet);
    System.clearProperty(DenseStepper.NATIVE_ROWS);
    List<DataSet> data = new ArrayList<>();
    Random random = new Random(1);
    for (int i = 0; i < perBlock; i++) {
      float[][] y = new float[batch][10];
      for (float[] row : y) {
        row[random.nextInt(10)] = 1f;
      }
      data.add(new DataSet(Nd4j.rand(batch, 784), Nd4j.create(y)));
    }
    for (int i = 0; i < 2 * perBlock; i++) { // warm-up
      dl4j.fit(data.get(i % perBlock));
      stepper.step(data.get(i % perBlock));
      nativeRows.step(data.get(i % perBlock));
    }
    double[] fit = new double[blocks];
    double[] fastSps = new double[blocks];
    double[] nativeSps = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      long t0 = System.nanoTime();
      for (DataSet d : data) {
        dl4j.fit(d);
      }
      long t1 = System.nanoTime();
      for (DataSet d : data) {
        stepper.step(d);
      }
      long t2 = System.nanoTime();
      for (DataSet d : data) {
        nativeRows.step(d);
      }
      long t3 = System.nanoTime();
      fit[b] = perBlock * batch / ((t1 - t0) / 1e9);
      fastSps[b] = perBlock * batch / ((t2 - t1) / 1e9);
      nativeSps[b] = perBlock * batch / ((t3 - t2) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "block %d: fit %.0f, fast %.0f, fast with native element-wise ops %.0f samples/s%n",
          b, fit[b], fastSps[b], nativeSps[b]);
    }
    Arrays.sort(fit);
    Arrays.sort(fastSps);
    Arrays.sort(nativeSps);
    System.out.printf(
        Locale.ROOT,
        "median over %d blocks of %d steps, batch %d, dropout %.2f: fit %.0f, fast %.0f samples/s"
            + " (%.2fx), fast with native element-wise ops %.0f (fast is %.2fx that)%n",
        blocks, perBlock, batch, drop, fit[blocks / 2], fastSps[blocks / 2],
        fastSps[blocks / 2] / fit[blocks / 2], nativeSps[blocks / 2],
        fastSps[blocks / 2] / nativeSps[blocks / 2]);
  }
}
