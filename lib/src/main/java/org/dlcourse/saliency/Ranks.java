package org.dlcourse.saliency;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rank correlation: how well two maps agree on <em>which</em> pixels matter, whatever their scales.
 *
 * <p>Spearman's ρ is the Pearson correlation of the ranks (ties get their mean rank): 1 when both
 * maps order the pixels the same way, about 0 for unrelated maps. Introduced in notebook 10.
 */
public final class Ranks {

  private Ranks() {}

  /** Spearman's rank correlation of two maps with the same number of values. */
  public static double spearman(INDArray a, INDArray b) {
    double[] x = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(
          "expected two maps with the same number (>= 2) of values but got "
              + x.length
              + " and "
              + y.length);
    }
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Spearman's ρ of {@code a} with {@code b} after shuffling {@code b}'s values (drawn from {@code
   * seed}): the agreement of maps that share nothing but their value distribution — the chance
   * baseline.
   */
  public static double shuffledSpearman(INDArray a, INDArray b, long seed) {
    double[] y = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    Random random = new Random(seed);
    for (int i = y.length - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      double t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return spearman(a, org.nd4j.linalg.factory.Nd4j.create(y));
  }

  /** The rank of each value, 1-based; tied values share the mean of their ranks. */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    for (int start = 0; start < v.length; ) {
      int end = start;
      while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) {
        end++;
      }
      double mean = (start + end) / 2.0 + 1; // ranks start..end (0-based) share their mean
      for (int k = start; k <= end; k++) {
        r[order[k]] = mean;
      }
      start = end + 1;
    }
    return r;
  }

  private static double pearson(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }
}
