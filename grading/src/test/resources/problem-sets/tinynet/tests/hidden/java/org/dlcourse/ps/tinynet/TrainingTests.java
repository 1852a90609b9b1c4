package org.dlcourse.ps.tinynet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.FashionMnist;
import org.dlcourse.data.Splits;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.junit.jupiter.api.Test;

/**
 * Hidden test: trains a tiny DL4J network on Fashion-MNIST inside the sandbox. The judge compares
 * the predicted classes of 100 test images with the reference's (the same seed and one thread make
 * training deterministic), so a forged report earns nothing.
 */
class TrainingTests {

  @Test
  @Points(
      question = "q2",
      value = 3,
      visibility = Visibility.HIDDEN,
      name = "a tiny network learns Fashion-MNIST",
      hint = "does train build, initialise and fit the network with the given seed?")
  void tinyNetworkLearns(Judge judge) {
    Splits data = FashionMnist.builder().trainSize(500).validationSize(100).testSize(100).load();
    var net = TinyNet.train(data.train(), 7);
    Dataset test = data.test();
    int[] predicted = net.predict(test.features());
    int[] truth = test.labelIndices();
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += predicted[i] == truth[i] ? 1 : 0;
    }
    judge.record("predicted classes of 100 test images", Arrays.toString(predicted));
    judge.record("test accuracy", right / (double) truth.length, 1e-9);
    assertTrue(right >= 40, "expected at least 40 of 100 right but got " + right);
  }
}
