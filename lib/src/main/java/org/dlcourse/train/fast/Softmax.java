package org.dlcourse.train.fast;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minibatch's cross-entropy and accuracy from the softmax output {@code p} {@code [b, k]} and
 * labels {@code y} {@code [b, k]}, read into Java (a few thousand numbers): as DL4J's {@code
 * LossMCXENT}, {@code loss = -(1/b) sum_i sum_c y_ic log(clip(p_ic, eps, 1 - eps))}; accuracy is
 * the share of rows whose largest {@code p} (first on ties, as {@code argMax}) is the largest
 * {@code y}.
 */
final class Softmax {

  private Softmax() {}

  /**
   * {mean cross-entropy, accuracy}; {@code p} and {@code y} must be own {@code c}-order arrays (a
   * bulk copy of their buffers: element-wise reads cost about half of a step).
   */
  static double[] lossAndAccuracy(INDArray p, INDArray y, double clipEps) {
    int rows = (int) p.size(0);
    int k = (int) p.size(1);
    float[] ps = p.data().asFloat();
    float[] ys = y.data().asFloat();
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < rows; i++) {
      int row = i * k;
      for (int c = 0; c < k; c++) {
        if (ys[row + c] != 0) {
          double clipped = Math.min(Math.max(ps[row + c], clipEps), 1 - clipEps);
          sum += ys[row + c] * Math.log(clipped);
        }
      }
      correct += argMax(ps, row, k) == argMax(ys, row, k) ? 1 : 0;
    }
    return new double[] {-sum / rows, (double) correct / rows};
  }

  private static int argMax(float[] values, int from, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (values[from + c] > values[from + best]) {
        best = c;
      }
    }
    return best;
  }
}
