package org.dlcourse.embeddings;

import java.util.List;
import java.util.Locale;

/**
 * Principal component analysis to two dimensions, to draw word vectors on a page.
 *
 * <p>With the rows $x_i$ centred ($\bar x$ subtracted), the covariance is $C = \frac{1}{n} X^\top
 * X$ ({@code [d, d]}). The first principal direction $p_1$ is the unit vector that maximises the
 * variance $p^\top C p$ of the projections — $C$'s top eigenvector — and $p_2$ the best one
 * orthogonal to it. Both are found by power iteration ($p \leftarrow Cp / \lVert Cp \rVert$, with
 * $p_1$'s part removed for $p_2$). Each point is drawn at $(x_i \cdot p_1, x_i \cdot p_2)$; the
 * share of the total variance the two directions keep says how faithful the picture is.
 */
public final class Pca {

  /**
   * A 2-D projection.
   *
   * @param points {@code [n][2]}: each row's coordinates along the two principal directions
   * @param explained the share of the total variance along each direction
   */
  public record Projection(double[][] points, double[] explained) {
    /** The x coordinates (first direction). */
    public double[] xs() {
      double[] x = new double[points.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = points[i][0];
      }
      return x;
    }

    /** The y coordinates (second direction). */
    public double[] ys() {
      double[] y = new double[points.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = points[i][1];
      }
      return y;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "Projection(%d points; the two directions keep %.1f%% + %.1f%% of the variance)",
          points.length,
          100 * explained[0],
          100 * explained[1]);
    }
  }

  private static final int ITERATIONS = 500;

  private Pca() {}

  /** The words' vectors of {@code vectors} projected to 2-D (PCA over just these words). */
  public static Projection of(Embeddings vectors, List<String> words) {
    double[][] rows = new double[words.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = vectors.vector(words.get(i));
    }
    return project(rows);
  }

  /**
   * Projects {@code rows} ({@code [n][d]}, n &gt;= 2, d &gt;= 2) onto their two principal
   * directions.
   */
  public static Projection project(double[][] rows) {
    if (rows.length < 2 || rows[0].length < 2) {
      throw new IllegalArgumentException(
          "PCA to 2-D needs at least 2 rows of at least 2 numbers but got "
              + rows.length
              + " rows"
              + (rows.length == 0 ? "" : " of " + rows[0].length));
    }
    double[][] x = centred(rows);
    double[][] c = covariance(x);
    double total = 0;
    for (int j = 0; j < c.length; j++) {
      total += c[j][j];
    }
    double[] p1 = topEigenvector(c, null);
    double[] p2 = topEigenvector(c, p1);
    double[][] points = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      points[i][0] = Cosine.dot(x[i], p1);
      points[i][1] = Cosine.dot(x[i], p2);
    }
    double[] explained = {
      total == 0 ? 0 : quadratic(c, p1) / total, total == 0 ? 0 : quadratic(c, p2) / total
    };
    return new Projection(points, explained);
  }

  private static double[][] centred(double[][] rows) {
    int n = rows.length;
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] r : rows) {
      if (r.length != d) {
        throw new IllegalArgumentException(
            "rows must have equal lengths: " + r.length + " vs " + d);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / n;
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rows[i][j] - mean[j];
      }
    }
    return x;
  }

  /** $C = X^\top X / n$, {@code [d, d]}. */
  private static double[][] covariance(double[][] x) {
    int d = x[0].length;
    double[][] c = new double[d][d];
    for (double[] r : x) {
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          c[a][b] += r[a] * r[b] / x.length;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        c[a][b] = c[b][a];
      }
    }
    return c;
  }

  /** Power iteration for C's top eigenvector, orthogonal to {@code exclude} if given. */
  private static double[] topEigenvector(double[][] c, double[] exclude) {
    int d = c.length;
    double[] p = new double[d];
    for (int j = 0; j < d; j++) {
      p[j] = 1.0 + 0.01 * j; // a fixed start, not orthogonal to any direction in practice
    }
    for (int it = 0; it < ITERATIONS; it++) {
      removeComponent(p, exclude);
      double[] next = new double[d];
      for (int a = 0; a < d; a++) {
        next[a] = Cosine.dot(c[a], p);
      }
      removeComponent(next, exclude);
      double norm = Math.sqrt(Cosine.dot(next, next));
      if (norm == 0) {
        break;
      }
      for (int a = 0; a < d; a++) {
        p[a] = next[a] / norm;
      }
    }
    return Cosine.unit(p);
  }

  private static void removeComponent(double[] p, double[] direction) {
    if (direction == null) {
      return;
    }
    double along = Cosine.dot(p, direction);
    for (int j = 0; j < p.length; j++) {
      p[j] -= along * direction[j];
    }
  }

  private static double quadratic(double[][] c, double[] p) {
    double s = 0;
    for (int a = 0; a < c.length; a++) {
      s += p[a] * Cosine.dot(c[a], p);
    }
    return s;
  }
}
