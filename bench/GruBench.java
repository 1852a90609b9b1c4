import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.QuietSameDiff;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.dlcourse.sequence.MemoryNets;
import org.dlcourse.sequence.RecallTask;
import org.dlcourse.sequence.SequenceBatch;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Step time of the course's GRU layer ({@code org.dlcourse.recurrent.Gru}, a SameDiff layer
 * unrolled over time; DL4J 1.0.0-M2.1 has no GRU) beside DL4J's own LSTM of the same size, on the
 * same minibatches. bench/run starts one JVM per cell and round. Prints one line: RESULT key=value
 * ... ms=m1,m2,... (milliseconds per training step, one value per repetition).
 *
 * <pre>
 * java -cp CLASSPATH GruBench gru|lstm STEPS WARMUP_STEPS REPS
 * </pre>
 *
 * <p>The model is notebook 11's memory-race classifier, built by {@code MemoryNets.classifier} for
 * both cells alike: one recurrent layer of {@value #UNITS} units reading the recall task's one-hot
 * sequences {@code [batch 25, 5, T 61]} (its last step only), a softmax over 4 classes, Adam,
 * gradients clipped per layer, float32. A step is one {@code network.fit(minibatch)}: forward
 * through 61 steps, backpropagation through time and the Adam update.
 */
public final class GruBench {

  static final int UNITS = 32, BATCH = 25, DISTANCE = 60, KEYS = 4;

  private GruBench() {}

  public static void main(String[] args) {
    if (args.length != 4 || !List.of("gru", "lstm").contains(args[0])) {
      System.err.println("usage: GruBench gru|lstm STEPS WARMUP_STEPS REPS");
      System.exit(2);
    }
    Cell cell = args[0].equals("gru") ? Cell.GRU : Cell.LSTM;
    int steps = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]);
    int reps = Integer.parseInt(args[3]);
    RecallTask task = RecallTask.of(KEYS, DISTANCE);
    SequenceBatch data = task.sample(BATCH * steps, 1); // features [25 steps, 5, 61]
    List<DataSet> batches = data.minibatches(BATCH, 2); // the same batches for both cells
    MultiLayerNetwork net =
        MemoryNets.classifier(cell, task.numInputs(), UNITS, KEYS, 0.003, 5.0, 3);
    List<String> ms = new ArrayList<>();
    QuietSameDiff.run( // without SameDiff's listing of every op it differentiates (the GRU)
        () -> {
          for (int i = 0; i < Math.max(1, warmup); i++) {
            net.fit(batches.get(i % batches.size())); // JIT, the GRU's graph, workspaces
          }
          for (int rep = 0; rep < reps; rep++) {
            long start = System.nanoTime();
            for (DataSet batch : batches) {
              net.fit(batch);
            }
            double perStep = (System.nanoTime() - start) / 1e6 / batches.size();
            ms.add(String.format(Locale.ROOT, "%.1f", perStep));
          }
        });
    System.out.printf(
        Locale.ROOT,
        "RESULT model=gru cell=%s units=%d nIn=%d T=%d batch=%d steps=%d params=%d threads=%d"
            + " ms=%s%n",
        args[0],
        UNITS,
        task.numInputs(),
        DISTANCE + 1,
        BATCH,
        steps,
        net.numParams(),
        Nd4j.getEnvironment().maxMasterThreads(),
        String.join(",", ms));
  }
}
