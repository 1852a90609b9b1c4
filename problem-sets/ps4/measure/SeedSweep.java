package org.dlcourse.ps.ps4;

/**
 * Instructor tool (never released): the reference {@link CharModel} trained as the hidden q3 test
 * trains it, for several seeds, to set the target with a margin beyond the seed-to-seed spread.
 * Seed {@code s} initialises the network with {@code s} and shuffles epoch {@code e} with {@code s
 * * 1000 + e}; seed 1 is exactly the hidden test's run. Run it with {@code
 * problem-sets/measure.sh ps4 1 2 3} (one JVM, one thread).
 */
public final class SeedSweep {
  private SeedSweep() {}

  public static void main(String[] args) {
    for (String arg : args) {
      long seed = Long.parseLong(arg);
      long start = System.nanoTime();
      double[] losses = CharData.fitAndEvaluate(CharModel.configuration(seed), seed);
      StringBuilder line = new StringBuilder("ps4 seed " + seed + ": validation loss per epoch");
      for (double loss : losses) {
        line.append(String.format(" %.3f", loss));
      }
      line.append(String.format(" (%.0f s)", (System.nanoTime() - start) / 1e9));
      System.out.println(line);
    }
  }
}
