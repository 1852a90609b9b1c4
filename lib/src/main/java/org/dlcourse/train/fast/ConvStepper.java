package org.dlcourse.train.fast;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * One training step of a convolutional network (notebook 01's small CNN, LeNet, the AlexNet-style
 * CNN, SmallCnn: see {@link ConvSupport}), equal to DL4J's {@code MultiLayerNetwork.fit(DataSet)}
 * within float rounding, on arrays reused per batch size. Images {@code [b, c, s, s]} (NCHW) go
 * through the {@link ConvBlock}s in channel-major order {@code [c, b, s, s]} (each convolution one
 * matrix product, bench/CONV-STEP.md), are flattened as DL4J flattens {@code [b, C, q, q]} to
 * {@code A [b, C*q*q]}, and the {@link DenseTail} ends in the softmax {@code p [b, k]}:
 *
 * <pre>
 * loss:     -(1/b) sum y log p  +  the L2 terms (as network.score())
 * backward: D = (p - y) / b;  the tail gives dL/dA;  per block, last to first:
 *           dpooled -> dz (pooling, batch norm, ReLU; ConvKernels);  db = sum dz
 *           dW [f, c*k*k] = dz [f, m] . col^T;  dL/d(input) = col2im(W^T dz)
 * update:   the network's updater blocks (UpdaterStep), then params -= step; batch norm's
 *           running mean and log10 std get DL4J's "update" (their updater is NoOp):
 *           mean -= (1 - d)(mean - batchMean);  log10std -= log10(std / std_new),
 *           std_new^2 = d std^2 + (1 - d) batchVar
 * </pre>
 *
 * The gradient is laid out like {@code network.params()}, whose live view is updated, so
 * evaluation, saving and later {@code fit} calls see the step.
 */
public final class ConvStepper {

  private static final int MAX_BATCH_SIZES = 3; // buffers kept, e.g. full and last minibatch

  private final MultiLayerNetwork network;
  private final List<ConvBlock> blocks = new ArrayList<>();
  private final DenseTail tail;
  private final double clipEps;
  private final INDArray gradient; // [1, N], laid out like network.params()
  private final UpdaterStep updater;
  private final Map<Integer, ConvBuffers> buffers = new HashMap<>();

