package org.dlcourse.train.fast;

import java.util.List;

/**
 * Everything one training step of {@link ConvStepper} writes for a minibatch of {@code b} images,
 * allocated once per batch size: per block the arrays of {@link ConvBlock.Work}, the dense tail's
 * {@link DenseTail.Work}, the images in channel-major order and the flattened maps in Java.
 */
final class ConvBuffers {

  final int batchSize;
  final float[] x; //    [c, b, s, s]: the minibatch's images, channel-major (CNHW)
  final float[] flat; // [b, C*q*q]: the last block's output flattened as DL4J does, and dL/dA
  final ConvBlock.Work[] blocks;
  final DenseTail.Work tail;

  ConvBuffers(int b, List<ConvBlock> convBlocks, DenseTail denseTail) {
    this.batchSize = b;
    ConvBlock firstBlock = convBlocks.get(0);
    x = new float[b * firstBlock.c * firstBlock.s * firstBlock.s];
    blocks = new ConvBlock.Work[convBlocks.size()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = convBlocks.get(i).new Work(b, i == 0);
    }
    flat = new float[b * (int) denseTail.sizes[0]];
    tail = denseTail.new Work(b);
  }
}
