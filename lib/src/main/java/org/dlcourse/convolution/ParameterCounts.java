package org.dlcourse.convolution;

/**
 * How many weights and biases a layer has, by formula (notebook 07 compares them with DL4J's
 * count).
 */
public final class ParameterCounts {

  private ParameterCounts() {}

  /** A dense layer from {@code inputs} to {@code outputs}: {@code outputs * (inputs + 1)}. */
  public static long dense(long inputs, long outputs) {
    return outputs * (inputs + 1);
  }

  /**
   * A convolution with {@code filters} filters of {@code size x size} over {@code channels} input
   * channels, one bias per filter: {@code filters * (channels * size^2 + 1)}, whatever the image
   * size.
   */
  public static long conv(long channels, long filters, long size) {
    return filters * (channels * size * size + 1);
  }
}
