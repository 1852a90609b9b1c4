package org.dlcourse.generative;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Seed;
import org.dlcourse.models.Model;
import org.dlcourse.train.Progress;
import org.dlcourse.train.Steps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The GAN training loop: alternating updates of a discriminator D and a generator G.
 *
 * <p>Goodfellow et al. (2014) pose a two-player game, {@code min_G max_D V(D, G)} with
 *
 * <pre>
 *   V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))],   x ~ data, z ~ N(0, I)
 * </pre>
 *
 * <p>One step here is
 *
 * <ol>
 *   <li><b>Discriminator</b> ({@link #discriminatorStep}): one optimizer step on a batch of real
 *       samples (label 1, or {@code realLabel} with one-sided label smoothing) and generated ones
 *       (label 0) with binary cross-entropy, i.e. gradient ascent on V. Its loss is the mean
 *       cross-entropy over both halves: {@code ln 2 = 0.693} when D outputs 1/2 everywhere.
 *   <li><b>Generator</b> ({@link #generatorStep}): the <em>non-saturating</em> loss {@code -mean
 *       log D(G(z))} instead of {@code log(1 - D(G(z)))}, whose gradient vanishes exactly when D
 *       rejects G's samples confidently, i.e. early in training. D is frozen: its input gradient
 *       {@code dL/dx} ({@code [n, d]}, from DL4J's {@code calculateGradients}, which changes no
 *       weight) is handed to G as the label of its {@link ChainRuleLoss}, and {@code G.fit(z,
 *       dL/dx)} updates G alone. This is the gradient a stacked network G+frozen D would compute,
 *       without a second copy of D to keep in sync.
 * </ol>
 *
 * <p>With {@code pack = m} (PacGAN, Lin et al. 2018) D judges m samples at once: a batch {@code [n,
 * d]} is reshaped to {@code [n/m, m*d]}, so D can see a lack of variety among the m and punish a
 * generator that collapses onto few modes. Introduced in notebook 15.
 *
 * <pre>{@code
 * Gan gan = Gan.of(GanNets.generator(8, 64, 64, 2), GanNets.discriminator(2, 64, 64));
 * GanHistory history = gan.fit(data, 2_000);   // data [N, 2]
 * INDArray x = gan.sample(1_000);              // [1000, 2]
 * }</pre>
 */
public final class Gan {

  private final Model generator;
  private final Model discriminator;
  private final int batchSize;
  private final int pack;
  private final boolean minibatchStd;
  private final int discriminatorSteps;
  private final double realLabel;
  private final int sampleEvery;
  private final long latentSize;
  private final long dataSize;
  private final Random latentRandom;
  private final SplittableRandom rowRandom;
  private final INDArray fixedNoise; // [numSamples, latent], the same every snapshot
  private final List<Double> dLosses = new ArrayList<>();
  private final List<Double> gLosses = new ArrayList<>();
  private final List<GanHistory.Snapshot> snapshots = new ArrayList<>();

  private Gan(Builder b) {
    this.generator = b.generator;
    this.discriminator = b.discriminator;
    this.batchSize = b.batchSize;
    this.pack = b.pack;
    this.minibatchStd = b.minibatchStd;
    this.discriminatorSteps = b.discriminatorSteps;
    this.realLabel = b.realLabel;
    this.sampleEvery = b.sampleEvery;
    this.latentSize = generator.inputSize();
    this.dataSize = outputSize(generator.network());
    this.latentRandom = Nd4j.getRandomFactory().getNewRandomInstance(b.seed);
    this.rowRandom = new SplittableRandom(b.seed ^ 0x5DEECE66DL);
    this.fixedNoise = latent(b.numSamples);
  }

  /** A GAN with default options: batch 64, no packing, one discriminator step per step. */
  public static Gan of(Model generator, Model discriminator) {
    return builder().generator(generator).discriminator(discriminator).build();
  }

  /** Options; set at least the generator and the discriminator. */
  public static Builder builder() {
    return new Builder();
  }

  /** The generator G: {@code z [n, latent] -> x [n, d]}. */
  public Model generator() {
    return generator;
  }

  /**
   * The discriminator D: {@code x [n/pack, pack*d] -> D(x) [n/pack, 1]}; with the minibatch-std
   * feature its input is {@code [n/pack, pack*d + 1]}.
   */
  public Model discriminator() {
    return discriminator;
  }

  /** The number of training steps done so far (over all calls of {@link #fit}). */
  public int steps() {
    return dLosses.size();
  }

  /** Latent noise {@code z ~ N(0, I)}, {@code [n, latent]}, from this GAN's own random stream. */
  public INDArray latent(int n) {
    return Nd4j.randn(latentRandom, n, latentSize).castTo(DataType.FLOAT);
  }

  /** G's samples for the latent vectors {@code z}: {@code [n, latent] -> [n, d]}. */
  public INDArray generate(INDArray z) {
    return generator.output(z, false);
  }

  /** {@code n} fresh samples of the generator, {@code [n, d]}. */
  public INDArray sample(int n) {
    return generate(latent(n));
  }

  /**
   * Trains for {@code numSteps} more steps on {@code data} ({@code [N, d]}, batches drawn at random
   * with replacement) and returns the history of all steps so far.
   */
  public GanHistory fit(INDArray data, int numSteps) {
    INDArray X = checkedData(data);
    if (numSteps < 1) {
      throw new IllegalArgumentException("numSteps must be >= 1 but was " + numSteps);
    }
    if (snapshots.isEmpty()) {
      snapshots.add(new GanHistory.Snapshot(0, generate(fixedNoise)));
    }
    Steps progress = Progress.steps("GAN training", numSteps);
    for (int s = 0; s < numSteps; s++) {
      double dLoss = 0;
      INDArray z = null;
      INDArray fake = null;
      for (int k = 0; k < discriminatorSteps; k++) {
        z = latent(batchSize);
        fake = generate(z); // [batch, d]
        dLoss = discriminatorStep(batch(X), fake);
      }
      // G has not changed since the last D step: its samples of z are still `fake` (saves a pass)
      double gLoss = generatorStep(z, fake);
      dLosses.add(dLoss);
      gLosses.add(gLoss);
      if (steps() % sampleEvery == 0) {
        snapshots.add(new GanHistory.Snapshot(steps(), generate(fixedNoise)));
      }
      progress.step(
          s % 100 == 99
              ? String.format(Locale.ROOT, "D loss %.3f, G loss %.3f", dLoss, gLoss)
              : null);
    }
    return history();
  }

  /** The losses and snapshots of all steps so far. */
  public GanHistory history() {
    return new GanHistory(
        dLosses.stream().mapToDouble(Double::doubleValue).toArray(),
        gLosses.stream().mapToDouble(Double::doubleValue).toArray(),
        List.copyOf(snapshots));
  }

  /**
   * One optimizer step of D on {@code real} and {@code fake} (both {@code [n, d]}, n a multiple of
   * pack): minimises {@code -[log D(x) + log(1 - D(G(z)))] / 2}. Returns that loss before the step.
   */
  public double discriminatorStep(INDArray real, INDArray fake) {
    // each batch gets its own minibatch-std feature: D compares the spread of real and fake batches
    INDArray r = MinibatchStd.append(packed(checkedBatch(real, "real")), minibatchStd);
    INDArray f = MinibatchStd.append(packed(checkedBatch(fake, "fake")), minibatchStd);
    INDArray X = Nd4j.vstack(r, f); // [2n/pack, pack*d (+1)]
    INDArray y =
        Nd4j.vstack(
            Nd4j.valueArrayOf(new long[] {r.size(0), 1}, realLabel, DataType.FLOAT),
            Nd4j.zeros(DataType.FLOAT, f.size(0), 1)); // [2n/pack, 1]
    MultiLayerNetwork D = discriminator.network();
    D.fit(X, y);
    return D.score();
  }

  /**
   * One optimizer step of G on the non-saturating loss {@code -mean log D(G(z))}, D frozen; {@code
   * z} is {@code [n, latent]}. Returns that loss before the step.
   */
  public double generatorStep(INDArray z) {
    INDArray checked = checkedLatent(z);
    return generatorStep(checked, generate(checked));
  }

  /** The generator step for latent vectors {@code z} whose samples {@code x = G(z)} are known. */
  private double generatorStep(INDArray z, INDArray x) {
    INDArray xp = packed(x); // [n/pack, pack*d]
    INDArray in = MinibatchStd.append(xp, minibatchStd); // [n/pack, pack*d (+1)]
    MultiLayerNetwork D = discriminator.network();
    double loss = -Transforms.log(D.output(in, false), true).meanNumber().doubleValue();
    INDArray ones = Nd4j.ones(DataType.FLOAT, xp.size(0), 1);
    // d(sum_i -log D(x_i))/dx: [n/pack, pack*d]; computes D's weight gradients but applies none
    INDArray dLdin = D.calculateGradients(in, ones, null, null).getSecond();
    INDArray dLdx = minibatchStd ? MinibatchStd.backprop(xp, dLdin) : dLdin;
    // G's optimizer divides by its batch n, the loss is a mean over n/pack packs: times pack
    INDArray perSample = dLdx.reshape('c', x.size(0), dataSize).castTo(DataType.FLOAT).muli(pack);
    generator.network().fit(z, perSample);
    return loss;
  }

  // ---------------------------------------------------------------- shapes and checks

  /** [n, d] -> [n/pack, pack*d]: rows i*pack .. i*pack+pack-1 side by side (row-major). */
  private INDArray packed(INDArray x) {
    return pack == 1 ? x : x.dup('c').reshape('c', x.size(0) / pack, pack * dataSize);
  }

  private INDArray batch(INDArray X) {
    int[] rows = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      rows[i] = rowRandom.nextInt((int) X.size(0));
    }
    return Nd4j.pullRows(X, 1, rows);
  }

  private INDArray checkedData(INDArray data) {
    Objects.requireNonNull(data, "data must not be null");
    if (data.rank() != 2 || data.size(1) != dataSize) {
      throw new IllegalArgumentException(
          "expected data of shape [N, "
              + dataSize
              + "] (the generator's output size) but got "
              + java.util.Arrays.toString(data.shape())
              + "; flatten images with dataset.flatten().features() or build the generator for"
              + " this data");
    }
    return data.dataType() == DataType.FLOAT ? data : data.castTo(DataType.FLOAT);
  }

  private INDArray checkedBatch(INDArray x, String what) {
    Objects.requireNonNull(x, what + " must not be null");
    if (x.rank() != 2 || x.size(1) != dataSize || x.size(0) % pack != 0) {
      throw new IllegalArgumentException(
          "expected a "
              + what
              + " batch of shape [n, "
              + dataSize
              + "] with n a multiple of pack = "
              + pack
              + " but got "
              + java.util.Arrays.toString(x.shape()));
    }
    return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
  }

  private INDArray checkedLatent(INDArray z) {
    Objects.requireNonNull(z, "z must not be null");
    if (z.rank() != 2 || z.size(1) != latentSize || z.size(0) % pack != 0) {
      throw new IllegalArgumentException(
          "expected latent vectors of shape [n, "
              + latentSize
              + "] with n a multiple of pack = "
              + pack
              + " but got "
              + java.util.Arrays.toString(z.shape())
              + "; draw them with gan.latent(n)");
    }
    return z.dataType() == DataType.FLOAT ? z : z.castTo(DataType.FLOAT);
  }

  static long outputSize(MultiLayerNetwork net) {
    var conf = net.getLayer(net.getnLayers() - 1).conf().getLayer();
    if (!(conf instanceof BaseOutputLayer out)) {
      throw new IllegalArgumentException(
          "the network's last layer is "
              + conf.getClass().getSimpleName()
              + ", expected an OutputLayer; build it with GanNets");
    }
    return out.getNOut();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "GAN %s / %s: batch %d, pack %d%s, %d discriminator step(s) per step, real label %.2f,"
            + " %d steps done",
        generator.name(),
        discriminator.name(),
        batchSize,
        pack,
        minibatchStd ? ", minibatch std" : "",
        discriminatorSteps,
        realLabel,
        steps());
  }

  /** Options of the loop, each with a default. */
  public static final class Builder {
    private Model generator;
    private Model discriminator;
    private int batchSize = 64;
    private int pack = 1;
    private boolean minibatchStd;
    private int discriminatorSteps = 1;
    private double realLabel = 1.0;
    private int sampleEvery = 500;
    private int numSamples = 64;
    private long seed = Seed.base();

    private Builder() {}

    /** G: a layer stack ending in an OutputLayer with {@link ChainRuleLoss} (see GanNets). */
    public Builder generator(Model generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** D: a layer stack ending in one sigmoid unit with binary cross-entropy (see GanNets). */
    public Builder discriminator(Model discriminator) {
      this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
      return this;
    }

    /** Real (and generated) samples per step (default 64); a multiple of pack. */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive("batchSize", batchSize);
      return this;
    }

    /** Samples D judges together (default 1; PacGAN uses 2-4). */
    public Builder pack(int pack) {
      this.pack = positive("pack", pack);
      return this;
    }

    /**
     * Gives D one more input, the batch's mean standard deviation (see {@link MinibatchStd}), so
     * that it can tell a batch of too-similar generated samples from a real one (default off). D
     * then takes {@code pack*d + 1} inputs.
     */
    public Builder minibatchStd(boolean minibatchStd) {
      this.minibatchStd = minibatchStd;
      return this;
    }

    /** Discriminator steps per generator step (default 1). */
    public Builder discriminatorSteps(int discriminatorSteps) {
      this.discriminatorSteps = positive("discriminatorSteps", discriminatorSteps);
      return this;
    }

    /** The label of real samples: 1 (default), or e.g. 0.9 for one-sided label smoothing. */
    public Builder realLabel(double realLabel) {
      if (!(realLabel > 0.5 && realLabel <= 1)) {
        throw new IllegalArgumentException(
            "realLabel must be in (0.5, 1] (1 = no smoothing, 0.9 = usual smoothing) but was "
                + realLabel);
      }
      this.realLabel = realLabel;
      return this;
    }

    /** Keep G's samples of the fixed noise every this many steps (default 500). */
    public Builder sampleEvery(int sampleEvery) {
      this.sampleEvery = positive("sampleEvery", sampleEvery);
      return this;
    }

    /** The number of samples kept per snapshot (default 64). */
    public Builder numSamples(int numSamples) {
      this.numSamples = positive("numSamples", numSamples);
      return this;
    }

    /** The seed of the latent noise and of the batch draws (default {@link Seed#base()}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The loop, after checking that G's output fits D's input. */
    public Gan build() {
      if (generator == null || discriminator == null) {
        throw new IllegalStateException(
            "set both networks: Gan.builder().generator(GanNets.generator(8, 64, 2))"
                + ".discriminator(GanNets.discriminator(2, 64))");
      }
      requireShapes();
      return new Gan(this);
    }

    private void requireShapes() {
      if (generator.isGraph() || discriminator.isGraph()) {
        throw new IllegalArgumentException(
            "the GAN loop trains layer stacks (MultiLayerNetwork); build both with GanNets");
      }
      var out = generator.network().getLayer(generator.numLayers() - 1).conf().getLayer();
      if (!(out instanceof BaseOutputLayer o && o.getLossFn() instanceof ChainRuleLoss)) {
        throw new IllegalArgumentException(
            "the generator's last layer must be an OutputLayer with ChainRuleLoss (it learns"
                + " from the gradient D passes back) but is "
                + out
                + "; build it with GanNets.generator(...)");
      }
      long d = outputSize(generator.network());
      long extra = minibatchStd ? 1 : 0;
      if (discriminator.inputSize() != pack * d + extra) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "the discriminator takes %d inputs but pack x data size%s = %d x %d%s = %d; build"
                    + " it as GanNets.discriminator(%d, ...)",
                discriminator.inputSize(),
                minibatchStd ? " + 1 (minibatch std)" : "",
                pack,
                d,
                minibatchStd ? " + 1" : "",
                pack * d + extra,
                pack * d + extra));
      }
      if (outputSize(discriminator.network()) != 1) {
        throw new IllegalArgumentException(
            "the discriminator must output one probability per example but has "
                + outputSize(discriminator.network())
                + " outputs; build it with GanNets.discriminator(...)");
      }
      if (batchSize % pack != 0) {
        throw new IllegalArgumentException(
            "batchSize (" + batchSize + ") must be a multiple of pack (" + pack + ")");
      }
    }

    private static int positive(String what, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be >= 1 but was " + value);
      }
      return value;
    }
  }
}