  private ConvStepper(MultiLayerNetwork network) {
    this.network = network;
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      this.gradient = Nd4j.create(DataType.FLOAT, 1, network.numParams());
    }
    INDArray flatGradient = flat(gradient);
    int first = ConvLayout.firstDenseLayer(network);
    long[] sizes = ConvLayout.inputSizes(network, first);
    int offset = 0;
    int l = 0;
    while (l < first) {
      ConvolutionLayer conv = (ConvolutionLayer) network.getLayer(l).conf().getLayer();
      boolean bn = network.getLayer(l + 1).conf().getLayer() instanceof BatchNormalization;
      BatchNormalization norm =
          bn ? (BatchNormalization) network.getLayer(l + 1).conf().getLayer() : null;
      int k = conv.getKernelSize()[0];
      int[] shape = {
        (int) conv.getNIn(),
        (int) sizes[blocks.size()],
        (int) conv.getNOut(),
        k,
        conv.getPadding()[0]
      };
      ConvBlock block =
          new ConvBlock(
              shape,
              l,
              bn ? l + 1 : -1,
              bn ? norm.getEps() : 0,
              bn ? norm.getDecay() : 0,
              offset,
              flatGradient);
      offset = block.end();
      blocks.add(block);
      l += bn ? 3 : 2; // convolution, [batch norm,] pooling
    }
    this.tail = new DenseTail(network, first, offset, flatGradient);
    ConvLayout.check(network, blocks);
    OutputLayer out = (OutputLayer) network.getLayer(network.getnLayers() - 1).conf().getLayer();
    this.clipEps = ((LossMCXENT) out.getLossFn()).getSoftmaxClipEps();
    this.updater = new UpdaterStep(network);
  }

  /**
   * A stepper for {@code network}.
   *
   * @throws IllegalArgumentException if the fast path does not implement this network (the message
   *     says why); check {@link FastPath#whyNot} first
   */
  public static ConvStepper of(MultiLayerNetwork network) {
    String why = ConvSupport.whyNot(network);
    if (why != null) {
      throw new IllegalArgumentException(
          "the fast convolutional path cannot train this network: "
              + why
              + "; train it with network.fit");
    }
    return new ConvStepper(network);
  }

  /** The network this stepper trains. */
  public MultiLayerNetwork network() {
    return network;
  }

  /**
   * One step on {@code minibatch} (images {@code [b, c, s, s]}, one-hot labels {@code [b, k]},
   * float, no masks). Returns {score, accuracy, cross-entropy} of the parameters before the step on
   * this minibatch (the score as {@code network.score()}), or null without changing anything when
   * the minibatch is not one this path takes (e.g. another image size; then use {@code fit}).
   */
  public double[] step(DataSet minibatch) {
    INDArray x = minibatch.getFeatures();
    INDArray y = minibatch.getLabels();
    if (!fits(minibatch, x, y)) {
      return null;
    }
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      int iteration = network.getIterationCount();
      int epoch = network.getEpochCount();
      double[] measured = forwardBackward(x, y); // {score, accuracy, cross-entropy}
      INDArray params = flat(network.params()); // [N], the live view
      updater.step(flat(gradient), params, iteration, epoch); // the updater, then w -= step
      advance(iteration + 1, epoch, measured[0]);
      FastPath.countStep();
      return measured;
    }
  }

  /**
   * Forward and backward pass: leaves the MEAN gradient in {@link #gradient} (for the running
   * statistics DL4J's update) and returns {score, accuracy, cross-entropy}.
   */
  private double[] forwardBackward(INDArray x, INDArray y) {
    ConvBuffers buf = buffers((int) x.size(0));
    readSmallParams();
    readImages(x, buf);
    ConvPasses.forward(network, blocks, buf);
    INDArray p = tail.forward(buf.tail); // [b, k]
    INDArray labels = buf.tail.labels.assign(y); // an own c-order copy, read in bulk
    double[] lossAndAccuracy = Softmax.lossAndAccuracy(p, labels, clipEps);
    double loss = lossAndAccuracy[0] + network.calcRegularizationScore(true);
    p.subi(labels).muli(1.0 / buf.batchSize); // D_L = (p - y) / b, [b, k]
    tail.backward(buf.tail);
    ConvPasses.backward(network, blocks, buf);
    writeSmallGradients();
    return new double[] {loss, lossAndAccuracy[1], lossAndAccuracy[0]};
  }

  /**
   * For tests: the gradient of {@code minibatch} at the current parameters, in the form of DL4J's
   * {@code computeGradientAndScore} ({@code network.gradient().gradient()}, before its updater):
   * sums over the minibatch ({@code b} times the mean) and, for batch norm's running statistics,
   * the update. Changes nothing but the stepper's work arrays. Null where {@code step} is.
   */
  INDArray dl4jGradient(DataSet minibatch) {
    INDArray x = minibatch.getFeatures();
    if (!fits(minibatch, x, minibatch.getLabels())) {
      return null;
    }
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      forwardBackward(x, minibatch.getLabels());
      INDArray out = flat(gradient).mul(x.size(0));
      for (ConvBlock blk : blocks) {
        if (blk.batchNorm()) {
          var stats = org.nd4j.linalg.indexing.NDArrayIndex.interval(blk.oMu, blk.oLs + blk.f);
          out.get(stats).assign(flat(gradient).get(stats));
        }
      }
      return out;
    }
  }

  /** The images {@code [b, c, s, s]} into {@code buf.x} {@code [c, b, s, s]}. */
  private void readImages(INDArray x, ConvBuffers buf) {
    INDArray images = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
    FloatBuffer from = images.data().asNioFloat();
    int base = (int) images.offset();
    ConvBlock first = blocks.get(0);
    int plane = first.s * first.s;
    int b = buf.batchSize;
    for (int n = 0; n < b; n++) {
      for (int ch = 0; ch < first.c; ch++) {
        from.get(base + (n * first.c + ch) * plane, buf.x, (ch * b + n) * plane, plane);
      }
    }
  }

  /** Biases, gamma and beta of the blocks from the live parameters (a few hundred floats). */
  private void readSmallParams() {
    FloatBuffer params = network.params().data().asNioFloat();
    int base = (int) network.params().offset();
    for (ConvBlock blk : blocks) {
      params.get(base + blk.oB, blk.bias);
      if (blk.batchNorm()) {
        params.get(base + blk.oG, blk.gamma);
        params.get(base + blk.oBe, blk.beta);
      }
    }
  }

  /** The blocks' bias, gamma, beta gradients and batch norm's running-statistics updates. */
  private void writeSmallGradients() {
    FloatBuffer grad = gradient.data().asNioFloat();
    FloatBuffer params = network.params().data().asNioFloat();
    int base = (int) network.params().offset();
    for (ConvBlock blk : blocks) {
      grad.put(blk.oB, blk.gBias);
      if (!blk.batchNorm()) {
        continue;
      }
      grad.put(blk.oG, blk.gGamma);
      grad.put(blk.oBe, blk.gBeta);
      double d = blk.decay;
      for (int ch = 0; ch < blk.f; ch++) {
        double mean = params.get(base + blk.oMu + ch);
        double runVar = Math.pow(10, 2.0 * params.get(base + blk.oLs + ch)); // (10^log10std)^2
        double next = d * runVar + (1 - d) * blk.var[ch];
        grad.put(blk.oMu + ch, (float) ((1 - d) * (mean - blk.mean[ch])));
        grad.put(blk.oLs + ch, (float) (0.5 * Math.log10(runVar / next)));
      }
    }
  }

  /** DL4J's bookkeeping after a step: iteration count (network and layers) and score. */
  private void advance(int iteration, int epoch, double loss) {
    network.setIterationCount(iteration);
    for (Layer layer : network.getLayers()) {
      layer.setIterationCount(iteration);
      layer.setEpochCount(epoch);
    }
    network.setScore(loss);
  }

  private boolean fits(DataSet minibatch, INDArray x, INDArray y) {
    ConvBlock first = blocks.get(0);
    long k = tail.sizes[tail.sizes.length - 1];
    return x != null
        && y != null
        && minibatch.getFeaturesMaskArray() == null
        && minibatch.getLabelsMaskArray() == null
        && x.dataType() == DataType.FLOAT
        && y.dataType() == DataType.FLOAT
        && x.rank() == 4
        && y.rank() == 2
        && x.size(1) == first.c
        && x.size(2) == first.s
        && x.size(3) == first.s
        && y.size(1) == k
        && x.size(0) == y.size(0)
        && x.size(0) > 0
        && arraysFit(x.size(0));
  }

  /**
   * Whether the largest work arrays of {@code b} images, {@code [c*k*k or f, b*o*o]}, fit an int.
   */
  private boolean arraysFit(long b) {
    for (ConvBlock blk : blocks) {
      if ((long) Math.max(blk.rows, blk.f) * b * blk.o * blk.o > Integer.MAX_VALUE) {
        return false;
      }
    }
    return b * tail.sizes[0] <= Integer.MAX_VALUE;
  }

  private ConvBuffers buffers(int batchSize) {
    ConvBuffers buf = buffers.get(batchSize);
    if (buf == null) {
      if (buffers.size() >= MAX_BATCH_SIZES) {
        buffers.clear();
      }
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        buf = new ConvBuffers(batchSize, blocks, tail);
      }
      buffers.put(batchSize, buf);
    }
    return buf;
  }

  static INDArray flat(INDArray rowVector) {
    return rowVector.rank() == 1 ? rowVector : rowVector.reshape(rowVector.length()); // [N]
  }
}
