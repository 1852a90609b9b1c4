package org.dlcourse.generative;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mixture of {@code k} equally likely 2-D Gaussians (standard deviation {@code std}) with centres
 * evenly spaced on a circle of radius {@code radius}: the usual test of mode collapse (Metz et al.,
 * 2017). A generator that drops modes puts no samples near some centres.
 *
 * <pre>{@code
 * Ring ring = Ring.of(8, 2.0, 0.05);
 * INDArray X = ring.sample(2_000, seed);          // [2000, 2]
 * int covered = ring.modesCovered(gan.sample(1_000));
 * }</pre>
 *
 * <p>A sample belongs to a mode when it lies within 3 standard deviations of its centre; a mode is
 * covered when it holds at least a quarter of its fair share {@code 1/k} of the samples.
 */
public record Ring(int k, double radius, double std) {

  public Ring {
    if (k < 1 || !(radius >= 0) || !(std > 0)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "expected k >= 1 modes, radius >= 0 and std > 0 but got k = %d, radius = %s, std = %s",
              k,
              radius,
              std));
    }
  }

  /** The ring with {@code k} modes. */
  public static Ring of(int k, double radius, double std) {
    return new Ring(k, radius, std);
  }

  /** The centre of mode {@code j}: angle {@code 2 pi j / k}. */
  public double[] centre(int j) {
    double angle = 2 * Math.PI * j / k;
    return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
  }

  /** {@code n} samples, {@code [n, 2]} (float): a random mode, then Gaussian noise around it. */
  public INDArray sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[n][2];
    for (int i = 0; i < n; i++) {
      double[] c = centre(random.nextInt(k));
      x[i][0] = (float) (c[0] + std * gaussian(random));
      x[i][1] = (float) (c[1] + std * gaussian(random));
    }
    return Nd4j.create(x);
  }

  /** Samples within 3 std of each centre, {@code [k]}. */
  public int[] modeCounts(INDArray samples) {
    double[][] x = Mmd.rows(samples, "samples");
    int[] counts = new int[k];
    for (double[] xi : x) {
      int j = nearest(xi);
      double[] c = centre(j);
      if (Math.hypot(xi[0] - c[0], xi[1] - c[1]) <= 3 * std) {
        counts[j]++;
      }
    }
    return counts;
  }

  /** Modes holding at least a quarter of their fair share, {@code n / (4k)}, of the samples. */
  public int modesCovered(INDArray samples) {
    int[] counts = modeCounts(samples);
    double need = samples.size(0) / (4.0 * k);
    int covered = 0;
    for (int c : counts) {
      covered += c >= need ? 1 : 0;
    }
    return covered;
  }

  /** The nearest mode of each sample (by angle: its sector of the circle), {@code [n]}. */
  public int[] nearestModes(INDArray samples) {
    double[][] x = Mmd.rows(samples, "samples");
    int[] modes = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      modes[i] = nearest(x[i]);
    }
    return modes;
  }

  /**
   * How evenly the samples spread over the modes: the {@link ClassCoverage} of their nearest modes,
   * whose effective number is {@code k} for an even spread and 1 when all fall near one mode.
   */
  public ClassCoverage coverage(INDArray samples) {
    return ClassCoverage.of(nearestModes(samples), k);
  }

  /** The share of samples within 3 std of some centre ("high-quality" samples). */
  public double shareNearModes(INDArray samples) {
    int inside = 0;
    for (int c : modeCounts(samples)) {
      inside += c;
    }
    return (double) inside / samples.size(0);
  }

  private int nearest(double[] x) {
    double angle = Math.atan2(x[1], x[0]);
    long j = Math.round(angle / (2 * Math.PI) * k);
    return (int) Math.floorMod(j, (long) k);
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
