package org.dlcourse;

import java.util.Locale;
import org.dlcourse.display.Rich;

/**
 * What {@link Course#checkBackend()} found: which ND4J native build loaded, which one the course
 * was built for, and whether a matrix product on the backend agrees with plain Java.
 *
 * <pre>{@code
 * BackendCheck backend = Course.checkBackend();
 * Check.that("the native build the course was built for loaded: " + backend, backend.ok());
 * }</pre>
 *
 * @param backend "CPU" or "CUDA" (from the backend class), or the class name of another backend
 * @param loadedBuild the native build whose library is loaded, e.g. {@code
 *     linux-x86_64-onednn-avx2}; "none found" if no ND4J native library is loaded
 * @param expectedBuild the {@code nd4j.classifier} the library was built with
 * @param oneDnn whether the loaded native library reports oneDNN support
 * @param shape the product computed, {@code [m, k] x [k, n]}
 * @param maxError the largest absolute difference between ND4J's product and a plain-Java loop
 * @param tolerance the largest difference accepted (float32 rounding of a {@code k}-term sum)
 */
public record BackendCheck(
    String backend,
    String loadedBuild,
    String expectedBuild,
    boolean oneDnn,
    int[] shape,
    double maxError,
    double tolerance)
    implements Rich {

  /** Copies the shape. */
  public BackendCheck {
    shape = shape.clone();
  }

  /** Whether the expected native build loaded and computed the product correctly. */
  public boolean ok() {
    return buildMatches() && productMatches();
  }

  /** Whether the native build that loaded is the one the course was built for. */
  public boolean buildMatches() {
    return loadedBuild.equals(expectedBuild);
  }

  /** Whether ND4J's product agrees with the plain-Java loop within {@link #tolerance()}. */
  public boolean productMatches() {
    return maxError <= tolerance; // false for NaN
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ND4J %s backend, native build %s (expected %s, oneDNN %s); [%d, %d] x [%d, %d] product"
            + " differs from plain Java by at most %.1e (tolerance %.0e)",
        backend,
        loadedBuild,
        expectedBuild,
        oneDnn ? "yes" : "no",
        shape[0],
        shape[1],
        shape[1],
        shape[2],
        maxError,
        tolerance);
  }
}
