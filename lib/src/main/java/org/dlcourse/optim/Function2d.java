package org.dlcourse.optim;

import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * A function of two variables {@code f(x, y)} with its gradient, to watch optimisers walk on.
 *
 * <pre>{@code
 * Function2d bowl = Function2d.bowl(1, 20);   // f = (x^2 + 20 y^2) / 2, minimum at (0, 0)
 * Function2d banana = Function2d.rosenbrock(); // f = (1 - x)^2 + 100 (y - x^2)^2, minimum (1, 1)
 * }</pre>
 *
 * <p>Introduced in the notebook on optimisers ({@code 04-optimizers}).
 */
public interface Function2d {

  /** A short name, e.g. {@code "bowl 1:20"}. */
  String name();

  /** The value {@code f(x, y)}. */
  double value(double x, double y);

  /** The gradient {@code [df/dx, df/dy]} at {@code (x, y)}. */
  double[] gradient(double x, double y);

  /** The point where the function is smallest. */
  double[] minimum();

  /**
   * The quadratic bowl {@code f = (a x^2 + b y^2) / 2}, minimum 0 at (0, 0).
   *
   * <p>Its curvatures are {@code a} along x and {@code b} along y; when they differ a lot (an
   * ill-conditioned bowl, condition number {@code b / a}) gradient descent zig-zags across the
   * narrow valley and crawls along it.
   *
   * @throws IllegalArgumentException unless {@code a > 0} and {@code b > 0}
   */
  static Function2d bowl(double a, double b) {
    if (!(a > 0 && b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
      throw new IllegalArgumentException(
          "the bowl's curvatures must be finite and > 0 but were a = " + a + ", b = " + b);
    }
    String name = String.format(Locale.ROOT, "bowl %s:%s", trim(a), trim(b));
    return of(
        name,
        (x, y) -> (a * x * x + b * y * y) / 2,
        (x, y) -> new double[] {a * x, b * y},
        new double[] {0, 0});
  }

  /**
   * The quadratic {@code f(w) = w^T A w / 2} whose curvatures {@code a} and {@code b} lie along
   * axes turned by {@code angleDegrees} (counter-clockwise) from x and y: {@code A = R diag(a, b)
   * R^T} with the rotation {@code R}. At angle 0 it is {@link #bowl}; at 45 degrees the steep
   * direction mixes both coordinates, so an optimiser that scales each coordinate separately
   * (RMSProp, Adam) can no longer pick it out. Its eigenvalues are {@code a} and {@code b}, so
   * gradient descent is stable exactly for {@code lr < 2 / max(a, b)} whatever the angle.
   *
   * @throws IllegalArgumentException unless {@code a > 0}, {@code b > 0} and the angle is finite
   */
  static Function2d rotatedBowl(double a, double b, double angleDegrees) {
    if (!(a > 0 && b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
      throw new IllegalArgumentException(
          "the bowl's curvatures must be finite and > 0 but were a = " + a + ", b = " + b);
    }
    if (!Double.isFinite(angleDegrees)) {
      throw new IllegalArgumentException("the angle must be finite but was " + angleDegrees);
    }
    double c = Math.cos(Math.toRadians(angleDegrees));
    double s = Math.sin(Math.toRadians(angleDegrees));
    // A = R diag(a, b) R^T with R = [[c, -s], [s, c]]: a symmetric 2 x 2 matrix [[axx, axy], [axy,
    // ayy]].
    double axx = a * c * c + b * s * s;
    double ayy = a * s * s + b * c * c;
    double axy = (a - b) * c * s;
    String name =
        String.format(
            Locale.ROOT, "bowl %s:%s turned %s deg", trim(a), trim(b), trim(angleDegrees));
    return of(
        name,
        (x, y) -> (axx * x * x + 2 * axy * x * y + ayy * y * y) / 2,
        (x, y) -> new double[] {axx * x + axy * y, axy * x + ayy * y}, // A w
        new double[] {0, 0});
  }

  /**
   * The point {@code (x, y)} turned by {@code angleDegrees} counter-clockwise about the origin: a
   * start on {@link #rotatedBowl} that sits where {@code (x, y)} sits on the unturned bowl.
   */
  static double[] rotate(double[] point, double angleDegrees) {
    if (point == null || point.length != 2) {
      throw new IllegalArgumentException(
          "expected a point {x, y} but got " + java.util.Arrays.toString(point));
    }
    double c = Math.cos(Math.toRadians(angleDegrees));
    double s = Math.sin(Math.toRadians(angleDegrees));
    return new double[] {c * point[0] - s * point[1], s * point[0] + c * point[1]};
  }

  /**
   * The Rosenbrock function {@code f = (1 - x)^2 + 100 (y - x^2)^2}: a curved, flat-bottomed valley
   * with its minimum 0 at (1, 1).
   */
  static Function2d rosenbrock() {
    return of(
        "Rosenbrock",
        (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
        // df/dx = -2 (1 - x) - 400 x (y - x^2);  df/dy = 200 (y - x^2)
        (x, y) -> new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)},
        new double[] {1, 1});
  }

  /** A function from a value, its gradient and the location of its minimum. */
  static Function2d of(
      String name, DoubleBinaryOperator value, Gradient gradient, double[] minimum) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(gradient, "gradient");
    if (minimum == null || minimum.length != 2) {
      throw new IllegalArgumentException(
          "the minimum must be a point {x, y} but was " + java.util.Arrays.toString(minimum));
    }
    double[] min = minimum.clone();
    return new Function2d() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double value(double x, double y) {
        return value.applyAsDouble(x, y);
      }

      @Override
      public double[] gradient(double x, double y) {
        return gradient.at(x, y);
      }

      @Override
      public double[] minimum() {
        return min.clone();
      }

      @Override
      public String toString() {
        return "Function2d[" + name + ", minimum (" + trim(min[0]) + ", " + trim(min[1]) + ")]";
      }
    };
  }

  /** {@code [df/dx, df/dy]}. */
  @FunctionalInterface
  interface Gradient {
    /** The gradient at {@code (x, y)}. */
    double[] at(double x, double y);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
