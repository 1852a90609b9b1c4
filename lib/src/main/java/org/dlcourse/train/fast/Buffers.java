package org.dlcourse.train.fast;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working arrays of one minibatch size {@code b}, allocated once and reused every step. For a
 * stack with sizes {@code n_0 (inputs), n_1, ..., n_L (classes)}:
 *
 * <ul>
 *   <li>{@code h[l]} {@code [b, n_(l+1)]}: layer l's output (its pre-activation {@code z}, then
 *       {@code f(z)} in place; for the output layer the softmax, then {@code p - y});
 *   <li>{@code dh[l]} {@code [b, n_(l+1)]} (hidden layers only): the gradient w.r.t. that output;
 *   <li>{@code scratch[l]} like {@code dh[l]}: the activation's derivative;
 *   <li>{@code ones} {@code [1, b]}: sums over the minibatch as a product, {@code 1^T D};
 *   <li>{@code labels} {@code [b, k]}: a copy of the minibatch's labels;
 *   <li>{@code mask[l]}, {@code dropped[l]} {@code [b, n_l]} (layers with dropout only, else null):
 *       the dropout mask of layer l's input and that input times the mask;
 *   <li>{@code input[l]}: the array layer l read in the last forward pass (x, {@code h[l-1]} or
 *       {@code dropped[l]}), for the backward pass.
 * </ul>
 *
 * For the element-wise work in Java ({@link RowKernels}), heap copies by rows: {@code rows[l]} of
 * {@code h[l]} ({@code [b][n_(l+1)]}), {@code delta} of one {@code dh[l]} at a time ({@code b} rows
 * as wide as the widest layer), {@code y} of the labels ({@code [b][k]}); {@code bias[l]} and
 * {@code db[l]} ({@code n_(l+1)}).
 */
final class Buffers {

  final int batchSize;
  final INDArray[] h;
  final INDArray[] dh;
  final INDArray[] scratch;
  final INDArray ones;
  final INDArray labels; // [b, k]: the minibatch's labels, copied into an own c-order array
  final INDArray[] mask;
  final INDArray[] dropped;
  final INDArray[] input;
  final float[][][] rows;
  final float[][] delta;
  final float[][] bias;
  final float[][] db;
  final float[][] y;

  /** Buffers for {@code sizes}; {@code retain[l] > 0} when layer l has dropout on its input. */
  Buffers(int batchSize, long[] sizes, double[] retain) {
    int numLayers = sizes.length - 1;
    this.batchSize = batchSize;
    this.h = new INDArray[numLayers];
    this.dh = new INDArray[numLayers];
    this.scratch = new INDArray[numLayers];
    this.mask = new INDArray[numLayers];
    this.dropped = new INDArray[numLayers];
    this.input = new INDArray[numLayers];
    for (int l = 0; l < numLayers; l++) {
      h[l] = Nd4j.create(DataType.FLOAT, batchSize, sizes[l + 1]);
      if (l < numLayers - 1) {
        dh[l] = Nd4j.create(DataType.FLOAT, batchSize, sizes[l + 1]);
        scratch[l] = Nd4j.create(DataType.FLOAT, batchSize, sizes[l + 1]);
      }
      if (retain[l] > 0) {
        mask[l] = Nd4j.create(DataType.FLOAT, batchSize, sizes[l]); // 'c', as DL4J's input
        dropped[l] = Nd4j.create(DataType.FLOAT, batchSize, sizes[l]);
      }
    }
    this.rows = new float[numLayers][][];
    this.bias = new float[numLayers][];
    this.db = new float[numLayers][];
    long widest = 0;
    for (int l = 0; l < numLayers; l++) {
      rows[l] = new float[batchSize][Math.toIntExact(sizes[l + 1])];
      bias[l] = new float[Math.toIntExact(sizes[l + 1])];
      db[l] = new float[Math.toIntExact(sizes[l + 1])];
      widest = Math.max(widest, sizes[l + 1]);
    }
    this.delta = new float[batchSize][Math.toIntExact(widest)];
    this.y = new float[batchSize][Math.toIntExact(sizes[numLayers])];
    this.ones = Nd4j.ones(DataType.FLOAT, 1, batchSize);
    this.labels = Nd4j.create(DataType.FLOAT, batchSize, sizes[numLayers]);
  }
}
