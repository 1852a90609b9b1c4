package org.dlcourse.ps.heldout;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlcourse.data.IdxReader;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Points;
import org.junit.jupiter.api.Test;

/** The judged model: class means from 3,000 training images, measured by the grader. */
class ModelTests {
  static final String WHAT = "the nearest-mean model, measured on held-out images";

  @Test
  @Points(question = "q1", value = 2, name = "the nearest-mean classifier reaches 0.6 on held-out images")
  void nearestMeanLearns(Judge judge) {
    Path dir = Path.of(System.getProperty("dlcourse.data"), "fashion-mnist");
    assertFalse(Files.exists(dir.resolve("t10k-images-idx3-ubyte.gz")), "held-out images visible");
    IdxReader.Images x = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
    IdxReader.Labels y = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
    int n = 3_000;
    float[][] images = new float[n][784];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 784; p++) {
        images[i][p] = (x.pixels()[i * 784 + p] & 0xFF) / 255f;
      }
      labels[i] = y.labels()[i];
    }
    double[][] mean = NearestMean.means(images, labels, 10);
    // argmax_c x.m_c - |m_c|^2 / 2 is the nearest mean: W[p, c] = m_c[p], b[c] = -|m_c|^2 / 2.
    double[] W = new double[784 * 10];
    double[] b = new double[10];
    for (int c = 0; c < 10; c++) {
      for (int p = 0; p < 784; p++) {
        W[p * 10 + c] = mean[c][p];
        b[c] -= mean[c][p] * mean[c][p] / 2;
      }
    }
    judge.recordModel(
        WHAT,
        JudgedModel.flat(784).dense(10, "softmax", W, b),
        new JudgedModel.Terms("fashion-mnist-test", 1_000, 0.6, 10_000));
  }
}
