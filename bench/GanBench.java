import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Seed;
import org.dlcourse.data.Datasets;
import org.dlcourse.generative.Gan;
import org.dlcourse.generative.GanNets;
import org.dlcourse.models.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The Fashion-MNIST GAN of notebook 15, built and trained with the course's Gan class.
 *
 * <p>G: z [64, 64] ~ N(0, I) -> 256 -> 512 -> 784 (leaky ReLU 0.2, sigmoid output), Adam(1e-3,
 * beta1 0.5); D: 784 -> 512 -> 256 -> 1 (leaky ReLU 0.2, sigmoid, binary cross-entropy), Adam(2e-4,
 * beta1 0.5); Xavier init; batch 64, real label 0.9. A step ({@code Gan.fit}) is one D update on 64
 * real images drawn with replacement plus 64 generated ones, then one G update through the frozen D
 * (non-saturating loss). One sample = one real image (and one fake). The notebook's sample
 * snapshots (G's images of fixed noise every few hundred steps) are left out of the timed steps.
 */
final class GanBench implements Bench.Workload {

  static final int BATCH = 64;
  static final int NUM_IMAGES = 10_000; // the real images the batches are drawn from

  private final Gan gan;
  private final Model generator;
  private final Model discriminator;
  private final INDArray images; // [N, 784], pixels / 255, float32

  private GanBench() {
    generator =
        GanNets.generatorBuilder()
            .layerSizes(64, 256, 512, 784)
            .outputActivation(Activation.SIGMOID)
            .updater(new Adam(1e-3, 0.5, 0.999, 1e-8))
            .seed(Seed.derive(9))
            .build();
    discriminator =
        GanNets.discriminatorBuilder().layerSizes(784, 512, 256).seed(Seed.derive(10)).build();
    gan =
        Gan.builder()
            .generator(generator)
            .discriminator(discriminator)
            .batchSize(BATCH)
            .realLabel(0.9)
            .sampleEvery(Integer.MAX_VALUE) // no snapshots after the first (taken in the warm-up)
            .seed(Seed.derive(11))
            .build();
    images = Datasets.fashionMnist().train().flatten().take(NUM_IMAGES).features();
  }

  static GanBench load() {
    return new GanBench();
  }

  /**
   * Writes the untrained G's and D's parameters, noise z and 8 real images, G(z), the losses of one
   * Gan step (D's, then G's through the updated D) and G(z) after it, for torch_seq_gan.py to redo.
   */
  static void check(Path file) throws IOException {
    GanBench b = new GanBench();
    Tensors t = new Tensors();
    for (String net : new String[] {"G", "D"}) {
      MultiLayerNetwork n = (net.equals("G") ? b.generator : b.discriminator).network();
      for (int i = 0; i < n.getnLayers(); i++) {
        t.put(net + i + "_W", n.getParam(i + "_W")).put(net + i + "_b", n.getParam(i + "_b"));
      }
    }
    INDArray z = b.gan.latent(8); // [8, 64]
    INDArray real = b.images.get(NDArrayIndex.interval(0, 8), NDArrayIndex.all()); // [8, 784]
    INDArray fake = b.gan.generate(z);
    t.put("z", z).put("real", real).put("G(z) before the step", fake);
    t.put("D loss", b.gan.discriminatorStep(real, fake));
    t.put("G loss", b.gan.generatorStep(z));
    t.put("G(z) after the step", b.gan.generate(z));
    t.write(file);
  }

  @Override
  public int batchSize() {
    return BATCH;
  }

  @Override
  public String unit() {
    return "real-images";
  }

  @Override
  public long trainableParams() {
    return Bench.trainableParams(generator.network())
        + Bench.trainableParams(discriminator.network());
  }

  @Override
  public LongConsumer pass(String path, int steps) {
    if (!path.equals("course")) {
      throw new IllegalArgumentException(
          "the GAN has only the course path (Gan.fit); there is no plain DL4J loop for it");
    }
    return seed -> gan.fit(images, steps); // the GAN draws batches from its own seeded stream
  }
}
