package org.dlcourse.transfer;

import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.models.Model;
import org.dlcourse.models.Optimizers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Reuses a trained network on a new task: keep its layers, <b>replace the head</b> (the output
 * layer) by a fresh one for the new classes, and <b>freeze</b> the first layers so that training
 * leaves them unchanged. A thin layer over DL4J's {@code TransferLearning} and {@code
 * FineTuneConfiguration}. Taught in notebook 08 ({@code 08-transfer-learning}).
 *
 * <pre>{@code
 * // feature extraction: every layer but the new head frozen
 * Model frozen = Transfer.featureExtractor(source, 10, 1e-3, seed);
 * // fine-tuning: nothing frozen, all layers trained from the source's weights
 * Model tuned = Transfer.fineTune(source, 10, 3e-4, seed);
 * // fine-tuning with a head learning rate 10 times the pre-trained layers' one
 * Model gently = Transfer.fineTune(source, 10, 3e-3, 3e-4, seed);
 * // anything in between: layers 0..2 frozen
 * Model partly = Transfer.from(source).freezeUpTo(2).newHead(10).learningRate(1e-3).build();
 * }</pre>
 *
 * <p>The source model is never changed: the new model gets a copy of its parameters.
 */
public final class Transfer {

  private Transfer() {}

  /**
   * Feature extraction: all layers of {@code source} but its head frozen, a new softmax head with
   * {@code numClasses} outputs trained by Adam with {@code learningRate}.
   */
  public static Model featureExtractor(
      Model source, int numClasses, double learningRate, long seed) {
    return from(source)
        .freezeUpTo(source.numLayers() - 2)
        .newHead(numClasses)
        .learningRate(learningRate)
        .seed(seed)
        .build();
  }

  /**
   * Fine-tuning: the layers of {@code source} as the starting point, nothing frozen, a new softmax
   * head with {@code numClasses} outputs; all layers trained by Adam with {@code learningRate}.
   */
  public static Model fineTune(Model source, int numClasses, double learningRate, long seed) {
    return from(source).newHead(numClasses).learningRate(learningRate).seed(seed).build();
  }

  /**
   * Fine-tuning with two learning rates: the new head (random weights, far from any good solution)
   * learns with {@code headLearningRate}, the pre-trained layers below it with the smaller {@code
   * bodyLearningRate}, so that a few noisy gradients from few labels nudge the source's features
   * instead of overwriting them ("discriminative learning rates"; Howard and Ruder 2018).
   */
  public static Model fineTune(
      Model source, int numClasses, double headLearningRate, double bodyLearningRate, long seed) {
    return from(source)
        .newHead(numClasses)
        .learningRate(bodyLearningRate)
        .headLearningRate(headLearningRate)
        .seed(seed)
        .build();
  }

  /** A builder for a new model made from {@code source}'s layers. */
  public static Builder from(Model source) {
    Objects.requireNonNull(source, "source model must not be null");
    if (source.isGraph()) {
      throw new IllegalArgumentException(
          "Transfer works on layer stacks (MultiLayerNetwork) but "
              + source.name()
              + " is a ComputationGraph; use DL4J's TransferLearning.GraphBuilder on model.graph()");
    }
    return new Builder(source);
  }

  /** How many layers of {@code model} are frozen (wrapped in DL4J's {@code FrozenLayer}). */
  public static int numFrozen(Model model) {
    int frozen = 0;
    for (org.deeplearning4j.nn.api.Layer layer : model.network().getLayers()) {
      if (layer instanceof FrozenLayer) {
        frozen++;
      }
    }
    return frozen;
  }

  /** Options for {@link #from(Model)}: which layers to freeze, the new head, the optimizer. */
  public static final class Builder {
    private final Model source;
    private int frozenUpTo = -1; // -1: nothing frozen
    private int headOn = -1; // -1: the new head reads what the old head read
    private int numClasses = -1; // -1: keep the source's head
    private double learningRate = 1e-3;
    private double headLearningRate = -1; // -1: the same as learningRate
    private long seed = org.dlcourse.Seed.base();

    private Builder(Model source) {
      this.source = source;
    }

