package org.dlcourse.train.fast;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One block of the convolutional fast path: a {@code k x k} convolution with padding {@code pad},
 * stride 1, bias and ReLU (DL4J's ConvolutionLayer), an optional batch norm with the batch's
 * statistics (DL4J's BatchNormalization, no activation), and 2x2 max pooling with stride 2.
 *
 * <pre>
 * input  [c, b, s, s]  (CNHW: channel-major, see ConvKernels)
 * col    [c*k*k, b*o*o]       im2col, o = s + 2 pad - k + 1
 * z      [f, b*o*o] = W [f, c*k*k] . col      (W is DL4J's [f, c, k, k] in 'c' order)
 * a      = ReLU(z + bias)     (row i of z is channel i: bias, ReLU and batch norm run per row)
 * y      = gamma (a - mean) / sqrt(var + eps) + beta   (batch norm; without it y = a)
 * pooled [f, b, o/2, o/2] = max over 2x2 windows of y
 * </pre>
 *
 * The sizes and the offsets of the block's parameters in the flat {@code network.params()} live
 * here; the per-minibatch arrays in {@link Work}; per-channel numbers of the last step (batch
 * statistics, small parameters and their gradients) in Java arrays.
 */
final class ConvBlock {

  final int c, s, f, k, pad, o, q; // in channels, in size, filters, kernel, padding, out, pooled
  final int rows; // rows of col: c*k*k
  final int convLayer, bnLayer; // layer indices; bnLayer -1 without batch norm
  final double eps, decay; // batch norm's epsilon and running-average decay d
  final int oB, oW, oG, oBe, oMu, oLs; // offsets of b, W, gamma, beta, mean, log10std in params
  final INDArray gW; //  [f, c*k*k] 'c': the view of the flat gradient where dW goes
  final INDArray gWt; // the same memory seen as [c*k*k, f] 'f' (dW^T, see ConvStepper)
  final float[] bias, gamma, beta, gBias, gGamma, gBeta; // [f]; gamma 1, beta 0 without BN
  final double[] mean, var, inv; // [f]: batch mean, biased variance, 1 / sqrt(var + eps)

  ConvBlock(
      int[] shape,
      int convLayer,
      int bnLayer,
      double eps,
      double decay,
      int offset,
      INDArray grad) {
    this.c = shape[0];
    this.s = shape[1];
    this.f = shape[2];
    this.k = shape[3];
    this.pad = shape[4];
    this.o = s + 2 * pad - k + 1;
    this.q = o / 2;
    this.rows = c * k * k;
    this.convLayer = convLayer;
    this.bnLayer = bnLayer;
    this.eps = eps;
    this.decay = decay;
    // DL4J's layout: the convolution's b [f] then W [f*c*k*k]; batch norm's gamma, beta, mean,
    // log10std [f] each. ConvStepper checks these offsets against the layers' own views.
    this.oB = offset;
    this.oW = oB + f;
    int next = oW + f * rows;
    this.oG = bnLayer < 0 ? -1 : next;
    this.oBe = bnLayer < 0 ? -1 : next + f;
    this.oMu = bnLayer < 0 ? -1 : next + 2 * f;
    this.oLs = bnLayer < 0 ? -1 : next + 3 * f;
    this.gW = view(grad, oW, 'c', f, rows);
    this.gWt = view(grad, oW, 'f', rows, f);
    bias = new float[f];
    gamma = new float[f];
    beta = new float[f];
    gBias = new float[f];
    gGamma = new float[f];
    gBeta = new float[f];
    mean = new double[f];
    var = new double[f];
    inv = new double[f];
    java.util.Arrays.fill(gamma, 1f); // pooling reads y = 1 * a + 0 = a without batch norm
  }

  boolean batchNorm() {
    return bnLayer >= 0;
  }

  /** Parameters of the block and the next block's first offset. */
  int end() {
    return batchNorm() ? oLs + f : oW + f * rows;
  }

  /** A {@code [rows, cols]} view of the flat {@code [N]} array from {@code offset}. */
  static INDArray view(INDArray flat, int offset, char order, int rows, int cols) {
    INDArray v =
        flat.get(NDArrayIndex.interval(offset, offset + (long) rows * cols))
            .reshape(order, rows, cols);
    // a write through it must show in the flat array (a copy would leave gradients unseen)
    float old = v.getFloat(rows - 1, cols - 1);
    v.putScalar(rows - 1, cols - 1, old + 1f);
    boolean shared = flat.getFloat(offset + (long) rows * cols - 1) == old + 1f;
    v.putScalar(rows - 1, cols - 1, old);
    if (!shared) {
      throw new IllegalStateException("reshape copied instead of viewing the flat gradient");
    }
    return v;
  }

  /** The arrays of one minibatch size {@code b}, allocated once and reused every step. */
  final class Work {
    final int m; // positions per channel: b*o*o
    final INDArray colN, zN, dzN; // native [c*k*k, m], [f, m], [f, m]: im2col, W.col, dL/dz
    final INDArray dcolN; //          native [c*k*k, m]: W^T dz (null for the first block)
    final float[] col, a, xh, dz, dcol; // Java mirrors; a = ReLU(z + bias), xh = x-hat
    final float[] pooled, dpooled; // [f, b, q, q]: the block's output and dL/d(output)
    final int[] arg; // [f, b, q, q]: where each window's maximum is, as an index into [f, b, o, o]

    Work(int b, boolean first) {
      m = b * o * o;
      colN = Nd4j.create(DataType.FLOAT, rows, m);
      zN = Nd4j.create(DataType.FLOAT, f, m);
      dzN = Nd4j.create(DataType.FLOAT, f, m);
      dcolN = first ? null : Nd4j.create(DataType.FLOAT, rows, m);
      col = new float[rows * m];
      a = new float[f * m];
      xh = batchNorm() ? new float[f * m] : a; // without batch norm pooling reads a itself
      dz = new float[f * m];
      dcol = first ? null : new float[rows * m];
      int pooledSize = f * b * q * q;
      pooled = new float[pooledSize];
      dpooled = new float[pooledSize];
      arg = new int[pooledSize];
    }
  }
}
