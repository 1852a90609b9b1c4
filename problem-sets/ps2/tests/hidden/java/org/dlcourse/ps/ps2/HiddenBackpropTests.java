package org.dlcourse.ps.ps2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Hidden tests: other shapes, edge cases, DL4J's Adam with other settings, and real training. */
class HiddenBackpropTests {

  private static INDArray randn(long seed, int rows, int cols, double scale) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, rows, cols).muli(scale);
  }

  private static double[] values(INDArray a, String what) {
    if (a == null) {
      throw new AssertionError(what + " is null");
    }
    return a.dup().reshape(a.length()).toDoubleVector();
  }

  @Test
  @Points(
      question = "q1",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "dense backward with one example and a wide layer",
      hint = "do dW, db and dX have the shapes of W, b and X for n = 1?")
  void denseOneExample(Judge judge) {
    INDArray X = randn(41, 1, 2, 1);
    INDArray W = randn(42, 2, 5, 1);
    INDArray b = randn(43, 1, 5, 1);
    Dense layer = new Dense(W, b);
    layer.forward(X);
    INDArray dX = layer.backward(randn(44, 1, 5, 1));
    judge.record("shapes", java.util.Arrays.toString(layer.dW.shape()) + java.util.Arrays.toString(layer.db.shape()) + java.util.Arrays.toString(dX.shape()));
    judge.record("dW", values(layer.dW, "dW"), 1e-9);
    judge.record("db", values(layer.db, "db"), 1e-9);
    judge.record("dX", values(dX, "dX"), 1e-9);
    assertArrayEquals(new long[] {2, 5}, layer.dW.shape(), "dW must have W's shape");
    assertArrayEquals(new long[] {1, 5}, layer.db.shape(), "db must have b's shape [1, out]");
    assertArrayEquals(new long[] {1, 2}, dX.shape(), "dX must have X's shape");
  }

  @Test
  @Points(
      question = "q2",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "activations leave their inputs unchanged",
      hint = "use operations that return new arrays, not the in-place ones (ending in i)")
  void activationsDoNotMutate(Judge judge) {
    INDArray z = randn(51, 3, 4, 2);
    INDArray up = randn(52, 3, 4, 1);
    double[] before = values(z, "z");
    double[] upBefore = values(up, "up");
    INDArray r = Activations.reluBackward(z, up);
    INDArray s = Activations.sigmoid(z);
    INDArray sb = Activations.sigmoidBackward(s, up);
    INDArray t = Activations.tanh(z);
    INDArray tb = Activations.tanhBackward(t, up);
    Activations.relu(z);
    judge.record("backward values", values(Nd4j.concat(0, r, sb, tb), "backward"), 1e-9);
    assertArrayEquals(before, values(z, "z"), 0, "z was changed");
    assertArrayEquals(upBefore, values(up, "dOut"), 0, "dOut was changed");
  }

  @Test
  @Points(
      question = "q3",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "softmax cross-entropy gradient at logits of +-1000 is finite",
      hint = "shift by the row maximum in softmax")
  void gradientLargeLogits(Judge judge) {
    INDArray Z = Nd4j.create(new double[][] {{1000, -1000, 0}, {-1000, 1000, 999}}).castTo(DataType.DOUBLE);
    INDArray Y = Nd4j.create(new double[][] {{0, 1, 0}, {0, 0, 1}}).castTo(DataType.DOUBLE);
    double[] g = values(SoftmaxCrossEntropy.gradient(Z, Y), "gradient");
    judge.record("gradient at large logits", g, 1e-9);
    for (double v : g) {
      assertTrue(Double.isFinite(v), "the gradient has a non-finite entry: " + java.util.Arrays.toString(g));
    }
  }

  @Test
  @Points(
      question = "q4",
      value = 1,
      visibility = Visibility.HIDDEN,
      name = "Adam with beta1 0.5, beta2 0.9, epsilon 1e-4 on a matrix equals DL4J's",
      hint = "use the constructor's beta1, beta2 and epsilon, not the defaults")
  void adamOtherSettings(Judge judge) {
    INDArray start = randn(61, 1, 8, 1);
    INDArray[] grads = new INDArray[7];
    for (int t = 0; t < grads.length; t++) {
      grads[t] = randn(70 + t, 1, 8, 3);
    }
    double[] want =
        AdamTests.dl4j(new org.nd4j.linalg.learning.config.Adam(0.05, 0.5, 0.9, 1e-4), start, grads);
    double[] got = AdamTests.student(new Adam(0.05, 0.5, 0.9, 1e-4), start, grads);
    judge.record("theta after seven steps", got, 1e-9);
    assertArrayEquals(want, got, 1e-9);
  }

  /** The accuracy the judge requires on 2,000 held-out test images (see rubric.md). */
  static final double TARGET = 0.75;

  @Test
  @Points(
      question = "q5",
      value = 3,
      visibility = Visibility.HIDDEN,
      name = "an MLP built from your parts learns Fashion-MNIST (held-out accuracy >= 0.75)",
      hint = "train an MLP from your parts in the notebook: does the loss fall every epoch?")
  void mlpLearnsFashionMnist(Judge judge) {
    TrainingImages[] data = TrainingImages.load(2_000, 500, 3);
    INDArray X = data[0].asDouble().features();
    INDArray Y = data[0].asDouble().labels();
    Dense first = new Dense(randn(81, 784, 64, Math.sqrt(2.0 / 784)), Nd4j.zeros(DataType.DOUBLE, 1, 64));
    Dense second = new Dense(randn(82, 64, 10, Math.sqrt(2.0 / 64)), Nd4j.zeros(DataType.DOUBLE, 1, 10));
    Adam[] adam = {new Adam(1e-3), new Adam(1e-3), new Adam(1e-3), new Adam(1e-3)};
    int batch = 50;
    for (int epoch = 0; epoch < 4; epoch++) {
      for (int start = 0; start < 2_000; start += batch) {
        INDArray xb = X.get(NDArrayIndex.interval(start, start + batch), NDArrayIndex.all());
        INDArray yb = Y.get(NDArrayIndex.interval(start, start + batch), NDArrayIndex.all());
        INDArray z1 = first.forward(xb);
        INDArray z2 = second.forward(Activations.relu(z1));
        INDArray dH = second.backward(SoftmaxCrossEntropy.gradient(z2, yb));
        first.backward(Activations.reluBackward(z1, dH));
        adam[0].step(first.W, first.dW);
        adam[1].step(first.b, first.db);
        adam[2].step(second.W, second.dW);
        adam[3].step(second.b, second.db);
      }
    }
    // The trained weights go to the judge as data: the grader rebuilds this 784-64-10 network with
    // its own forward pass and measures it on 2,000 test images that this JVM cannot read.
    JudgedModel model =
        JudgedModel.flat(784)
            .dense(64, "relu", values(first.W, "W1"), values(first.b, "b1"))
            .dense(10, "softmax", values(second.W, "W2"), values(second.b, "b2"));
    judge.recordModel(
        "the trained MLP, measured on held-out test images",
        model,
        new JudgedModel.Terms("fashion-mnist-test", 2_000, TARGET, 60_000));
    // The test's own check (an IDE, ./course validate's first run) on 500 other training images.
    TrainingImages validation = data[1].asDouble();
    INDArray scores = second.forward(Activations.relu(first.forward(validation.features())));
    int[] truth = validation.classes();
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += Nd4j.argMax(scores.getRow(i)).getInt(0) == truth[i] ? 1 : 0;
    }
    double accuracy = right / (double) truth.length;
    assertTrue(accuracy >= TARGET, "validation accuracy " + accuracy + " is below " + TARGET);
  }
}
