package org.dlcourse.saliency;

import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.dlcourse.Seed;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation maximisation: gradient <em>ascent on the input</em> for an {@link Objective}, the
 * weights held fixed — the same backpropagation as training, run on the pixels.
 *
 * <pre>{@code
 * var result = ActivationMaximisation.builder().steps(200).build().run(model, Objective.classScore(3), start);
 * result.input();           // the optimised image, [1, ...] like start
 * result.finalValue();      // the objective at the end; result.startValue() at the start
 * }</pre>
 *
 * <p>One step: shift the image by a random jitter, take the gradient {@code g} of the objective,
 * shift back, move {@code x ← (1 - l2) x + stepSize · g / mean|g|} (a normalised step), clip to [0,
 * 1], and every {@code blurEvery} steps blur it. Jitter, L2 decay and blur are the regularisers
 * that keep the image from turning into high-frequency noise that only the network "sees".
 * Introduced in notebook 10.
 */
public final class ActivationMaximisation {

  private final int steps;
  private final double stepSize;
  private final double l2;
  private final int blurEvery;
  private final int jitter;
  private final long seed;

  private ActivationMaximisation(Builder b) {
    this.steps = b.steps;
    this.stepSize = b.stepSize;
    this.l2 = b.l2;
    this.blurEvery = b.blurEvery;
    this.jitter = b.jitter;
    this.seed = b.seed;
  }

  /** The builder: steps (100), step size (0.01), L2 decay (0.001), blur every 4, jitter 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** The optimised input and the objective before and after. */
  public record Result(INDArray input, double startValue, double finalValue, double[] trajectory) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Result[objective %.4g -> %.4g]", startValue, finalValue);
    }
  }

  /**
   * Optimises {@code start} (one square grey image in the model's input shape, values in [0, 1])
   * for {@code objective}.
   */
  public Result run(Model model, Objective objective, INDArray start) {
    Objects.requireNonNull(objective, "objective must not be null");
    model.requireInput(start);
    Images.side(start); // one square grey image
    Random random = new Random(seed);
    INDArray x = start.castTo(DataType.FLOAT).dup();
    double[] trajectory = new double[steps + 1];
    trajectory[0] = objective.value(model, x);
    for (int s = 1; s <= steps; s++) {
      int dr = jitter == 0 ? 0 : random.nextInt(2 * jitter + 1) - jitter;
      int dc = jitter == 0 ? 0 : random.nextInt(2 * jitter + 1) - jitter;
      // the gradient at the shifted image, shifted back: the ascent cannot rely on exact positions
      INDArray g = Images.shift(objective.gradient(model, Images.shift(x, dr, dc)), -dr, -dc);
      double scale = Transforms.abs(g).meanNumber().doubleValue() + 1e-12;
      x = x.mul(1 - l2).addi(g.castTo(DataType.FLOAT).mul(stepSize / scale));
      x = Transforms.min(Transforms.max(x, 0.0), 1.0);
      if (blurEvery > 0 && s % blurEvery == 0) {
        x = Images.blur(x);
      }
      trajectory[s] = objective.value(model, x);
    }
    return new Result(x, trajectory[0], trajectory[steps], trajectory);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ActivationMaximisation[%d steps of %s, L2 %s, blur every %d, jitter %d]",
        steps,
        stepSize,
        l2,
        blurEvery,
        jitter);
  }

  /** Options of {@link ActivationMaximisation}. */
  public static final class Builder {
    private int steps = 100;
    private double stepSize = 0.01;
    private double l2 = 0.001;
    private int blurEvery = 4;
    private int jitter = 1;
    private long seed = Seed.base();

    private Builder() {}

    /** Ascent steps, default 100. */
    public Builder steps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be >= 1 but was " + steps);
      }
      this.steps = steps;
      return this;
    }

    /** The mean change of a pixel per step, default 0.01. */
    public Builder stepSize(double stepSize) {
      if (!(stepSize > 0)) {
        throw new IllegalArgumentException("stepSize must be > 0 but was " + stepSize);
      }
      this.stepSize = stepSize;
      return this;
    }

    /** The share by which pixels decay toward 0 each step, default 0.001 (0: none). */
    public Builder l2(double l2) {
      if (!(l2 >= 0 && l2 < 1)) {
        throw new IllegalArgumentException("l2 must be in [0, 1) but was " + l2);
      }
      this.l2 = l2;
      return this;
    }

    /** Blur every this many steps, default 4 (0: never). */
    public Builder blurEvery(int blurEvery) {
      if (blurEvery < 0) {
        throw new IllegalArgumentException("blurEvery must be >= 0 but was " + blurEvery);
      }
      this.blurEvery = blurEvery;
      return this;
    }

    /** The largest random shift in pixels per step, default 1 (0: none). */
    public Builder jitter(int jitter) {
      if (jitter < 0) {
        throw new IllegalArgumentException("jitter must be >= 0 but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** The seed of the jitter, default {@code Seed.base()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The configured optimiser. */
    public ActivationMaximisation build() {
      return new ActivationMaximisation(this);
    }
  }
}
