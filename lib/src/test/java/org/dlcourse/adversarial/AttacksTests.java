package org.dlcourse.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.data.Dataset;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class AttacksTests {

  private static double loss(Model model, INDArray X, INDArray y) {
    return InputGradientsTests.summedLoss(model, X.castTo(DataType.DOUBLE), y);
  }

  private static void assertInBallAndRange(INDArray Xadv, INDArray X, double epsilon) {
    assertTrue(Attacks.linfDistance(Xadv, X) <= epsilon + 1e-6, "outside the ε-ball");
    assertTrue(Xadv.minNumber().doubleValue() >= 0, "below 0");
    assertTrue(Xadv.maxNumber().doubleValue() <= 1, "above 1");
  }

  @Test
  @DisplayName("FGSM raises the loss, moves each unclipped pixel by exactly ε and stays in [0, 1]")
  void fgsmRaisesLossWithinEpsilon() {
    Model model = TinyNets.cnn(21);
    INDArray[] d = TinyNets.data(model, 8, 22);
    double epsilon = 0.05;
    INDArray Xadv = Attacks.fgsm(model, d[0], d[1], epsilon);
    assertTrue(loss(model, Xadv, d[1]) > loss(model, d[0], d[1]), "the loss went up");
    assertInBallAndRange(Xadv, d[0], epsilon);
    // away from the borders every pixel moved by ε in the direction of the gradient's sign
    INDArray g = InputGradients.ofLoss(model, d[0], d[1]);
    INDArray step = Xadv.castTo(DataType.DOUBLE).sub(d[0]);
    INDArray inside = d[0].gt(epsilon).castTo(DataType.DOUBLE).mul(d[0].lt(1 - epsilon));
    INDArray expected = Transforms.sign(g).mul(epsilon).mul(inside);
    assertEquals(0, step.mul(inside).sub(expected).amaxNumber().doubleValue(), 1e-6);
  }

  @Test
  @DisplayName("random sign noise has the same L∞ size, is reproducible and changes with the seed")
  void randomSignNoise() {
    INDArray X = Nd4j.valueArrayOf(new long[] {3, 10}, 0.5, DataType.FLOAT);
    INDArray a = Attacks.randomSign(X, 0.1, 1);
    assertEquals(0.1, Attacks.linfDistance(a, X), 1e-6);
    assertEquals(0.1, Transforms.abs(a.sub(X)).minNumber().doubleValue(), 1e-6); // every pixel
    assertEquals(a, Attacks.randomSign(X, 0.1, 1));
    assertNotEquals(a, Attacks.randomSign(X, 0.1, 2));
    INDArray edge = Attacks.randomSign(Nd4j.ones(DataType.FLOAT, 2, 10), 0.1, 3);
    assertTrue(edge.maxNumber().doubleValue() <= 1, "clipped to [0, 1]");
  }

  @Test
  @DisplayName("PGD stays inside the ε-ball and [0, 1] and raises the loss more than one FGSM step")
  void pgdStaysInBall() {
    Model model = TinyNets.mlp(23);
    INDArray[] d = TinyNets.data(model, 16, 24);
    double epsilon = 0.1;
    INDArray Xpgd = Pgd.of(epsilon, 0.02, 20).attack(model, d[0], d[1]);
    assertInBallAndRange(Xpgd, d[0], epsilon);
    INDArray Xfgsm = Attacks.fgsm(model, d[0], d[1], epsilon);
    assertTrue(loss(model, Xpgd, d[1]) >= loss(model, Xfgsm, d[1]) - 1e-6, "PGD >= FGSM");
  }

  @Test
  @DisplayName("targeted PGD raises the probability of the target class of every example")
  void targetedPgdMovesTowardTarget() {
    Model model = TinyNets.mlp(25);
    INDArray[] d = TinyNets.data(model, 12, 26);
    int[] targets = new int[12];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = i % 3;
    }
    INDArray Xt = Pgd.of(0.5, 0.05, 30).toward(model, d[0], targets);
    assertInBallAndRange(Xt, d[0], 0.5);
    INDArray before = model.predict(d[0]);
    INDArray after = model.predict(Xt);
    for (int i = 0; i < targets.length; i++) {
      assertTrue(
          after.getDouble(i, targets[i]) > before.getDouble(i, targets[i]),
          "example " + i + ": target probability did not rise");
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Pgd.of(0.1, 0.01, 5).toward(model, d[0], new int[] {0}));
  }

  @Test
  @DisplayName("bad ε, step size or missing ε fail with the allowed range")
  void badSettings() {
    var e = assertThrows(IllegalArgumentException.class, () -> Pgd.of(-0.1, 0.01, 5));
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Pgd.of(0.1, 0, 5));
    assertThrows(IllegalStateException.class, () -> AdversarialTraining.builder().build());
  }

  @Test
  @DisplayName("with ε = 0 adversarial training is ordinary training on the same minibatches")
  void zeroEpsilonIsOrdinaryTraining() {
    Model adversarial = TinyNets.mlp(32);
    Model ordinary = TinyNets.mlp(32);
    INDArray[] d = TinyNets.data(adversarial, 64, 33);
    Dataset train = Dataset.of(d[0], d[1]);
    AdversarialTraining.builder()
        .epsilon(0)
        .numEpochs(2)
        .batchSize(16)
        .seed(5)
        .build()
        .fit(adversarial, train);
    var batches = train.batches(16, true, 5);
    for (int epoch = 0; epoch < 2; epoch++) {
      batches.reset();
      while (batches.hasNext()) {
        ordinary.fit(batches.next()); // the mean loss over [X; X] has the gradient of X alone
      }
    }
    assertEquals(0, adversarial.params().sub(ordinary.params()).amaxNumber().doubleValue(), 1e-9);
  }

  @Test
  @DisplayName("adversarial training lowers the loss under FGSM compared with plain training")
  void adversarialTrainingLowersAdversarialLoss() {
    // 3 classes in 5 dimensions, decided by inputs 0 and 1; inputs 2-4 are noise
    Nd4j.getRandom().setSeed(31);
    INDArray X = Nd4j.rand(DataType.DOUBLE, 300, 5);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 300, 3);
    for (int i = 0; i < 300; i++) {
      double m = (X.getDouble(i, 0) + X.getDouble(i, 1)) / 2;
      y.putScalar(i, m < 0.4 ? 0 : m < 0.6 ? 1 : 2, 1.0);
    }
    Dataset train = Dataset.of(X, y);
    double epsilon = 0.1;
    Model plain = TinyNets.mlp(32, 1.0);
    Model robust = TinyNets.mlp(32, 1.0);
    AdversarialTraining.Builder b =
        AdversarialTraining.builder().numEpochs(8).batchSize(50).seed(1);
    double[] plainLoss = b.epsilon(0).build().fit(plain, train);
    double[] robustLoss = b.epsilon(epsilon).build().fit(robust, train);
    assertEquals(8, robustLoss.length);
    assertTrue(plainLoss[7] < plainLoss[0], "it trained");
    double plainUnderAttack = loss(plain, Attacks.fgsm(plain, X, y, epsilon), y);
    double robustUnderAttack = loss(robust, Attacks.fgsm(robust, X, y, epsilon), y);
    assertTrue(
        robustUnderAttack < 0.85 * plainUnderAttack, // measured: 277 vs 375 (0.74)
        "loss under FGSM: adversarially trained "
            + robustUnderAttack
            + ", plain "
            + plainUnderAttack);
  }
}
