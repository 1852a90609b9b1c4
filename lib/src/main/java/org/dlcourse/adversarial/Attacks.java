package org.dlcourse.adversarial;

import java.util.Objects;
import java.util.Random;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Perturbations of size {@code epsilon} in the L∞ norm (no pixel moves by more than {@code
 * epsilon}), kept inside the valid pixel range [0, 1].
 *
 * <pre>{@code
 * INDArray Xadv = Attacks.fgsm(model, X, y, 0.1);          // x + ε sign(∇x loss)
 * INDArray Xnoise = Attacks.randomSign(X, 0.1, seed);       // x + ε · random ±1, the baseline
 * INDArray Xpgd = Pgd.of(0.1, 0.01, 20).attack(model, X, y); // many small FGSM steps
 * }</pre>
 *
 * <p>Introduced in notebook 09 (adversarial examples).
 */
public final class Attacks {

  private Attacks() {}

  /**
   * The fast gradient sign method (Goodfellow et al. 2015): {@code x' = clip(x + ε sign(∇x loss(x,
   * y)), 0, 1)}. To first order, {@code sign(∇x loss)} is the L∞ step of size ε that raises the
   * loss most: {@code loss(x + δ) ≈ loss(x) + δ · ∇x loss}, maximised over {@code |δ_j| <= ε} by
   * {@code δ = ε sign(∇x loss)}.
   *
   * @param X inputs {@code [n, ...]} in [0, 1]
   * @param y one-hot labels {@code [n, k]}, the classes whose loss is raised
   * @throws IllegalArgumentException if {@code epsilon < 0} or the data does not fit the model
   */
  public static INDArray fgsm(Model model, INDArray X, INDArray y, double epsilon) {
    requireEpsilon(epsilon);
    INDArray g = InputGradients.ofLoss(model, X, y);
    return clip(
        X.castTo(DataType.FLOAT).add(Transforms.sign(g).castTo(DataType.FLOAT).mul(epsilon)));
  }

  /**
   * The baseline: every pixel moved by {@code +ε} or {@code -ε} at random (a fair coin per pixel,
   * drawn from {@code seed}), then clipped to [0, 1] — the same L∞ size as FGSM, but a direction
   * that ignores the model.
   */
  public static INDArray randomSign(INDArray X, double epsilon, long seed) {
    requireEpsilon(epsilon);
    Objects.requireNonNull(X, "X must not be null");
    Random random = new Random(seed);
    float[] signs = new float[(int) X.length()];
    for (int j = 0; j < signs.length; j++) {
      signs[j] = random.nextBoolean() ? (float) epsilon : (float) -epsilon;
    }
    return clip(X.castTo(DataType.FLOAT).add(Nd4j.create(signs, X.shape(), 'c')));
  }

  /**
   * Projects {@code Xadv} onto the allowed set: within {@code epsilon} of {@code X} in every pixel
   * (the L∞ ball) and inside [0, 1].
   */
  public static INDArray project(INDArray Xadv, INDArray X, double epsilon) {
    INDArray x = X.castTo(DataType.FLOAT);
    INDArray low = Transforms.max(x.sub(epsilon), 0.0);
    INDArray high = Transforms.min(x.add(epsilon), 1.0);
    return Transforms.min(Transforms.max(Xadv.castTo(DataType.FLOAT), low), high);
  }

  /** The largest change of any pixel of any example: {@code max |Xadv - X|}, the L∞ distance. */
  public static double linfDistance(INDArray Xadv, INDArray X) {
    return Xadv.castTo(DataType.DOUBLE).sub(X.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  /** The share of examples whose predicted class changed from {@code X} to {@code Xadv}. */
  public static double flipRate(Model model, INDArray X, INDArray Xadv) {
    int[] before = model.predictClasses(X);
    int[] after = model.predictClasses(Xadv);
    int flipped = 0;
    for (int i = 0; i < before.length; i++) {
      flipped += before[i] != after[i] ? 1 : 0;
    }
    return (double) flipped / before.length;
  }

  /** The accuracy of {@code model} on inputs {@code X} with one-hot labels {@code y}. */
  public static double accuracy(Model model, INDArray X, INDArray y) {
    int[] predicted = model.predictClasses(X);
    int[] actual = y.argMax(1).toIntVector();
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      correct += predicted[i] == actual[i] ? 1 : 0;
    }
    return (double) correct / actual.length;
  }

  static INDArray clip(INDArray X) {
    return Transforms.min(Transforms.max(X, 0.0), 1.0);
  }

  static void requireEpsilon(double epsilon) {
    if (!(epsilon >= 0) || epsilon > 1) {
      throw new IllegalArgumentException(
          "epsilon (the largest change of a pixel in [0, 1]) must be in [0, 1] but was "
              + epsilon
              + "; try 0.05 to 0.2 for Fashion-MNIST");
    }
  }
}
