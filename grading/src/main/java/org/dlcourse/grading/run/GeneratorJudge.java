package org.dlcourse.grading.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;
import org.dlcourse.grading.run.ModelJudge.Verdict;

/**
 * The judge of a recorded generator ({@link JudgedModel.GeneratorTerms}): the grader, which runs no
 * student code, draws its own noise, runs the recorded network on it with its own forward pass
 * ({@link Network}) and measures the 1-D Wasserstein distance of the samples to the target mixture,
 * sampled by the grader too. A test JVM can report any number, but only a generator whose samples
 * really lie near the target passes: the task itself.
 */
final class GeneratorJudge {
  /** The terms' first field. */
  static final String KIND = "w1";

  /** The grader's noise and target seed (fixed, so that a verdict can be reproduced). */
  static final long SEED = 0x5EED_6A4EL;

  private GeneratorJudge() {}

  /** The reference's terms: {@code w1;mixture:mode:sd;samples;maxDistance}. */
  record Terms(double mode, double sd, int samples, double maxDistance) {
    static Terms parse(String answer) {
      String[] t = answer.substring(1).split("\\|", -1)[0].split(";", -1);
      String[] target = t[1].split(":", -1);
      if (!target[0].equals("mixture")) {
        throw new IllegalArgumentException("unknown target " + t[1]);
      }
      return new Terms(
          Double.parseDouble(target[1]),
          Double.parseDouble(target[2]),
          Integer.parseInt(t[2]),
          Double.parseDouble(t[3]));
    }
  }

  static Verdict judge(String answer, String submitted) {
    Terms t;
    try {
      t = Terms.parse(answer);
    } catch (RuntimeException e) {
      return new Verdict(false, "the reference's generator answer is unreadable: " + e);
    }
    try {
      Network g = ModelJudge.parseSameArchitecture(answer, submitted);
      if (g.outputs() != 1) {
        throw new BadModel("a generator of samples on the line has 1 output, not " + g.outputs());
      }
      double w1 = distance(g, t, inputs(answer));
      String detail =
          String.format(
              Locale.ROOT,
              "W1 %.4f between %d samples of the generator and of the target (grader's own noise)"
                  + " %s %.4f",
              w1,
              t.samples(),
              w1 <= t.maxDistance() ? "<=" : "is above the target",
              t.maxDistance());
      return new Verdict(w1 <= t.maxDistance(), detail);
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    }
  }

  /** The generator's noise size, from the answer's {@code flat:k} input. */
  private static int inputs(String answer) throws BadModel {
    String input = answer.split("\\|", -1)[1];
    if (!input.matches("flat:\\d{1,3}")) {
      throw new BadModel("a generator takes flat noise, not " + input);
    }
    return Integer.parseInt(input.substring(5));
  }

  /**
   * W1 between {@code samples} outputs of {@code g} on noise {@code z ~ N(0, I) [latent]} and as
   * many draws of {@code 1/2 N(-mode, sd^2) + 1/2 N(mode, sd^2)}, all from the grader's seed. In
   * one dimension W1 pairs the sorted samples: {@code mean_i |fake_(i) - real_(i)|}. A non-finite
   * sample (a generator that runs off) makes the distance infinite.
   */
  static double distance(Network g, Terms t, int latent) {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] fake = new double[t.samples()];
    double[] z = new double[latent];
    for (int i = 0; i < fake.length; i++) {
      for (int k = 0; k < latent; k++) {
        z[k] = random.nextGaussian();
      }
      fake[i] = g.scores(z)[0];
      if (!Double.isFinite(fake[i])) {
        return Double.POSITIVE_INFINITY;
      }
    }
    double[] real = new double[t.samples()];
    for (int i = 0; i < real.length; i++) {
      real[i] = (random.nextBoolean() ? t.mode() : -t.mode()) + t.sd() * random.nextGaussian();
    }
    Arrays.sort(fake);
    Arrays.sort(real);
    double sum = 0;
    for (int i = 0; i < fake.length; i++) {
      sum += Math.abs(fake[i] - real[i]);
    }
    return sum / fake.length;
  }
}
