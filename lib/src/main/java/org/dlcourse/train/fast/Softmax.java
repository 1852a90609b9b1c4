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

  /** {mean cross-entropy, accuracy}. */
  static double[] lossAndAccuracy(INDArray p, INDArray y, double clipEps) {
    float[][] ps = p.toFloatMatrix();
    float[][] ys = y.toFloatMatrix();
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < ps.length; i++) {
      float[] pi = ps[i];
      float[] yi = ys[i];
      for (int c = 0; c < pi.length; c++) {
        if (yi[c] != 0) {
          double clipped = Math.min(Math.max(pi[c], clipEps), 1 - clipEps);
          sum += yi[c] * Math.log(clipped);
        }
      }
      correct += argMax(pi) == argMax(yi) ? 1 : 0;
    }
    return new double[] {-sum / ps.length, (double) correct / ps.length};
  }

  private static int argMax(float[] row) {
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }
}
