package org.dlcourse.generative;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations, in double
 * precision: small (up to a few hundred rows), exact to rounding, and free of native libraries.
 *
 * <p>Each rotation in the plane (p, q) zeroes {@code A[p][q]}; the sum of squares off the diagonal
 * falls every sweep until the matrix is diagonal: {@code A = V diag(lambda) V^T}.
 */
final class SymmetricEigen {

  final double[] values; // lambda_i
  final double[][] vectors; // column i is the eigenvector of lambda_i

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100 && offDiagonal(a) > 1e-30 * (1 + diagonal(a)); sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return new SymmetricEigen(values, v);
  }

  /** V f(lambda) V^T for a function f of the eigenvalues. */
  double[][] apply(java.util.function.DoubleUnaryOperator f) {
    int n = values.length;
    double[] fl = new double[n];
    for (int k = 0; k < n; k++) {
      fl[k] = f.applyAsDouble(values[k]);
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += vectors[i][k] * fl[k] * vectors[j][k];
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double apq = a[p][q];
    if (Math.abs(apq) < 1e-300) {
      return;
    }
    // choose t = tan(theta) so that the rotated A[p][q] is 0 (the smaller root, for stability)
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) { // A <- A J (columns p, q)
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) { // A <- J^T A (rows p, q)
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) { // V <- V J
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  private static double offDiagonal(double[][] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        if (i != j) {
          s += a[i][j] * a[i][j];
        }
      }
    }
    return s;
  }

  private static double diagonal(double[][] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i][i] * a[i][i];
    }
    return s;
  }
}
