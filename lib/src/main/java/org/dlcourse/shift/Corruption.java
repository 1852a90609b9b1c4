package org.dlcourse.shift;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The four shifts of notebook 16, each with a strength {@code s} in {@code [0, 1]} mapped linearly
 * onto its own parameter: {@code s = 0} is the clean image, {@code s = 1} the strongest version the
 * notebook tries.
 *
 * <pre>{@code
 * INDArray rotated = Corruption.ROTATION.apply(X, 0.5, seed); // 45 degrees, [n, 1, 28, 28]
 * Corruption.BLUR.parameter(1.0);                             // 3.0 (pixels)
 * }</pre>
 */
public enum Corruption {
  /** Rotation by {@code 90 s} degrees. */
  ROTATION("rotation", "degrees", 90),
  /** Additive Gaussian noise of standard deviation {@code 0.5 s}, clipped to [0, 1]. */
  NOISE("noise", "sigma", 0.5),
  /** The blend {@code (1 - s) x + s (1 - x)}: at 0.5 a flat grey, at 1 the full negative. */
  INVERSION("inversion", "amount", 1),
  /** Gaussian blur of standard deviation {@code 3 s} pixels. */
  BLUR("blur", "sigma in pixels", 3);

  private final String label;
  private final String unit;
  private final double max;

  Corruption(String label, String unit, double max) {
    this.label = label;
    this.unit = unit;
    this.max = max;
  }

  /** The shift's own parameter at strength {@code s}: {@code s * max}. */
  public double parameter(double strength) {
    if (!(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException(
          "a shift's strength must be in [0, 1] (0 clean, 1 strongest) but was " + strength);
    }
    return strength * max;
  }

  /**
   * Images {@code [n, c, h, w]} shifted with strength {@code s}; {@code seed} draws the noise (the
   * other shifts are deterministic). A new array; {@code X} is unchanged.
   */
  public INDArray apply(INDArray X, double strength, long seed) {
    double p = parameter(strength);
    return switch (this) {
      case ROTATION -> Rotation.of(X, p);
      case NOISE -> PixelShifts.noise(X, p, seed);
      case INVERSION -> PixelShifts.invert(X, p);
      case BLUR -> Blur.of(X, p);
    };
  }

  /** A short name for legends: "rotation", "noise", "inversion", "blur". */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (0 to %s %s)", label, Double.toString(max), unit);
  }
}
