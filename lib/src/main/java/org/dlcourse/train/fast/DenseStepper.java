package org.dlcourse.train.fast;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * One training step of a dense stack, equal to DL4J's {@code MultiLayerNetwork.fit(DataSet)} within
 * float rounding, on preallocated arrays. Sizes {@code n_0 (inputs), ..., n_L (classes)}, minibatch
 * {@code b}, layer l maps {@code [b, n_l] -> [b, n_(l+1)]} with {@code W_l [n_l, n_(l+1)]}, {@code
 * b_l [1, n_(l+1)]}:
 *
 * <pre>
 * dropout:  a_l = h_(l-1) * m_l   (layers with dropout, m_l fresh each step: 1/p or 0;
 *           else a_l = h_(l-1); see InputDropout)
 * forward:  z_l = a_l W_l + b_l,  h_l = f(z_l)  (h_(-1) = X; the last f is softmax: p)
 * loss:     -(1/b) sum y log p  +  the L2 terms (as network.score())
 * backward: D_L = p - y;  dW_l = (1/b) a_l^T D_l;  db_l = (1/b) 1^T D_l
 *           D_(l-1) = (D_l W_l^T) * m_l * f'(z_(l-1))
 * update:   the network's updater blocks (UpdaterStep), then params -= step
 * </pre>
 *
 * Products run through {@code Nd4j.gemm} into existing arrays (oneDNN), activations in place. The
 * gradient is laid out like {@code network.params()}, so the updater's state and the parameters are
 * the network's own: evaluation, saving and later {@code fit} calls see this step.
 */
public final class DenseStepper {

  private static final int MAX_BATCH_SIZES = 4; // buffers kept, e.g. full and last minibatch

  private final MultiLayerNetwork network;
  private final long[] sizes; // n_0 .. n_L
  private final Activations.Kind[] kinds; // hidden layers
  private final double[] alphas; // leaky ReLU slopes
  private final double[] retain; // dropout's retain probability p on layer l's input, 0: none
  private final IActivation[] activations; // DL4J's own, applied in place in the forward pass
  private final double clipEps;
  private final INDArray gradient; // [1, N], laid out like network.params()
  // views of gradient: dW_l transposed, [n_(l+1), n_l] 'c' (DL4J lays out W [n_l, n_(l+1)] 'f')
  private final INDArray[] gradWt;
  private final INDArray[] gradB; // views of gradient, [1, n_(l+1)]
  private final UpdaterStep updater;
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  private final int[] biasOffset; // where b_l starts in the flat parameters and gradient
  private final int[] weightOffset; // where W_l starts in them
  private final boolean javaRows; // element-wise work in Java (RowKernels), else native ops
  private final boolean blas; // javaRows, and small products through cblas_sgemm (Products)
  private long javaRowSteps; // steps whose element-wise work ran in Java (tests check it)

