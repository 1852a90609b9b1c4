package org.dlcourse.shift;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Corruptions that act on each pixel alone: additive Gaussian noise and (partial) inversion. Pixel
 * values are intensities in {@code [0, 1]} (Fashion-MNIST: 0 background, 1 bright).
 */
public final class PixelShifts {

  private PixelShifts() {}

  /**
   * {@code x + ε}, {@code ε ~ N(0, σ²)} drawn independently per pixel from {@code seed}, clipped to
   * {@code [0, 1]}; same shape as {@code X}.
   */
  public static INDArray noise(INDArray X, double sigma, long seed) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException(
          "the noise's sigma must be >= 0 but was " + sigma + "; use 0 for no noise");
    }
    float[][] planes = Planes.of(X);
    Random random = new Random(seed);
    for (float[] plane : planes) {
      for (int j = 0; j < plane.length; j++) {
        plane[j] = clip(plane[j] + sigma * random.nextGaussian());
      }
    }
    return Planes.toImages(planes, X.shape());
  }

  /**
   * The blend {@code (1 - a) x + a (1 - x)} of the image and its negative: {@code a = 0} leaves it,
   * {@code a = 1} inverts it (white background, dark garment), and {@code a = 1/2} gives a flat
   * grey 0.5 — no information at all; same shape as {@code X}.
   */
  public static INDArray invert(INDArray X, double amount) {
    if (!(amount >= 0 && amount <= 1)) {
      throw new IllegalArgumentException(
          "the inversion amount must be in [0, 1] but was " + amount + " (1: the full negative)");
    }
    float[][] planes = Planes.of(X);
    for (float[] plane : planes) {
      for (int j = 0; j < plane.length; j++) {
        plane[j] = (float) ((1 - amount) * plane[j] + amount * (1 - plane[j]));
      }
    }
    return Planes.toImages(planes, X.shape());
  }

  private static float clip(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }
}
