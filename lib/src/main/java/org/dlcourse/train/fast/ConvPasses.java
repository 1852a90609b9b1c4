package org.dlcourse.train.fast;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward and backward passes through the convolution blocks ({@link ConvBlock}) of one
 * minibatch, between the images {@code buf.x} {@code [c, b, s, s]} and the flattened maps {@code A
 * [b, C*q*q]} of the dense tail. The element-wise parts run in Java ({@link ConvKernels}), the
 * products with {@code Nd4j.gemm} on native arrays; {@link #get}/{@link #put} copy between them in
 * bulk.
 */
final class ConvPasses {

  private ConvPasses() {}

  /** Images to the tail's input {@code buf.tail.in} {@code [b, C*q*q]}. */
  static void forward(MultiLayerNetwork network, List<ConvBlock> blocks, ConvBuffers buf) {
    int b = buf.batchSize;
    float[] in = buf.x;
    for (int i = 0; i < blocks.size(); i++) {
      ConvBlock blk = blocks.get(i);
      ConvBlock.Work w = buf.blocks[i];
      ConvKernels.im2col(in, blk.c, b, blk.s, blk.k, blk.pad, blk.o, w.col); // [c*k*k, b*o*o]
      put(w.col, w.colN);
      Nd4j.gemm(weights(network, blk), w.colN, w.zN, false, false, 1.0, 0.0); // z = W . col
      get(w.zN, w.a);
      if (blk.batchNorm()) { // a = ReLU(z + bias); batch statistics; x-hat
        ConvKernels.biasReluNorm(
            w.a, blk.bias, blk.f, w.m, blk.eps, w.xh, blk.mean, blk.var, blk.inv);
      } else {
        ConvKernels.biasRelu(w.a, blk.bias, blk.f, w.m);
      }
      // y = gamma x-hat + beta (y = a without batch norm), then 2x2 max pooling: [f, b, q, q]
      ConvKernels.bnPool(w.xh, blk.gamma, blk.beta, blk.f, b, blk.o, w.pooled, w.arg);
      in = w.pooled;
    }
    // DL4J flattens [b, C, q, q] row-major: A[n][ch*q*q + j] = pooled[ch][n][j]
    ConvBlock last = blocks.get(blocks.size() - 1);
    int plane = last.q * last.q;
    int width = last.f * plane;
    for (int ch = 0; ch < last.f; ch++) {
      for (int n = 0; n < b; n++) {
        System.arraycopy(in, (ch * b + n) * plane, buf.flat, n * width + ch * plane, plane);
      }
    }
    put(buf.flat, buf.tail.in);
  }

  /**
   * From the tail's {@code dL/dA} ({@code buf.tail.dIn}, already a mean over the minibatch) back
   * through the blocks: the weight gradients into the blocks' views of the flat gradient, the bias,
   * gamma and beta gradients into the blocks' Java arrays.
   */
  static void backward(MultiLayerNetwork network, List<ConvBlock> blocks, ConvBuffers buf) {
    int b = buf.batchSize;
    ConvBlock last = blocks.get(blocks.size() - 1);
    int plane = last.q * last.q;
    int width = last.f * plane;
    get(buf.tail.dIn, buf.flat);
    float[] dLast = buf.blocks[blocks.size() - 1].dpooled; // back to [C, b, q, q]
    for (int ch = 0; ch < last.f; ch++) {
      for (int n = 0; n < b; n++) {
        System.arraycopy(buf.flat, n * width + ch * plane, dLast, (ch * b + n) * plane, plane);
      }
    }
    for (int i = blocks.size() - 1; i >= 0; i--) {
      ConvBlock blk = blocks.get(i);
      ConvBlock.Work w = buf.blocks[i];
      if (blk.batchNorm()) { // through pooling, batch norm, ReLU: dz, dgamma, dbeta, dbias
        ConvKernels.poolBnReluBack(
            w.dpooled,
            w.arg,
            w.xh,
            w.a,
            blk.gamma,
            blk.inv,
            blk.f,
            b,
            blk.o,
            w.dz,
            blk.gGamma,
            blk.gBeta,
            blk.gBias);
      } else { // through pooling and ReLU: dz, dbias
        ConvKernels.poolReluBack(w.dpooled, w.arg, w.a, blk.f, b, blk.o, w.dz, blk.gBias);
      }
      put(w.dz, w.dzN);
      // dW [f, c*k*k] = dz [f, m] . col^T. For the first block (c*k*k = 9 or 25 rows, m = b*o*o
      // columns) it is computed as its transpose, dW^T = col . dz^T, into the transposed view of
      // the same memory: BLAS runs that skinny product faster (bench/CONV-STEP.md, 0.7 vs 1.5 ms).
      if (i == 0) {
        Nd4j.gemm(w.colN, w.dzN, blk.gWt, false, true, 1.0, 0.0);
      } else {
        Nd4j.gemm(w.dzN, w.colN, blk.gW, false, true, 1.0, 0.0);
        // dL/d(input) = col2im(W^T dz): the previous block's dL/d(pooled); none for the images
        Nd4j.gemm(weights(network, blk), w.dzN, w.dcolN, true, false, 1.0, 0.0);
        get(w.dcolN, w.dcol);
        float[] dIn = buf.blocks[i - 1].dpooled;
        Arrays.fill(dIn, 0f);
        ConvKernels.col2im(w.dcol, blk.c, b, blk.s, blk.k, blk.pad, blk.o, dIn);
      }
    }
  }

  /** The layer's live {@code W [f, c, k, k]} seen as {@code [f, c*k*k]}. */
  private static INDArray weights(MultiLayerNetwork network, ConvBlock blk) {
    return network.getLayer(blk.convLayer).getParam("W").reshape('c', blk.f, blk.rows);
  }

  /** Copies the whole row-major native array {@code a} into {@code dst}. */
  static void get(INDArray a, float[] dst) {
    FloatBuffer data = a.data().asNioFloat();
    data.get((int) a.offset(), dst, 0, (int) a.length());
  }

  /** Copies {@code src} into the whole row-major native array {@code a}. */
  static void put(float[] src, INDArray a) {
    FloatBuffer data = a.data().asNioFloat();
    data.put((int) a.offset(), src, 0, (int) a.length());
  }
}
