import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.data.Splits;
import org.dlcourse.ps.ps5.AdversarialTraining;
import org.dlcourse.ps.ps5.Fgsm;
import org.dlcourse.ps.ps5.GanSetup;
import org.dlcourse.ps.ps5.GanTraining;
import org.dlcourse.ps.ps5.Robustness;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The seed sweep behind ps5's thresholds (instructor only, never released): the reference and
 * plausible wrong solutions over several seeds. Run from the repository root (see rubric.md): java
 * -cp ... Sweep gan|fgsm|adv SEEDS...
 */
public class Sweep {
  public static void main(String[] args) {
    String what = args[0];
    for (int i = 1; i < args.length; i++) {
      long seed = Long.parseLong(args[i]);
      long t0 = System.nanoTime();
      switch (what) {
        case "gan" -> gan(seed);
        case "fgsm" -> fgsm(seed);
        case "adv" -> adv(seed);
        default -> throw new IllegalArgumentException(what);
      }
      System.out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    }
  }

  static void gan(long seed) {
    for (String variant :
        System.getProperty("variants", "reference,ascending,minimax").split(",")) {
      MultiLayerNetwork G = GanSetup.generator(seed), D = GanSetup.discriminator(seed + 100);
      double before = GanSetup.distance(G, 2_000, 7);
      SplittableRandom random = new SplittableRandom(seed);
      for (int s = 0; s < GanSetup.STEPS; s++) {
        INDArray real = GanSetup.real(random, GanSetup.BATCH);
        INDArray fake = G.output(GanSetup.latent(random, GanSetup.BATCH), false);
        GanTraining.discriminatorStep(D, real, fake);
        INDArray z = GanSetup.latent(random, GanSetup.BATCH);
        switch (variant) {
          case "reference" -> GanTraining.generatorStep(G, D, z);
          case "ascending" -> wrongStep(G, D, z, true); // G maximises -log D(G(z))
          default -> wrongStep(G, D, z, false); // saturating log(1 - D(G(z)))
        }
      }
      double after = GanSetup.distance(G, 2_000, 7);
      System.out.printf(
          Locale.ROOT,
          "gan seed %d %-9s W1 untrained %.4f trained %.4f ratio %.3f%n",
          seed,
          variant,
          before,
          after,
          after / before);
    }
  }

  static void wrongStep(MultiLayerNetwork G, MultiLayerNetwork D, INDArray z, boolean ascending) {
    INDArray x = G.output(z, false);
    INDArray labels =
        ascending
            ? Nd4j.ones(DataType.DOUBLE, x.size(0), 1)
            : Nd4j.zeros(DataType.DOUBLE, x.size(0), 1);
    INDArray g = D.calculateGradients(x, labels, null, null).getSecond();
    G.fit(z, g.negi()); // ascend D's loss for the given labels
  }

  static void fgsm(long seed) {
    Splits data = Robustness.data(1);
    MultiLayerNetwork net = Robustness.train(data, seed, Robustness.EPOCHS, MultiLayerNetwork::fit);
    INDArray x = data.test().features(), y = data.test().labels();
    INDArray g = Fgsm.inputGradient(net, x, y);
    double clean = Robustness.accuracy(net, x, y);
    double attacked = Robustness.accuracy(net, Fgsm.perturb(x, g, Robustness.EPS), y);
    double noSign = Robustness.accuracy(net, clip(x.add(g.mul(Robustness.EPS))), y);
    double noClip = Robustness.accuracy(net, x.add(Transforms.sign(g).muli(Robustness.EPS)), y);
    double half = Robustness.accuracy(net, Fgsm.perturb(x, g, Robustness.EPS / 2), y);
    System.out.printf(
        Locale.ROOT,
        "fgsm model seed %d clean %.3f fgsm %.3f (drop %.3f) eps/2 %.3f no-sign %.3f no-clip"
            + " %.3f%n",
        seed,
        clean,
        attacked,
        clean - attacked,
        half,
        noSign,
        noClip);
  }

  static INDArray clip(INDArray a) {
    return Transforms.max(Transforms.min(a, 1.0, false), 0.0, false);
  }

  static void adv(long seed) {
    Splits data = Robustness.data(1);
    double eps = Robustness.EPS;
    MultiLayerNetwork plain =
        Robustness.train(data, seed, Robustness.EPOCHS, MultiLayerNetwork::fit);
    MultiLayerNetwork robust =
        Robustness.train(
            data, seed, Robustness.EPOCHS, (net, x, y) -> AdversarialTraining.step(net, x, y, eps));
    MultiLayerNetwork wrong =
        Robustness.train(
            data,
            seed,
            Robustness.EPOCHS,
            (net, x, y) -> AdversarialTraining.step(net, x, y, -eps));
    MultiLayerNetwork noise =
        Robustness.train(
            data,
            seed,
            Robustness.EPOCHS,
            (net, x, y) -> {
              INDArray r = Nd4j.rand(x.dataType(), x.shape()).subi(0.5);
              net.fit(Nd4j.vstack(x, clip(x.add(Transforms.sign(r).muli(eps)))), Nd4j.vstack(y, y));
            });
    INDArray x = data.test().features(), y = data.test().labels();
    for (var e :
        new Object[][] {
          {"plain", plain}, {"adversarial", robust}, {"wrong-sign", wrong}, {"noise", noise}
        }) {
      MultiLayerNetwork net = (MultiLayerNetwork) e[1];
      System.out.printf(
          Locale.ROOT,
          "adv seed %d %-11s clean %.3f robust %.3f%n",
          seed,
          e[0],
          Robustness.accuracy(net, x, y),
          Robustness.robustAccuracy(net, data.test(), eps));
    }
  }
}
