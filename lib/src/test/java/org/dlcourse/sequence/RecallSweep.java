package org.dlcourse.sequence;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.RecurrentNets.Cell;

/**
 * A seed sweep of the memory race, not a test: run by hand (one job at a time, with nice) to choose
 * the settings of notebook 11, section 3. Settings from system properties, e.g.
 *
 * <pre>
 * nice -n 10 java -cp lib/target/classes:lib/target/test-classes:$(cat cp.txt) \
 *   -Dcells=SIMPLE_RNN,LSTM -Dt=50 -Dlr=0.01 -Dbias=3 -Dseeds=1,2,3 -Depochs=6 -Dtrain=1000 \
 *   org.dlcourse.sequence.RecallSweep
 * </pre>
 */
public final class RecallSweep {

  private RecallSweep() {}

  public static void main(String[] args) {
    int t = Integer.getInteger("t", 50), hidden = Integer.getInteger("hidden", 32);
    int epochs = Integer.getInteger("epochs", 6), numTrain = Integer.getInteger("train", 1000);
    int batch = Integer.getInteger("batch", 25), keys = Integer.getInteger("keys", 4);
    double bias = Double.parseDouble(System.getProperty("bias", "3"));
    RecallTask task = RecallTask.of(keys, t);
    SequenceBatch validation = task.sample(500, 6_000_000L);
    for (String seedText : System.getProperty("seeds", "1,2,3").split(",")) {
      long seed = Long.parseLong(seedText);
      SequenceBatch train = task.sample(numTrain, 5_000_000L + seed);
      for (String cellText : System.getProperty("cells", "SIMPLE_RNN,LSTM").split(",")) {
        for (String lrText : System.getProperty("lr", "0.01").split(",")) {
          Cell cell = Cell.valueOf(cellText);
          double lr = Double.parseDouble(lrText);
          var updater =
              Boolean.getBoolean("sgd")
                  ? new org.nd4j.linalg.learning.config.Nesterovs(lr, 0.9)
                  : new org.nd4j.linalg.learning.config.Adam(lr);
          int units = cell == Cell.SIMPLE_RNN ? Integer.getInteger("hiddenRnn", hidden) : hidden;
          MultiLayerNetwork net =
              MemoryNets.classifier(cell, task.numInputs(), units, keys, updater, bias, seed);
          long start = System.nanoTime();
          double[] acc = new double[epochs];
          int done = 0;
          while (done < epochs && (done == 0 || acc[done - 1] < 0.99)) {
            // one epoch at a time, the same minibatch orders as one call: progress per epoch
            acc[done] = MemoryNets.fit(net, train, validation, 1, batch, 1.1, seed + 100 + done)[0];
            System.out.printf(
                Locale.ROOT, "  %s seed %d epoch %d: %.3f%n", cell, seed, done + 1, acc[done]);
            done++;
          }
          acc = Arrays.copyOf(acc, done);
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "T=%d seed=%d %-10s lr=%.4f bias=%.1f sgd=%b batch=%d params=%d val=%s (%.0f s)%n",
              t,
              seed,
              cell,
              lr,
              bias,
              Boolean.getBoolean("sgd"),
              batch,
              net.numParams(),
              Arrays.toString(
                  Arrays.stream(acc)
                      .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                      .toArray()),
              seconds);
        }
      }
    }
  }
}
