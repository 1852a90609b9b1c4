package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTests {

  @Test
  void pointsOnALineProjectOntoTheFirstAxisKeepingTheirSpacing() {
    double[] direction = Cosine.unit(new double[] {1, -2, 0.5, 3, 1});
    double[] t = {-2, -1, 0, 0.5, 3};
    double[][] rows = new double[t.length][5];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < 5; j++) {
        rows[i][j] = 7 + t[i] * direction[j]; // an offset the centring removes
      }
    }
    Pca.Projection p = Pca.project(rows);
    assertEquals(1.0, p.explained()[0], 1e-9);
    double mean = 0.1; // mean of t
    double sign = Math.signum(p.points()[4][0]);
    for (int i = 0; i < t.length; i++) {
      assertEquals(t[i] - mean, sign * p.points()[i][0], 1e-9);
      assertEquals(0.0, p.points()[i][1], 1e-9);
    }
  }

  @Test
  void aPlaneInTenDimensionsKeepsAllDistances() {
    Random r = new Random(4);
    double[] u = Cosine.unit(gaussian(r, 10));
    double[] w = gaussian(r, 10);
    double along = Cosine.dot(w, u);
    for (int j = 0; j < 10; j++) {
      w[j] -= along * u[j];
    }
    w = Cosine.unit(w);
    double[][] rows = new double[30][10];
    for (int i = 0; i < 30; i++) {
      double a = 3 * r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < 10; j++) {
        rows[i][j] = a * u[j] + b * w[j];
      }
    }
    Pca.Projection p = Pca.project(rows);
    assertEquals(1.0, p.explained()[0] + p.explained()[1], 1e-9);
    assertTrue(p.explained()[0] > p.explained()[1]);
    for (int i = 0; i < 30; i++) {
      for (int k = 0; k < 30; k++) {
        double d10 = 0;
        for (int j = 0; j < 10; j++) {
          d10 += (rows[i][j] - rows[k][j]) * (rows[i][j] - rows[k][j]);
        }
        double dx = p.points()[i][0] - p.points()[k][0];
        double dy = p.points()[i][1] - p.points()[k][1];
        assertEquals(Math.sqrt(d10), Math.hypot(dx, dy), 1e-6);
      }
    }
  }

  @Test
  void tooFewPointsAreRefused() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> Pca.project(new double[][] {{1, 2}}));
    assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
  }

  static double[] gaussian(Random r, int d) {
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = r.nextGaussian();
    }
    return v;
  }
}
