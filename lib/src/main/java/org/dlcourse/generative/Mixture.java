package org.dlcourse.generative;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mixture of equally likely 2-D Gaussians with a common standard deviation {@code std} around
 * given centres, and the mode-collapse measures of Srivastava et al. (2017, VEEGAN) and Metz et al.
 * (2017, unrolled GANs):
 *
 * <ul>
 *   <li>a sample is <b>high quality</b> when it lies within {@code 3 std} of some centre;
 *   <li>a mode is <b>covered</b> when at least {@code minShare} of all samples are high-quality
 *       samples of that mode (default: a quarter of its fair share, {@code 1 / (4k)}).
 * </ul>
 *
 * <pre>{@code
 * Mixture grid = Mixture.grid(5, 2.0, 0.05);        // the 5 x 5 grid of 25 Gaussians on [-4, 4]^2
 * INDArray X = grid.sample(10_000, seed);           // [10000, 2]
 * int covered = grid.modesCovered(gan.sample(2_000));
 * double quality = grid.shareNearModes(gan.sample(2_000));
 * }</pre>
 *
 * <p>{@link Ring} is the ring special case (notebook 15's first part); it delegates here.
 */
public final class Mixture {

  private final double[][] centres; // [k][2]
  private final double std;

  private Mixture(double[][] centres, double std) {
    Objects.requireNonNull(centres, "centres");
    if (centres.length == 0 || !(std > 0)) {
      throw new IllegalArgumentException(
          "expected at least one centre and std > 0 but got "
              + centres.length
              + " centres, std = "
              + std);
    }
    this.centres = new double[centres.length][];
    for (int j = 0; j < centres.length; j++) {
      if (centres[j] == null || centres[j].length != 2) {
        throw new IllegalArgumentException(
            "centre " + j + " must be a point {x1, x2} but was " + Arrays.toString(centres[j]));
      }
      this.centres[j] = centres[j].clone();
    }
    this.std = std;
  }

  /** A mixture around the given centres ({@code [k][2]}), standard deviation {@code std}. */
  public static Mixture of(double[][] centres, double std) {
    return new Mixture(centres, std);
  }

  /**
   * {@code side x side} Gaussians on a square grid with the given spacing, centred on the origin:
   * {@code grid(5, 2.0, 0.05)} puts 25 modes at {-4, -2, 0, 2, 4}^2 (the usual benchmark).
   */
  public static Mixture grid(int side, double spacing, double std) {
    if (side < 1 || !(spacing > 0)) {
      throw new IllegalArgumentException(
          "expected side >= 1 and spacing > 0 but got side = " + side + ", spacing = " + spacing);
    }
    double[][] c = new double[side * side][];
    double offset = (side - 1) / 2.0;
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        c[i * side + j] = new double[] {(i - offset) * spacing, (j - offset) * spacing};
      }
    }
    return new Mixture(c, std);
  }

  /** {@code k} Gaussians evenly spaced on a circle: the same modes as {@link Ring#of}. */
  public static Mixture ring(int k, double radius, double std) {
    Ring ring = Ring.of(k, radius, std);
    double[][] c = new double[k][];
    for (int j = 0; j < k; j++) {
      c[j] = ring.centre(j);
    }
    return new Mixture(c, std);
  }

  /** The number of modes k. */
  public int k() {
    return centres.length;
  }

  /** The common standard deviation. */
  public double std() {
    return std;
  }

  /** The centre of mode {@code j}, {@code {x1, x2}}. */
  public double[] centre(int j) {
    return centres[j].clone();
  }

  /** {@code n} samples, {@code [n, 2]} (float): a random mode, then Gaussian noise around it. */
  public INDArray sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[n][2];
    for (int i = 0; i < n; i++) {
      double[] c = centres[random.nextInt(centres.length)];
      x[i][0] = (float) (c[0] + std * gaussian(random));
      x[i][1] = (float) (c[1] + std * gaussian(random));
    }
    return Nd4j.create(x);
  }

  /** The nearest centre of each sample (Euclidean), {@code [n]}. */
  public int[] nearestModes(INDArray samples) {
    double[][] x = Mmd.rows(samples, "samples");
    int[] modes = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      modes[i] = nearest(x[i]);
    }
    return modes;
  }

  /** High-quality samples (within 3 std) of each mode, {@code [k]}. */
  public int[] modeCounts(INDArray samples) {
    double[][] x = Mmd.rows(samples, "samples");
    int[] counts = new int[centres.length];
    for (double[] xi : x) {
      int j = nearest(xi);
      if (distance(xi, centres[j]) <= 3 * std) {
        counts[j]++;
      }
    }
    return counts;
  }

  /** Modes holding at least a quarter of their fair share, {@code n / (4k)}, of the samples. */
  public int modesCovered(INDArray samples) {
    return modesCovered(samples, 1.0 / (4 * centres.length));
  }

  /** Modes holding at least {@code minShare} of all samples (high-quality ones), in (0, 1]. */
  public int modesCovered(INDArray samples, double minShare) {
    if (!(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException(
          "minShare must be in (0, 1] (e.g. 1 / (4k) = a quarter of a fair share) but was "
              + minShare);
    }
    double need = minShare * samples.size(0);
    return (int) Arrays.stream(modeCounts(samples)).filter(c -> c >= need).count();
  }

  /** The share of samples within 3 std of some centre ("high-quality" samples). */
  public double shareNearModes(INDArray samples) {
    return (double) Arrays.stream(modeCounts(samples)).sum() / samples.size(0);
  }

  /** How evenly the samples spread over the modes by nearest centre (see {@link ClassCoverage}). */
  public ClassCoverage coverage(INDArray samples) {
    return ClassCoverage.of(nearestModes(samples), centres.length);
  }

  private int nearest(double[] x) {
    int best = 0;
    for (int j = 1; j < centres.length; j++) {
      if (distance(x, centres[j]) < distance(x, centres[best])) {
        best = j;
      }
    }
    return best;
  }

  private static double distance(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Mixture of %d Gaussians, std %s", centres.length, std);
  }
}
