package org.dlcourse.adversarial;

import java.util.Locale;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Projected gradient descent (Madry et al. 2018): many small signed-gradient steps of size {@code
 * stepSize}, each followed by a projection back into the L∞ ball of radius {@code epsilon} around
 * the original input and into [0, 1].
 *
 * <pre>{@code
 * Pgd pgd = Pgd.of(0.1, 0.01, 40);                 // ε, step size α, number of steps
 * INDArray Xadv = pgd.attack(model, X, y);          // untargeted: raise the loss of the true class
 * INDArray Xto = pgd.toward(model, X, targets);     // targeted: lower the loss of a chosen class
 * }</pre>
 *
 * <p>Untargeted: {@code x ← Π(x + α sign(∇x loss(x, y)))}. Targeted toward class {@code t}: {@code
 * x ← Π(x − α sign(∇x loss(x, t)))}, descending the loss <em>as if</em> {@code t} were the label.
 * Introduced in notebook 09 (adversarial examples).
 */
public final class Pgd {

  private final double epsilon;
  private final double stepSize;
  private final int steps;

  private Pgd(double epsilon, double stepSize, int steps) {
    this.epsilon = epsilon;
    this.stepSize = stepSize;
    this.steps = steps;
  }

  /**
   * An attack with radius {@code epsilon}, steps of {@code stepSize} and {@code steps} steps.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Pgd of(double epsilon, double stepSize, int steps) {
    Attacks.requireEpsilon(epsilon);
    if (!(stepSize > 0) || steps < 1) {
      throw new IllegalArgumentException(
          "stepSize must be > 0 and steps >= 1 but were "
              + stepSize
              + " and "
              + steps
              + "; a usual choice is stepSize = 2.5 * epsilon / steps");
    }
    return new Pgd(epsilon, stepSize, steps);
  }

  /**
   * Untargeted: pushes each example away from its true class {@code y} (one-hot {@code [n, k]}).
   */
  public INDArray attack(Model model, INDArray X, INDArray y) {
    return run(model, X, y, +1);
  }

  /**
   * Targeted: pushes example {@code i} toward class {@code targets[i]}.
   *
   * @throws IllegalArgumentException if a target is out of range or there is not one per example
   */
  public INDArray toward(Model model, INDArray X, int[] targets) {
    InputGradients.requireClasses(model, X, targets);
    INDArray t = Nd4j.zeros(DataType.FLOAT, X.size(0), model.numClasses());
    for (int i = 0; i < targets.length; i++) {
      t.putScalar(i, targets[i], 1.0);
    }
    return run(model, X, t, -1);
  }

  /** {@code direction = +1} ascends the loss of {@code labels}, {@code -1} descends it. */
  private INDArray run(Model model, INDArray X, INDArray labels, int direction) {
    INDArray x0 = X.castTo(DataType.FLOAT);
    INDArray x = x0.dup();
    for (int s = 0; s < steps; s++) {
      INDArray g = InputGradients.ofLoss(model, x, labels);
      x =
          Attacks.project(
              x.add(Transforms.sign(g).castTo(DataType.FLOAT).mul(direction * stepSize)),
              x0,
              epsilon);
    }
    return x;
  }

  /** The radius ε of the L∞ ball. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Pgd[ε = %s, step size %s, %d steps]", epsilon, stepSize, steps);
  }
}
