package org.dlcourse.data;

import java.util.Objects;

/**
 * A data set split into a training, a validation and a test set.
 *
 * <p>The training set fits the weights, the validation set picks hyperparameters and the epoch to
 * stop at, and the test set is looked at once, at the end.
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {

  /** Checks that the three sets exist and agree on example shape and classes. */
  public Splits {
    Objects.requireNonNull(train, "the training set must not be null");
    Objects.requireNonNull(test, "the test set must not be null");
    if (validation != null) {
      train.requireCompatible(validation, "validation set");
    }
    train.requireCompatible(test, "test set");
  }

  @Override
  public String toString() {
    return "Splits[train "
        + train.size()
        + ", validation "
        + (validation == null ? 0 : validation.size())
        + ", test "
        + test.size()
        + " examples]";
  }
}
