package org.dlcourse.sequence;

import java.util.Arrays;
import java.util.Locale;
import org.dlcourse.Seed;
import org.dlcourse.recurrent.RecurrentNets.Cell;

/**
 * The memory race of notebook 11 ({@link MemoryRace}) outside the notebook, not a test: run by hand
 * (one job at a time, with nice) to check a setting over seeds before the notebook uses it, e.g.
 * the notebook's race (run with {@code DLCOURSE_SEED=42}, 1 and 2 for its table):
 *
 * <pre>
 * nice -n 10 java -cp lib/target/classes:lib/target/test-classes:CLASSPATH -Dt=100 -Dlead=10 \
 *   -Dtrain=1000 -Depochs=8 -Dlr=0.003,0.01,0.03 -Dbias=5 -Dseeds=20,21,22 \
 *   -Dcells=SIMPLE_RNN:64,LSTM:32:0.03,GRU:32:0.03 org.dlcourse.sequence.RaceSweep
 * </pre>
 *
 * Seeds are {@code Seed.derive(k)} for the listed k, as in the notebook; {@code -Dkeys} sets the
 * number of symbols (default 4), {@code -Dlead} the steps before the key (default 0), {@code
 * -Dbatch} the minibatch size (default 25). A cell entry {@code CELL:UNITS:RATES} (rates separated
 * by {@code /}, e.g. {@code LSTM:32:0.003}) uses its own grid instead of {@code -Dlr}.
 */
public final class RaceSweep {

  private RaceSweep() {}

  public static void main(String[] args) {
    int t = Integer.getInteger("t", 60), numTrain = Integer.getInteger("train", 1000);
    int epochs = Integer.getInteger("epochs", 3), batch = Integer.getInteger("batch", 25);
    double bias = Double.parseDouble(System.getProperty("bias", "5"));
    double[] rates =
        Arrays.stream(System.getProperty("lr", "0.003,0.01,0.03").split(","))
            .mapToDouble(Double::parseDouble)
            .toArray();
    long[] seeds =
        Arrays.stream(System.getProperty("seeds", "20,21,22").split(","))
            .mapToLong(k -> Seed.derive(Long.parseLong(k)))
            .toArray();
    RecallTask task =
        RecallTask.of(Integer.getInteger("keys", 4), t, Integer.getInteger("lead", 0));
    SequenceBatch train = task.sample(numTrain, Seed.derive(5));
    SequenceBatch validation = task.sample(500, Seed.derive(6));
    SequenceBatch test = task.sample(500, Seed.derive(9));
    for (String entry : System.getProperty("cells", "SIMPLE_RNN:64,LSTM:32").split(",")) {
      String[] parts = entry.split(":");
      double[] cellRates =
          parts.length > 2
              ? Arrays.stream(parts[2].split("/")).mapToDouble(Double::parseDouble).toArray()
              : rates;
      long start = System.nanoTime();
      MemoryRace r =
          MemoryRace.run(
              Cell.valueOf(parts[0]),
              Integer.parseInt(parts[1]),
              bias,
              cellRates,
              seeds,
              train,
              validation,
              test,
              epochs,
              batch,
              line -> System.out.println("  " + line));
      System.out.printf(
          Locale.ROOT,
          "T=%d lead=%d train=%d epochs=%d %s units=%d params=%d grid(val)=%s chosen lr=%s curves=%s"
              + " test=%s mean=%.3f spread=%.3f (%.0f s)%n",
          t,
          task.lead(),
          numTrain,
          epochs,
          r.cell(),
          r.units(),
          r.numParams(),
          Arrays.toString(r.gridAccuracy()),
          r.chosenRate(),
          Arrays.deepToString(r.curves()),
          Arrays.toString(r.testAccuracy()),
          r.meanTest(),
          r.spreadTest(),
          (System.nanoTime() - start) / 1e9);
    }
  }
}