  private DenseStepper(MultiLayerNetwork network, boolean javaRows) {
    this.network = network;
    int numLayers = network.getnLayers();
    this.sizes = new long[numLayers + 1];
    this.kinds = new Activations.Kind[numLayers];
    this.alphas = new double[numLayers];
    this.retain = new double[numLayers];
    this.activations = new IActivation[numLayers];
    for (int l = 0; l < numLayers; l++) {
      FeedForwardLayer conf = (FeedForwardLayer) network.getLayer(l).conf().getLayer();
      sizes[l] = conf.getNIn();
      sizes[l + 1] = conf.getNOut();
      IActivation fn = conf.getActivationFn();
      activations[l] = fn;
      kinds[l] = l < numLayers - 1 ? DenseSupport.hiddenActivation(fn) : null;
      alphas[l] = fn instanceof ActivationLReLU leaky ? leaky.getAlpha() : 0;
      retain[l] = InputDropout.retainProbability(conf.getIDropout());
    }
    OutputLayer out = (OutputLayer) network.getLayer(numLayers - 1).conf().getLayer();
    this.clipEps = ((LossMCXENT) out.getLossFn()).getSoftmaxClipEps();
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      this.gradient = Nd4j.create(DataType.FLOAT, 1, network.numParams());
    }
    this.gradWt = new INDArray[numLayers];
    this.gradB = new INDArray[numLayers];
    this.biasOffset = new int[numLayers];
    this.weightOffset = new int[numLayers];
    this.javaRows = layOutGradient() && javaRows;
    this.blas = this.javaRows && Products.available() && !Boolean.getBoolean(NO_BLAS);
    this.updater = new UpdaterStep(network);
  }

  /**
   * A stepper for {@code network}.
   *
   * @throws IllegalArgumentException if the fast path does not implement this network (the message
   *     says why); check {@link FastPath#whyNot} first
   */
  public static DenseStepper of(MultiLayerNetwork network) {
    return of(network, !Boolean.getBoolean(NATIVE_ROWS));
  }

  /**
   * The system property ({@code -Ddlcourse.fastpath.nativeRows=true}) that makes new steppers do
   * the element-wise work with ND4J's native ops instead of Java loops, e.g. to time the two.
   */
  public static final String NATIVE_ROWS = "dlcourse.fastpath.nativeRows";

  /**
   * The system property ({@code -Ddlcourse.fastpath.noBlas=true}) that makes new steppers do every
   * matrix product with {@code Nd4j.gemm}, none with {@code cblas_sgemm}, e.g. to time the two.
   */
  public static final String NO_BLAS = "dlcourse.fastpath.noBlas";

  /** As {@link #of(MultiLayerNetwork)}; with {@code javaRows} false all work is native ops. */
  static DenseStepper of(MultiLayerNetwork network, boolean javaRows) {
    String why = DenseSupport.whyNot(network);
    if (why != null) {
      throw new IllegalArgumentException(
          "the fast dense path cannot train this network: " + why + "; train it with network.fit");
    }
    return new DenseStepper(network, javaRows);
  }

  /** The network this stepper trains. */
  public MultiLayerNetwork network() {
    return network;
  }

  /**
   * One step on {@code minibatch} (features {@code [b, n_0]}, one-hot labels {@code [b, k]}, both
   * float, no masks). Returns {score, accuracy, cross-entropy} of the parameters before the step on
   * this minibatch (the score as {@code network.score()}: the mean cross-entropy plus the L2
   * terms), or null without changing anything when the minibatch is not one this path takes (then
   * use {@code fit}).
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
      Buffers buf = buffers((int) x.size(0));
      INDArray params = flat(network.params()); // [N], the live view
      double[] lossAndAccuracy;
      if (javaRows && Plain.whole(params)) {
        lossAndAccuracy = forwardRows(x, y, buf, params);
        backwardRows(buf, params);
        javaRowSteps++;
      } else {
        INDArray p = forward(x, buf);
        INDArray labels = buf.labels.assign(y); // an own c-order copy, read in bulk
        lossAndAccuracy = Softmax.lossAndAccuracy(p, labels, clipEps);
        p.subi(labels); // D_L = p - y, [b, k]
        backward(buf);
      }
      double loss = lossAndAccuracy[0] + network.calcRegularizationScore(true);
      updater.step(flat(gradient), params, iteration, epoch); // the updater, then w -= step
      advance(iteration + 1, epoch, loss);
      FastPath.countStep();
      return new double[] {loss, lossAndAccuracy[1], lossAndAccuracy[0]};
    }
  }

  /** Steps whose Adam update ran in the Java loop ({@link AdamLoops}); for tests. */
  long javaAdamSteps() {
    return updater.javaAdamSteps();
  }

  /** Whether small products go to {@code cblas_sgemm} ({@link Products}); for tests. */
  boolean blas() {
    return blas;
  }

  /** Steps whose element-wise work ran in Java ({@link RowKernels}); for tests. */
  long javaRowSteps() {
    return javaRowSteps;
  }

  /**
   * The forward pass with the element-wise work in Java: per layer the product {@code z = a W}
   * (native, into {@code buf.h[l]}), then {@code f(z + b)} on a heap copy ({@code buf.rows[l]})
   * written back for the next product; for the output layer the softmax, loss, accuracy, {@code D_L
   * = p - y} (into {@code buf.h[L]}) and {@code db_L} (into the gradient). Returns {cross-entropy,
   * accuracy}.
   */
  private double[] forwardRows(INDArray x, INDArray y, Buffers buf, INDArray params) {
    FloatBuffer paramBuffer = params.data().asNioFloat();
    int b = buf.batchSize;
    INDArray in = x;
    int last = kinds.length - 1;
    for (int l = 0; l <= last; l++) {
      if (retain[l] > 0) {
        in = dropInput(in, l, buf);
      }
      buf.input[l] = in;
      INDArray h = buf.h[l];
      product(l, in, h, params, b); // z = in W
      int n = (int) sizes[l + 1];
      RowKernels.read(h.data().asNioFloat(), buf.rows[l], n);
      paramBuffer.get(biasOffset[l], buf.bias[l], 0, n);
      if (l < last) {
        RowKernels.biasActivate(buf.rows[l], n, buf.bias[l], kinds[l], (float) alphas[l]);
        RowKernels.write(buf.rows[l], n, h.data().asNioFloat());
      }
      in = h;
    }
    int k = (int) sizes[last + 1];
    INDArray labels = Plain.whole(y) ? y : buf.labels.assign(y); // read in bulk
    RowKernels.read(labels.data().asNioFloat(), buf.y, k);
    double[] lossAndAccuracy =
        RowKernels.softmaxCrossEntropy(
            buf.rows[last], buf.bias[last], buf.y, k, clipEps, buf.db[last], 1f / b);
    RowKernels.write(buf.rows[last], k, buf.h[last].data().asNioFloat()); // D_L
    gradient.data().asNioFloat().put(biasOffset[last], buf.db[last], 0, k);
    Reference.reachabilityFence(params);
    Reference.reachabilityFence(labels);
    return lossAndAccuracy;
  }

  /**
   * The backward pass with the element-wise work in Java: per layer {@code dW} and {@code D W^T}
   * (native products), then the activation's derivative and {@code db} on a heap copy.
   */
  private void backwardRows(Buffers buf, INDArray params) {
    int b = buf.batchSize;
    float scale = 1f / b;
    FloatBuffer gradientBuffer = gradient.data().asNioFloat();
    int last = kinds.length - 1;
    INDArray d = buf.h[last];
    for (int l = last; l >= 0; l--) {
      // dW = in^T D / b, as its transpose D^T in / b (see backward); db_l is already written
      weightGradient(l, d, buf.input[l], scale, b);
      if (l > 0) {
        INDArray dh = buf.dh[l - 1];
        inputGradient(l, d, dh, params, b); // D W^T
        if (retain[l] > 0) {
          InputDropout.multiply(dh, buf.mask[l], dh); // through a_l = h_(l-1) * m_l
        }
        int n = (int) sizes[l];
        FloatBuffer dhBuffer = dh.data().asNioFloat();
        RowKernels.read(dhBuffer, buf.delta, n);
        RowKernels.activationBackward(
            buf.delta,
            buf.rows[l - 1],
            n,
            kinds[l - 1],
            (float) alphas[l - 1],
            buf.db[l - 1],
            scale);
        RowKernels.write(buf.delta, n, dhBuffer);
        gradientBuffer.put(biasOffset[l - 1], buf.db[l - 1], 0, n);
        d = dh;
      }
    }
  }

  /*
   * The three products of layer l, W_l [n_l, n_(l+1)] in DL4J's 'f' order, that is W_l^T stored
   * row-major ([n_(l+1)][n_l], row stride n_l) at weightOffset[l] of the flat parameters; its
   * gradient likewise in the flat gradient. Small ones go to cblas_sgemm (Products), the rest to
   * Nd4j.gemm (oneDNN); both compute the same product in float.
   */

  /** {@code z = in W_l} into {@code h} {@code [b, n_(l+1)]}. */
  private void product(int l, INDArray in, INDArray h, INDArray params, int b) {
    int nIn = (int) sizes[l];
    int nOut = (int) sizes[l + 1];
    if (blas && Plain.whole(in) && Products.small(b, nOut, nIn)) {
      Products.gemm(
          false, true, b, nOut, nIn, 1f, in, 0, nIn, params, weightOffset[l], nIn, 0f, h, 0, nOut);
    } else {
      Nd4j.gemm(in, network.getLayer(l).getParam("W"), h, false, false, 1.0, 0.0);
    }
  }

  /** {@code dW_l = scale in^T D}, written as its transpose {@code scale D^T in} (gradWt). */
  private void weightGradient(int l, INDArray d, INDArray in, float scale, int b) {
    int nIn = (int) sizes[l];
    int nOut = (int) sizes[l + 1];
    if (blas && Plain.whole(in) && Plain.whole(d) && Products.small(nOut, nIn, b)) {
      Products.gemm(
          true,
          false,
          nOut,
          nIn,
          b,
          scale,
          d,
          0,
          nOut,
          in,
          0,
          nIn,
          0f,
          gradient,
          weightOffset[l],
          nIn);
    } else {
      Nd4j.gemm(d, in, gradWt[l], true, false, scale, 0.0);
    }
  }

  /** {@code dh = D W_l^T} {@code [b, n_l]} ({@code W_l^T} is the row-major storage itself). */
  private void inputGradient(int l, INDArray d, INDArray dh, INDArray params, int b) {
    int nIn = (int) sizes[l];
    int nOut = (int) sizes[l + 1];
    if (blas && Plain.whole(d) && Products.small(b, nIn, nOut)) {
      Products.gemm(
          false, false, b, nIn, nOut, 1f, d, 0, nOut, params, weightOffset[l], nIn, 0f, dh, 0, nIn);
    } else {
      Nd4j.gemm(d, network.getLayer(l).getParam("W"), dh, false, true, 1.0, 0.0);
    }
  }

  /** Forward pass into {@code buf.h}; returns the softmax output {@code p} {@code [b, k]}. */
  private INDArray forward(INDArray x, Buffers buf) {
    INDArray in = x;
    for (int l = 0; l < kinds.length; l++) {
      Layer layer = network.getLayer(l);
      if (retain[l] > 0) {
        in = dropInput(in, l, buf); // in DL4J's order: layer 1's mask before layer 2's
      }
      buf.input[l] = in;
      INDArray h = buf.h[l];
      Nd4j.gemm(in, layer.getParam("W"), h, false, false, 1.0, 0.0); // z = in W
      h.addiRowVector(layer.getParam("b")); // z += b
      // f(z) in place, by DL4J's own activation (softmax for the output layer)
      activations[l].getActivation(h, true);
      in = h;
    }
    return in;
  }

  /**
   * {@code a_l = in * m_l} with a fresh mask {@code m_l} {@code [b, n_l]} in {@code in}'s order (as
   * DL4J draws it, so that the same random numbers fall on the same units).
   */
  private INDArray dropInput(INDArray in, int l, Buffers buf) {
    if (buf.mask[l].ordering() != in.ordering()) { // e.g. 'f'-ordered features into layer 0
      buf.mask[l] = Nd4j.createUninitialized(DataType.FLOAT, in.shape(), in.ordering());
    }
    InputDropout.drawMask(buf.mask[l], retain[l]);
    InputDropout.multiply(in, buf.mask[l], buf.dropped[l]);
    return buf.dropped[l];
  }

  /** Backward pass from {@code D_L = buf.h[L]}; writes the mean gradient into {@link #gradient}. */
  private void backward(Buffers buf) {
    double scale = 1.0 / buf.batchSize; // the mean over the minibatch, as DL4J divides
    int last = kinds.length - 1;
    INDArray d = buf.h[last];
    for (int l = last; l >= 0; l--) {
      INDArray in = buf.input[l]; // a_l [b, n_l]
      // dW = in^T D / b, computed as its transpose D^T in / b into gradW's memory seen as a
      // c-order [n_(l+1), n_l] array: 1.5-5x faster here for [784, 256] (oneDNN's orientation)
      Nd4j.gemm(d, in, gradWt[l], true, false, scale, 0.0);
      Nd4j.gemm(buf.ones, d, gradB[l], false, false, scale, 0.0); // db = 1^T D / b
      if (l > 0) {
        INDArray dh = buf.dh[l - 1];
        Nd4j.gemm(d, network.getLayer(l).getParam("W"), dh, false, true, 1.0, 0.0); // D W^T
        if (retain[l] > 0) {
          InputDropout.multiply(dh, buf.mask[l], dh); // through a_l = h_(l-1) * m_l
        }
        Activations.backward(kinds[l - 1], alphas[l - 1], buf.h[l - 1], dh, buf.scratch[l - 1]);
        d = dh;
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
    return x != null
        && y != null
        && minibatch.getFeaturesMaskArray() == null
        && minibatch.getLabelsMaskArray() == null
        && x.dataType() == DataType.FLOAT
        && y.dataType() == DataType.FLOAT
        && x.rank() == 2
        && y.rank() == 2
        && x.size(1) == sizes[0]
        && y.size(1) == sizes[sizes.length - 1]
        && x.size(0) == y.size(0)
        && x.size(0) > 0
        && x.size(0) <= Integer.MAX_VALUE;
  }

  private Buffers buffers(int batchSize) {
    Buffers buf = buffers.get(batchSize);
    if (buf == null) {
      if (buffers.size() >= MAX_BATCH_SIZES) {
        buffers.clear();
      }
      buf = new Buffers(batchSize, sizes, retain);
      buffers.put(batchSize, buf);
    }
    return buf;
  }

  /**
   * The gradient views of each layer, at the same offsets and in the same order as DL4J lays out
   * the layer's parameters ({@code W} {@code 'f'} order then {@code b}); checked against the
   * parameter views. Returns whether each {@code b_l} lies contiguous at {@code biasOffset[l]} of a
   * whole gradient array, as the Java element-wise work needs.
   */
  private boolean layOutGradient() {
    INDArray flatGradient = flat(gradient);
    INDArray flatParams = flat(network.params());
    long offset = 0;
    boolean rowsFit = true; // each b_l contiguous at biasOffset[l], for the Java element-wise work
    for (int l = 0; l < kinds.length; l++) {
      Layer layer = network.getLayer(l);
      long n = layer.numParams();
      var range = NDArrayIndex.interval(offset, offset + n);
      Map<String, INDArray> g =
          DefaultParamInitializer.getInstance()
              .getGradientsFromFlattened(layer.conf(), flatGradient.get(range));
      Map<String, INDArray> p =
          DefaultParamInitializer.getInstance()
              .getGradientsFromFlattened(layer.conf(), flatParams.get(range));
      if (!p.get("W").equals(layer.getParam("W")) || !p.get("b").equals(layer.getParam("b"))) {
        throw new IllegalStateException(
            "layer "
                + l
                + "'s parameters are not laid out as DL4J's dense layers; use network.fit");
      }
      gradWt[l] = g.get("W").transpose();
      gradB[l] = g.get("b").reshape(1, sizes[l + 1]); // [n] -> [1, n], a view
      weightOffset[l] = Math.toIntExact(offset);
      biasOffset[l] = Math.toIntExact(offset + sizes[l] * sizes[l + 1]); // after W
      rowsFit &= gradB[l].offset() == biasOffset[l] && gradB[l].elementWiseStride() == 1;
      offset += n;
    }
    return rowsFit && Plain.whole(gradient) && offset <= Integer.MAX_VALUE;
  }

  private static INDArray flat(INDArray rowVector) {
    return rowVector.rank() == 1 ? rowVector : rowVector.reshape(rowVector.length()); // [N]
  }
}
