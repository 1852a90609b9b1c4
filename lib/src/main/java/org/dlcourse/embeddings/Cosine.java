package org.dlcourse.embeddings;

/**
 * Cosine similarity, the measure of closeness between word vectors.
 *
 * <p>$\cos(u, v) = \frac{u \cdot v}{\lVert u \rVert \, \lVert v \rVert}$, in [-1, 1]: 1 for vectors
 * pointing the same way, 0 for orthogonal ones. It ignores length, which in word2vec grows with a
 * word's frequency, and keeps only direction. For unit vectors it is the plain dot product.
 */
public final class Cosine {

  private Cosine() {}

  /**
   * The cosine of the angle between {@code u} and {@code v} (0 if either is the zero vector).
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double of(double[] u, double[] v) {
    if (u.length != v.length) {
      throw new IllegalArgumentException(
          "cosine needs vectors of equal length but got " + u.length + " and " + v.length);
    }
    double dot = 0;
    double uu = 0;
    double vv = 0;
    for (int i = 0; i < u.length; i++) {
      dot += u[i] * v[i];
      uu += u[i] * u[i];
      vv += v[i] * v[i];
    }
    return uu == 0 || vv == 0 ? 0 : dot / Math.sqrt(uu * vv);
  }

  /** {@code v / ‖v‖} (a copy; the zero vector stays zero). */
  public static double[] unit(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    double[] u = new double[v.length];
    for (int i = 0; i < v.length && norm > 0; i++) {
      u[i] = v[i] / norm;
    }
    return u;
  }

  /** The dot product {@code u · v} (the cosine when both are unit vectors). */
  static double dot(double[] u, double[] v) {
    double dot = 0;
    for (int i = 0; i < u.length; i++) {
      dot += u[i] * v[i];
    }
    return dot;
  }
}
