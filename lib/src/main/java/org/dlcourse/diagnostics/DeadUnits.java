package org.dlcourse.diagnostics;

import java.util.List;
import java.util.Objects;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why ReLU units are dead at initialisation: counting them, and predicting the count from the
 * layer's input alone.
 *
 * <p>A ReLU unit with weights {@code w} and bias 0 is dead on a minibatch when its pre-activation
 * {@code z_i = h_i . w} is {@code <= 0} for every example {@code i} ({@code h_i} is the layer's
 * input for example {@code i}). With {@code w ~ N(0, s^2 I)}, as Xavier and He initialisation draw
 * it, the vector {@code (z_1, ..., z_n)} is Gaussian with covariance {@code s^2 H H^T}: the chance
 * that one unit is dead depends only on the angles between the examples' inputs. If the inputs
 * point in unrelated directions, {@code n} examples rarely all land on the negative side (about
 * {@code 2^-n}); if they all point nearly the same way (cosine near 1), a unit is dead with
 * probability near 1/2. {@link #predictedFraction} estimates that chance by drawing many {@code w};
 * {@link #meanCosine} measures how aligned the inputs are.
 *
 * <pre>{@code
 * List<INDArray> a = DeadUnits.activations(model, batch.features()); // input, then each layer
 * DeadUnits.fraction(a.get(12));                          // dead units of layer 12's output
 * DeadUnits.predictedFraction(a.get(11), 20_000, seed);   // predicted from layer 12's input
 * }</pre>
 *
 * <p>Introduced in the notebook on making deep networks trainable ({@code 05-deep-networks}).
 */
public final class DeadUnits {

  private DeadUnits() {}

  /**
   * The inputs and outputs of every layer of a layered (not graph) model in inference mode: element
   * 0 is {@code X}, element {@code i + 1} the output of layer {@code i}.
   *
   * @throws IllegalArgumentException if the model is a computation graph
   */
  public static List<INDArray> activations(Model model, INDArray X) {
    Objects.requireNonNull(model, "model must not be null");
    if (model.isGraph()) {
      throw new IllegalArgumentException(
          "activations(...) needs a layered model (DeepNets...plain()), not a graph such as "
              + model);
    }
    model.requireInput(X);
    return model.network().feedForward(X.castTo(DataType.FLOAT), false);
  }

  /**
   * The fraction of units (columns of {@code activations} {@code [n, units]}) that are exactly 0
   * for every example (row).
   */
  public static double fraction(INDArray activations) {
    INDArray a = requireMatrix(activations, "activations");
    INDArray largest = Nd4j.math().abs(a.castTo(DataType.DOUBLE)).max(0); // [units]
    long dead = 0;
    for (long u = 0; u < largest.length(); u++) {
      dead += largest.getDouble(u) == 0 ? 1 : 0;
    }
    return (double) dead / largest.length();
  }

  /**
   * The probability that a unit with Gaussian weights {@code w ~ N(0, I)} and bias 0 is dead on
   * inputs {@code h} {@code [n, d]}: {@code P(h_i . w <= 0 for every row i)}, estimated from {@code
   * numSamples} independent draws of {@code w} (standard error about {@code sqrt(p (1 - p) /
   * numSamples)}). The scale of {@code w} does not matter, only its direction.
   *
   * @throws IllegalArgumentException if {@code numSamples < 1}
   */
  public static double predictedFraction(INDArray h, int numSamples, long seed) {
    INDArray inputs = requireMatrix(h, "inputs h").castTo(DataType.DOUBLE);
    if (numSamples < 1) {
      throw new IllegalArgumentException("numSamples must be >= 1 but was " + numSamples);
    }
    Nd4j.getRandom().setSeed(seed);
    int chunk = 2_000; // [d, chunk] weights at a time keeps the [n, chunk] product small
    long dead = 0;
    for (int done = 0; done < numSamples; done += chunk) {
      int m = Math.min(chunk, numSamples - done);
      INDArray w = Nd4j.randn(DataType.DOUBLE, inputs.size(1), m); // [d, m]: m random units
      INDArray z = inputs.mmul(w); // [n, d] . [d, m] -> [n, m] pre-activations
      INDArray largest = z.max(0); // [m]: the largest pre-activation of each unit
      dead += largest.lte(0).castTo(DataType.DOUBLE).sumNumber().longValue();
    }
    return (double) dead / numSamples;
  }

  /**
   * The mean cosine similarity {@code h_i . h_j / (|h_i| |h_j|)} over all pairs {@code i != j} of
   * rows of {@code h} {@code [n, d]} with a non-zero length: 0 for unrelated directions, 1 when all
   * rows point the same way.
   *
   * @throws IllegalArgumentException if fewer than two rows have a non-zero length
   */
  public static double meanCosine(INDArray h) {
    INDArray inputs = requireMatrix(h, "inputs h").castTo(DataType.DOUBLE);
    INDArray norms = inputs.norm2(1); // [n]
    INDArray keep = norms.gt(0);
    int n = keep.castTo(DataType.INT32).sumNumber().intValue();
    if (n < 2) {
      throw new IllegalArgumentException(
          "meanCosine needs at least two rows with a non-zero length but got " + n);
    }
    double[] lengths = norms.toDoubleVector();
    INDArray unit = inputs.dup();
    for (int i = 0; i < lengths.length; i++) {
      unit.getRow(i).divi(lengths[i] > 0 ? lengths[i] : 1); // zero rows stay zero
    }
    INDArray gram = unit.mmul(unit.transpose()); // [n, n] cosines; diagonal 1 for kept rows
    double offDiagonal = gram.sumNumber().doubleValue() - n;
    return offDiagonal / ((double) n * (n - 1));
  }

  private static INDArray requireMatrix(INDArray a, String what) {
    Objects.requireNonNull(a, what + " must not be null");
    if (a.rank() != 2 || a.size(0) < 1 || a.size(1) < 1) {
      throw new IllegalArgumentException(
          "expected "
              + what
              + " of shape [examples, units] but got shape "
              + java.util.Arrays.toString(a.shape()));
    }
    return a;
  }
}
