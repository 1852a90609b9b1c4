package org.dlcourse.saliency;

import org.dlcourse.adversarial.InputGradients;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Saliency maps (Simonyan et al. 2014): how much each input pixel can move the class score, {@code
 * |d z_c / d x_j|}, with {@code z_c} the score of class {@code c} before softmax.
 *
 * <pre>{@code
 * INDArray maps = Saliency.of(model, X, classes); // [n, ...] like X, values >= 0
 * INDArray gxi = Saliency.gradientTimesInput(model, X, classes); // [n, ...] like X, signed
 * }</pre>
 *
 * <p>To first order {@code z_c(x + δ) ≈ z_c(x) + δ · ∇x z_c}: pixels with a large gradient are the
 * ones whose small changes move the score most. Introduced in notebook 10.
 */
public final class Saliency {

  private Saliency() {}

  /**
   * The saliency map of class {@code classes[i]} for example {@code i}: {@code |∇x z_c|}, the shape
   * of {@code X}.
   */
  public static INDArray of(Model model, INDArray X, int[] classes) {
    return Transforms.abs(InputGradients.ofClassScore(model, X, classes), false);
  }

  /**
   * Gradient × input (Shrikumar et al. 2016), {@code x ⊙ ∇x z_c}, the shape of {@code X}, signed.
   *
   * <p>Its meaning is the first-order change of the score when pixels are set to 0: {@code z_c(x) -
   * z_c(x with the pixels in S set to 0) ≈ Σ_{j∈S} x_j ∂z_c/∂x_j} (exact for a linear score: the
   * bias cancels), which is what occlusion with a black patch measures by brute force. Positive
   * where the pixel supports class {@code c}, negative where it argues against it.
   */
  public static INDArray gradientTimesInput(Model model, INDArray X, int[] classes) {
    INDArray gradient = InputGradients.ofClassScore(model, X, classes); // [n, ...] like X
    return gradient.muli(X.castTo(gradient.dataType()).reshape(gradient.shape()));
  }
}
