package org.dlcourse.saliency;

import java.util.Locale;
import org.dlcourse.adversarial.InputGradients;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What activation maximisation makes large, as a function of one input {@code x} ({@code [1,
 * ...]}): a class score, one inner unit, or a whole layer's energy.
 *
 * <pre>{@code
 * Objective.classScore(3)    // z_3, the score of class 3 before softmax
 * Objective.unit(2, 7)       // unit 7 of layer 2 (a convolution: channel 7, mean over positions)
 * Objective.layerEnergy(2)   // ½ mean(a²) of layer 2's output: DeepDream's "amplify what you see"
 * }</pre>
 */
public abstract class Objective {

  private Objective() {}

  /** The objective's value at {@code x}. */
  public abstract double value(Model model, INDArray x);

  /** Its gradient with respect to {@code x}, {@code [1, ...]} like {@code x}. */
  public abstract INDArray gradient(Model model, INDArray x);

  /** The score of class {@code c} before softmax, {@code z_c}. */
  public static Objective classScore(int c) {
    return new Objective() {
      @Override
      public double value(Model model, INDArray x) {
        return InputGradients.classScores(model, x).getDouble(0, c);
      }

      @Override
      public INDArray gradient(Model model, INDArray x) {
        return InputGradients.ofClassScore(model, x, new int[] {c});
      }

      @Override
      public String toString() {
        return "class score z_" + c;
      }
    };
  }

  /**
   * Unit {@code unit} of layer {@code layer}: for a dense layer its activation, for a convolution
   * the mean of channel {@code unit} over all positions.
   */
  public static Objective unit(int layer, int unit) {
    return new Objective() {
      @Override
      public double value(Model model, INDArray x) {
        return weights(model, x)
            .mul(InputGradients.activation(model, x, layer))
            .sumNumber()
            .doubleValue();
      }

      @Override
      public INDArray gradient(Model model, INDArray x) {
        return InputGradients.ofActivation(model, x, layer, weights(model, x));
      }

      /** The one-hot (dense) or mean-over-positions (convolution) weights of the unit. */
      private INDArray weights(Model model, INDArray x) {
        INDArray a = InputGradients.activation(model, x, layer); // [1, units] or [1, ch, h, w]
        if (unit < 0 || unit >= a.size(1)) {
          throw new IllegalArgumentException(
              "layer " + layer + " has units 0.." + (a.size(1) - 1) + " but unit was " + unit);
        }
        INDArray w = Nd4j.zerosLike(a);
        if (a.rank() == 2) {
          w.putScalar(0, unit, 1.0);
        } else {
          long positions = a.length() / a.size(1);
          w.get(NDArrayIndex.point(0), NDArrayIndex.point(unit)).assign(1.0 / positions);
        }
        return w;
      }

      @Override
      public String toString() {
        return String.format(Locale.ROOT, "unit %d of layer %d", unit, layer);
      }
    };
  }

  /**
   * Half the mean square of layer {@code layer}'s output, {@code ½ mean(a²)}; its gradient with
   * respect to {@code a} is {@code a / size}, so every unit that already responds is pushed to
   * respond more (DeepDream).
   */
  public static Objective layerEnergy(int layer) {
    return new Objective() {
      @Override
      public double value(Model model, INDArray x) {
        INDArray a = InputGradients.activation(model, x, layer);
        return a.mul(a).meanNumber().doubleValue() / 2;
      }

      @Override
      public INDArray gradient(Model model, INDArray x) {
        INDArray a = InputGradients.activation(model, x, layer);
        return InputGradients.ofActivation(model, x, layer, a.div(a.length()));
      }

      @Override
      public String toString() {
        return "energy of layer " + layer;
      }
    };
  }
}
