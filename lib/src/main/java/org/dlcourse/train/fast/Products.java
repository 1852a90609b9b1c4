package org.dlcourse.train.fast;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small matrix products straight through OpenBLAS's {@code cblas_sgemm}, the BLAS the CPU backend
 * ships, on row-major float matrices given as a whole array plus an offset in floats.
 *
 * <p>Why: {@code Nd4j.gemm} (oneDNN) has a fixed cost of about 27 us per call here, measured on a 4
 * x 4 x 4 product, which dominates the dense step's small products; {@code cblas_sgemm} has next to
 * none (2026-11-30, 1 thread: [128, 128] x [128, 10] 11-12 us against 63-119 us; [128, 256] x [256,
 * 128] 107-110 us against 143-158 us). For large products oneDNN is faster ([128, 784] x [784,
 * 256]: 402-441 us against 632-657 us), so {@link #small} decides by size.
 */
final class Products {

  /** Multiply-adds below which {@code cblas_sgemm} is used (the measured crossing: 4M to 26M). */
  static final long SMALL = 8_000_000L;

  private static final boolean AVAILABLE = load();

  private Products() {}

  /**
   * Whether {@code cblas_sgemm} can be called: ND4J runs on its CPU backend (whose arrays live in
   * host memory) and OpenBLAS's bindings load. Elsewhere (e.g. the CUDA backend) every product is
   * {@code Nd4j.gemm}.
   */
  static boolean available() {
    return AVAILABLE;
  }

  private static boolean load() {
    if (!FastPath.cpuBackend()) {
      return false;
    }
    try {
      Class.forName("org.bytedeco.openblas.global.openblas"); // loads the native library
      return true;
    } catch (Throwable e) { // a missing or broken native library: Nd4j.gemm does every product
      return false;
    }
  }

  /** Whether a product of {@code m x k} by {@code k x n} goes to {@code cblas_sgemm}. */
  static boolean small(long m, long n, long k) {
    return m * n * k < SMALL;
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C}, row-major: {@code A} at {@code a + aOffset} with row
   * stride {@code lda} ({@code m x k}, or {@code k x m} stored when {@code transA}), likewise
   * {@code B} ({@code k x n}) and {@code C} ({@code m x n}, row stride {@code ldc}). Each array
   * must be a whole FLOAT array ({@link Plain#whole}) long enough for its matrix; the caller
   * checks.
   */
  static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      INDArray a,
      long aOffset,
      int lda,
      INDArray b,
      long bOffset,
      int ldb,
      float beta,
      INDArray c,
      long cOffset,
      int ldc) {
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m,
        n,
        k,
        alpha,
        new At(a, aOffset),
        lda,
        new At(b, bOffset),
        ldb,
        beta,
        new At(c, cOffset),
        ldc);
    // the pointers are bare addresses: keep the arrays (and their memory) alive until here
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
    Reference.reachabilityFence(c);
  }

  /**
   * A bare address {@code offset} floats into a whole array's memory: no deallocator and no link to
   * the array's own pointer, so that nothing this object does (or its garbage collection) can free
   * or release the array's memory.
   */
  private static final class At extends FloatPointer {
    At(INDArray array, long offset) {
      super((Pointer) null);
      this.address = array.data().address() + offset * Float.BYTES;
    }
  }
}
