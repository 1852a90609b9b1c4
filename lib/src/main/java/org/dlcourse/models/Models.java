package org.dlcourse.models;

import org.dlcourse.Seed;

/**
 * One-line builders for the models of the lectures.
 *
 * <p>Each concept has a one-line default ({@code Models.mlp(784, 256, 10)}) and a builder for the
 * options ({@code Models.mlpBuilder()}). Later lessons add their builders here.
 */
public final class Models {

  /**
   * The base seed when {@code DLCOURSE_SEED} is not set ({@link Seed#DEFAULT}). Default models
   * start from {@link Seed#base()}, so that runs repeat and {@code DLCOURSE_SEED=7} redraws them.
   */
  public static final long DEFAULT_SEED = Seed.DEFAULT;

  static {
    org.dlcourse.Speed.enableHelpers(); // DL4J's fast layer implementations (see Speed)
  }

  private Models() {}

  /**
   * A multilayer perceptron with the course defaults: ReLU hidden layers, a softmax output trained
   * with cross-entropy, He initialisation, Adam with {@code lr = 1e-3}, seed {@link Seed#base()}.
   *
   * <pre>{@code
   * Model model = Models.mlp(784, 256, 10); // 784 inputs, one hidden layer of 256, 10 classes
   * }</pre>
   *
   * @param layerSizes the number of inputs, the hidden layer sizes, then the number of classes
   */
  public static Model mlp(int... layerSizes) {
    return mlpBuilder().layerSizes(layerSizes).build();
  }

  /**
   * A builder for multilayer perceptrons with options (activation, weight initialisation,
   * optimizer, L2, dropout, seed, loss).
   *
   * <pre>{@code
   * Model model = Models.mlpBuilder().layerSizes(784, 256, 128, 10).dropout(0.3).l2(1e-4).build();
   * }</pre>
   */
  public static MlpBuilder mlpBuilder() {
    return new MlpBuilder();
  }

  /**
   * Softmax regression, a linear classifier: {@code yHat = softmax(X W + b)}, no hidden layer.
   *
   * <p>Used to compare hand-crafted features against learned ones: it can only separate classes
   * with hyperplanes (so it cannot learn XOR).
   */
  public static Model linear(int numInputs, int numClasses) {
    return mlpBuilder()
        .layerSizes(numInputs, numClasses)
        .name("linear " + numInputs + "-" + numClasses)
        .build();
  }
}