    /**
     * Freezes layers {@code 0..layer} (inclusive): their parameters do not change in training.
     *
     * @param layer a layer index below the output layer's, or -1 to freeze nothing
     */
    public Builder freezeUpTo(int layer) {
      int last = source.numLayers() - 1;
      if (layer < -1 || layer >= last) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "freezeUpTo(layer) needs -1 <= layer < %d (the output layer is %d and gets"
                    + " trained) but got %d; %s has layers 0..%d",
                last,
                last,
                layer,
                source.name(),
                last));
      }
      this.frozenUpTo = layer;
      return this;
    }

    /**
     * The new head reads the output of layer {@code layer}; the layers between it and the old head
     * are dropped, e.g. {@code headOn(3)} on the course's small CNN puts the head straight on the
     * convolution block's {@code [n, 16, 4, 4]} output (flattened to 256 features), without the
     * dense layer that learned to combine them for the source's classes. Needs {@link #newHead}.
     *
     * @param layer a layer index below the one before the output layer
     */
    public Builder headOn(int layer) {
      int beforeHead = source.numLayers() - 2;
      if (layer < 0 || layer >= beforeHead) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "headOn(layer) needs 0 <= layer < %d (layer %d already feeds the head; use"
                    + " newHead alone) but got %d; %s has layers 0..%d",
                beforeHead,
                beforeHead,
                layer,
                source.name(),
                beforeHead + 1));
      }
      if (!(source.network().getLayer(layer + 1).conf().getLayer() instanceof DenseLayer)) {
        throw new IllegalArgumentException(
            "headOn("
                + layer
                + "): layer "
                + (layer + 1)
                + " is not a dense layer, so the width of layer "
                + layer
                + "'s output is not known; choose a layer whose next layer is dense");
      }
      this.headOn = layer;
      return this;
    }

    /** Replaces the output layer by a fresh softmax layer with {@code numClasses} outputs. */
    public Builder newHead(int numClasses) {
      if (numClasses < 2) {
        throw new IllegalArgumentException("numClasses must be >= 2 but was " + numClasses);
      }
      this.numClasses = numClasses;
      return this;
    }

    /** Adam's learning rate for the trained (not frozen) layers; default 1e-3. */
    public Builder learningRate(double learningRate) {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learning rate must be > 0 but was " + learningRate);
      }
      this.learningRate = learningRate;
      return this;
    }

    /**
     * Adam's learning rate for the new head alone (default: {@link #learningRate}); the other
     * trained layers keep {@link #learningRate}. Needs {@link #newHead}.
     */
    public Builder headLearningRate(double headLearningRate) {
      if (!(headLearningRate > 0)) {
        throw new IllegalArgumentException(
            "head learning rate must be > 0 but was " + headLearningRate);
      }
      this.headLearningRate = headLearningRate;
      return this;
    }

    /** The seed of the new head's initial weights; default {@code Seed.base()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The new model; the source is left unchanged. */
    public Model build() {
      if (headOn >= 0 && numClasses < 0) {
        throw new IllegalStateException(
            "headOn(layer) puts a new head on layer " + headOn + "; call newHead(numClasses) too");
      }
      if (headOn >= 0 && frozenUpTo > headOn) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "freezeUpTo(%d) freezes layers that headOn(%d) drops; freeze up to %d at most",
                frozenUpTo,
                headOn,
                headOn));
      }
      if (headLearningRate > 0 && numClasses < 0) {
        throw new IllegalStateException(
            "headLearningRate applies to a new head; call newHead(numClasses) as well, or set"
                + " learningRate(...) for the kept head");
      }
      MultiLayerNetwork original = source.network();
      FineTuneConfiguration fineTune =
          new FineTuneConfiguration.Builder()
              .updater(Optimizers.adam(learningRate))
              .seed(seed)
              .build();
      // TransferLearning copies the parameters of the kept layers (source stays as it is)
      TransferLearning.Builder builder =
          new TransferLearning.Builder(original).fineTuneConfiguration(fineTune);
      if (frozenUpTo >= 0) {
        builder.setFeatureExtractor(frozenUpTo);
      }
      if (numClasses > 0) {
        // the head: [n, nIn] -> [n, numClasses], nIn = the width the old head received; its own
        // updater (set on the layer) wins over the fine-tune configuration's
        long nIn = ((FeedForwardLayer) source.outputLayer().conf().getLayer()).getNIn();
        double headRate = headLearningRate > 0 ? headLearningRate : learningRate;
        if (headOn >= 0) { // drop layers headOn+1..output; the head takes layer headOn+1's input
          int next = headOn + 1;
          nIn = ((FeedForwardLayer) original.getLayer(next).conf().getLayer()).getNIn();
          builder.removeLayersFromOutput(source.numLayers() - next);
        } else {
          builder.removeOutputLayer();
        }
        builder.addLayer(
            new OutputLayer.Builder(LossFunction.MCXENT)
                .nIn(nIn)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .updater(Optimizers.adam(headRate))
                .build());
        InputPreProcessor reshape =
            headOn >= 0
                ? original.getLayerWiseConfigurations().getInputPreProcess(headOn + 1)
                : null;
        if (reshape != null) { // e.g. [n, c, h, w] -> [n, c h w] before a dense layer
          builder.setInputPreProcessor(headOn + 1, reshape.clone());
        }
      }
      Nd4j.getRandom().setSeed(seed); // the new head's initial weights
      MultiLayerNetwork network = builder.build();
      String on = headOn >= 0 ? ", head on layer " + headOn : "";
      String how =
          frozenUpTo < 0
              ? headLearningRate > 0
                  ? "fine-tuned, head learning rate " + headLearningRate
                  : "fine-tuned"
              : frozenUpTo == source.numLayers() - 2
                  ? "feature extraction"
                  : "layers 0.." + frozenUpTo + " frozen";
      return Model.of(network, source.name() + ", " + how + on, source.inputShape());
    }
  }
}
