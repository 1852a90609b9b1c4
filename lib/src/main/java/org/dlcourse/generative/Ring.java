package org.dlcourse.generative;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

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

  /**
   * The same modes as a {@link Mixture}, which does the sampling and the measuring: on a circle the
   * nearest centre by distance is the nearest by angle, so the two agree sample for sample.
   */
  public Mixture asMixture() {
    return Mixture.ring(k, radius, std);
  }

  /** {@code n} samples, {@code [n, 2]} (float): a random mode, then Gaussian noise around it. */
  public INDArray sample(int n, long seed) {
    return asMixture().sample(n, seed);
  }

  /** Samples within 3 std of each centre, {@code [k]}. */
  public int[] modeCounts(INDArray samples) {
    return asMixture().modeCounts(samples);
  }

  /** Modes holding at least a quarter of their fair share, {@code n / (4k)}, of the samples. */
  public int modesCovered(INDArray samples) {
    return asMixture().modesCovered(samples);
  }

  /** The nearest mode of each sample, {@code [n]}. */
  public int[] nearestModes(INDArray samples) {
    return asMixture().nearestModes(samples);
  }

  /**
   * How evenly the samples spread over the modes: the {@link ClassCoverage} of their nearest modes,
   * whose effective number is {@code k} for an even spread and 1 when all fall near one mode.
   */
  public ClassCoverage coverage(INDArray samples) {
    return asMixture().coverage(samples);
  }

  /** The share of samples within 3 std of some centre ("high-quality" samples). */
  public double shareNearModes(INDArray samples) {
    return asMixture().shareNearModes(samples);
  }
}
