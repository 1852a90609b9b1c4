package org.dlcourse.plot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options for a chart: its size in pixels, whether an axis is logarithmic, fixed axis ranges and
 * reference lines.
 *
 * <pre>{@code
 * PlotOptions options = PlotOptions.builder().size(800, 300).logY(true).build();
 * PlotOptions withChance = PlotOptions.builder().reference("chance", 0.25).build();
 * Plot plot = Plots.lines("Loss", "epoch", "loss", epochs, curves, options);
 * }</pre>
 *
 * @param width width of the picture in pixels, at least 100
 * @param height height of the picture in pixels, at least 100
 * @param logX whether the x axis is logarithmic (every x must then be &gt; 0)
 * @param logY whether the y axis is logarithmic (every y must then be &gt; 0)
 * @param xRange {min, max} of the x axis, or null to fit the data (the same axes across the panels
 *     of a row make them comparable; points outside are not drawn)
 * @param yRange {min, max} of the y axis, or null to fit the data
 * @param references horizontal reference lines of line and scatter charts, label to y (e.g.
 *     "chance" at 0.25): drawn dashed under the data and labelled at their right end; the fitted y
 *     axis includes them. Empty for none.
 */
public record PlotOptions(
    int width,
    int height,
    boolean logX,
    boolean logY,
    double[] xRange,
    double[] yRange,
    Map<String, Double> references) {

  /** Default width of a chart in pixels. */
  public static final int DEFAULT_WIDTH = 640;

  /** Default height of a chart in pixels. */
  public static final int DEFAULT_HEIGHT = 400;

  /** Size and axis scales; both axes fit the data. */
  public PlotOptions(int width, int height, boolean logX, boolean logY) {
    this(width, height, logX, logY, null, null, Map.of());
  }

  /** Size, axis scales and fixed ranges; no reference lines. */
  public PlotOptions(
      int width, int height, boolean logX, boolean logY, double[] xRange, double[] yRange) {
    this(width, height, logX, logY, xRange, yRange, Map.of());
  }

  /** Checks the sizes and ranges. */
  public PlotOptions {
    xRange = checkRange(xRange, "xRange", logX);
    yRange = checkRange(yRange, "yRange", logY);
    references = checkReferences(references, logY);
    if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
      throw new IllegalArgumentException(
          "a plot must be between 100x100 and 10000x10000 pixels but was "
              + width
              + "x"
              + height
              + "; pass a sensible size to PlotOptions.builder().size(width, height)");
    }
  }

  private static double[] checkRange(double[] range, String name, boolean log) {
    if (range == null) {
      return null;
    }
    if (range.length != 2
        || !Double.isFinite(range[0])
        || !Double.isFinite(range[1])
        || range[0] >= range[1]
        || (log && range[0] <= 0)) {
      throw new IllegalArgumentException(
          name
              + " must be {min, max} with finite min < max"
              + (log ? " and min > 0 on a log axis" : "")
              + " but was "
              + java.util.Arrays.toString(range)
              + "; e.g. PlotOptions.builder()."
              + name
              + "(-4, 4)");
    }
    return range.clone();
  }

  private static Map<String, Double> checkReferences(Map<String, Double> references, boolean log) {
    if (references == null) {
      return Map.of();
    }
    for (Map.Entry<String, Double> r : references.entrySet()) {
      Double y = r.getValue();
      if (r.getKey() == null || y == null || !Double.isFinite(y) || (log && y <= 0)) {
        throw new IllegalArgumentException(
            "a reference line needs a label and a finite y"
                + (log ? " > 0 on a log axis" : "")
                + " but got "
                + r.getKey()
                + " = "
                + y
                + "; e.g. PlotOptions.builder().reference(\"chance\", 0.25)");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(references));
  }

  /** The same options at another size (rows of plots resize their panels). */
  public PlotOptions withSize(int width, int height) {
    return new PlotOptions(width, height, logX, logY, xRange, yRange, references);
  }

  /** 640x400 pixels, linear axes. */
  public static PlotOptions defaults() {
    return new PlotOptions(DEFAULT_WIDTH, DEFAULT_HEIGHT, false, false);
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PlotOptions}; every setter is optional. */
  public static final class Builder {
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private boolean logX;
    private boolean logY;
    private double[] xRange;
    private double[] yRange;
    private final Map<String, Double> references = new LinkedHashMap<>();

    private Builder() {}

    /** Size of the picture in pixels. */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Width of the picture in pixels. */
    public Builder width(int width) {
      this.width = width;
      return this;
    }

    /** Height of the picture in pixels. */
    public Builder height(int height) {
      this.height = height;
      return this;
    }

    /** Logarithmic x axis (e.g. learning rates 1e-4 … 1). */
    public Builder logX(boolean logX) {
      this.logX = logX;
      return this;
    }

    /** Logarithmic y axis (e.g. a loss that falls over orders of magnitude). */
    public Builder logY(boolean logY) {
      this.logY = logY;
      return this;
    }

    /** A fixed x axis from {@code min} to {@code max} instead of one fitted to the data. */
    public Builder xRange(double min, double max) {
      this.xRange = new double[] {min, max};
      return this;
    }

    /** A fixed y axis from {@code min} to {@code max} instead of one fitted to the data. */
    public Builder yRange(double min, double max) {
      this.yRange = new double[] {min, max};
      return this;
    }

    /**
     * A dashed horizontal line at {@code y} labelled {@code label}, drawn under the data: a level
     * to compare the series with (chance, a baseline, a limit) that is not itself a result.
     */
    public Builder reference(String label, double y) {
      this.references.put(label, y);
      return this;
    }

    /** The options. */
    public PlotOptions build() {
      return new PlotOptions(width, height, logX, logY, xRange, yRange, references);
    }
  }
}
