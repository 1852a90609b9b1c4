package org.dlcourse.models;

import java.util.Locale;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that falls linearly to 0 over a fixed number of optimizer steps: {@code lr(t) =
 * initialValue * (1 - t / numSteps)} for steps {@code t = 0, 1, ...}, and 0 from {@code t =
 * numSteps} on. (DL4J's own {@code PolySchedule} of M2.1 grows instead of decaying, hence this
 * class.) Used by {@link Cnns#adamLinearDecay(double, int)}; taught in notebook 07.
 */
public final class LinearDecaySchedule implements ISchedule {

  private final double initialValue;
  private final int numSteps;

  /**
   * @param initialValue the learning rate of the first step, > 0
   * @param numSteps the optimizer steps until the rate reaches 0, >= 1
   */
  public LinearDecaySchedule(
      @JsonProperty("initialValue") double initialValue, @JsonProperty("numSteps") int numSteps) {
    if (!(initialValue > 0)) {
      throw new IllegalArgumentException("initial value must be > 0 but was " + initialValue);
    }
    if (numSteps < 1) {
      throw new IllegalArgumentException(
          "numSteps must be >= 1 optimizer step but was "
              + numSteps
              + "; pass epochs * ceil(trainSize / batchSize)");
    }
    this.initialValue = initialValue;
    this.numSteps = numSteps;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    return iteration >= numSteps ? 0 : initialValue * (1 - (double) iteration / numSteps);
  }

  /** The learning rate of the first step. */
  public double getInitialValue() {
    return initialValue;
  }

  /** The number of steps until the rate reaches 0. */
  public int getNumSteps() {
    return numSteps;
  }

  @Override
  public ISchedule clone() {
    return new LinearDecaySchedule(initialValue, numSteps);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LinearDecaySchedule s
        && s.initialValue == initialValue
        && s.numSteps == numSteps;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(initialValue) * 31 + numSteps;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "LinearDecaySchedule[%g -> 0 over %d steps]", initialValue, numSteps);
  }
}
