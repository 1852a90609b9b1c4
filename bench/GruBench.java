import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.recurrent.Gru;
import org.dlcourse.recurrent.QuietSameDiff;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.dlcourse.sequence.MemoryNets;
import org.dlcourse.sequence.RecallTask;
import org.dlcourse.sequence.SequenceBatch;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Step time of the course's GRU layer ({@code org.dlcourse.recurrent.Gru}; DL4J 1.0.0-M2.1 has no
 * GRU) beside DL4J's own LSTM of the same size, on the same minibatches. Prints one line per cell:
 * RESULT key=value ... ms=m1,m2,... (milliseconds per training step, one value per repetition).
 *
 * <pre>
 * java -cp CLASSPATH GruBench CELLS STEPS WARMUP_STEPS REPS
 * </pre>
 *
 * <p>CELLS is one of gru, lstm, gru-samediff or several joined by commas: several cells run in one
 * process, <b>interleaved</b> (repetition 1 of every cell, then repetition 2, ...), so that a load
 * change on a shared machine hits them alike — compare their ratio. {@code gru-samediff} is the
 * course's first GRU, a SameDiff layer unrolled over time (kept here, {@link SameDiffGru}, as the
 * "before" of the speed work; same equations, parameters and initialisation).
 *
 * <p>The model is notebook 11's memory-race classifier, built by {@code MemoryNets.classifier} for
 * gru and lstm (and the same configuration by hand for gru-samediff): one recurrent layer of
 * {@value #UNITS} units reading the recall task's one-hot sequences {@code [batch 25, 5, T 61]}
 * (its last step only), a softmax over 4 classes, Adam, gradients clipped per layer, float32. A
 * step is one {@code network.fit(minibatch)}: forward through 61 steps, backpropagation through
 * time and the Adam update.
 */
public final class GruBench {

  static final int UNITS = 32, BATCH = 25, DISTANCE = 60, KEYS = 4;
  static final double RATE = 0.003, GATE_BIAS = 5.0;
  static final long SEED = 3;

  private GruBench() {}

  public static void main(String[] args) {
    List<String> cells = args.length == 4 ? List.of(args[0].split(",")) : List.of();
    if (cells.isEmpty() || !List.of("gru", "lstm", "gru-samediff").containsAll(cells)) {
      System.err.println("usage: GruBench gru|lstm|gru-samediff[,...] STEPS WARMUP_STEPS REPS");
      System.exit(2);
    }
    int steps = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]);
    int reps = Integer.parseInt(args[3]);
    RecallTask task = RecallTask.of(KEYS, DISTANCE);
    SequenceBatch data = task.sample(BATCH * steps, 1); // features [25 steps, 5, 61]
    List<DataSet> batches = data.minibatches(BATCH, 2); // the same batches for every cell
    Map<String, MultiLayerNetwork> nets = new LinkedHashMap<>();
    Map<String, List<String>> ms = new LinkedHashMap<>();
    for (String cell : cells) {
      nets.put(cell, network(cell, task.numInputs()));
      ms.put(cell, new ArrayList<>());
    }
    QuietSameDiff.run( // without SameDiff's listing of every op it differentiates (gru-samediff)
        () -> {
          for (MultiLayerNetwork net : nets.values()) {
            for (int i = 0; i < Math.max(1, warmup); i++) {
              net.fit(batches.get(i % batches.size())); // JIT, SameDiff's graph, workspaces
            }
          }
          for (int rep = 0; rep < reps; rep++) {
            for (String cell : cells) {
              double perStep = msPerStep(nets.get(cell), batches);
              ms.get(cell).add(String.format(Locale.ROOT, "%.1f", perStep));
            }
          }
        });
    for (String cell : cells) {
      System.out.printf(
          Locale.ROOT,
          "RESULT model=gru cell=%s units=%d nIn=%d T=%d batch=%d steps=%d params=%d threads=%d"
              + " ms=%s%n",
          cell,
          UNITS,
          task.numInputs(),
          DISTANCE + 1,
          BATCH,
          steps,
          nets.get(cell).numParams(),
          Nd4j.getEnvironment().maxMasterThreads(),
          String.join(",", ms.get(cell)));
    }
  }

  private static double msPerStep(MultiLayerNetwork net, List<DataSet> batches) {
    long start = System.nanoTime();
    for (DataSet batch : batches) {
      net.fit(batch);
    }
    return (System.nanoTime() - start) / 1e6 / batches.size();
  }

  private static MultiLayerNetwork network(String cell, int nIn) {
    return switch (cell) {
      case "gru" -> MemoryNets.classifier(Cell.GRU, nIn, UNITS, KEYS, RATE, GATE_BIAS, SEED);
      case "lstm" -> dl4jLstmNetwork(nIn);
      default -> sameDiffNetwork(nIn);
    };
  }

  /**
   * The memory race's LSTM classifier with DL4J's own {@code LSTM} (what {@code MemoryNets} built
   * before it switched to the course's {@code Lstm}): forget-gate bias {@code GATE_BIAS}.
   */
  private static MultiLayerNetwork dl4jLstmNetwork(int nIn) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(RATE))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(MemoryNets.CLIP)
                .list()
                .layer(
                    new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                            .nIn(nIn)
                            .nOut(UNITS)
                            .activation(Activation.TANH)
                            .forgetGateBiasInit(GATE_BIAS)
                            .build()))
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX)
                        .nIn(UNITS)
                        .nOut(KEYS)
                        .build())
                .setInputType(InputType.recurrent(nIn))
                .build());
    net.init();
    return net;
  }

  /** {@code MemoryNets.classifier(Cell.GRU, ...)} with the SameDiff layer in place of Gru. */
  private static MultiLayerNetwork sameDiffNetwork(int nIn) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(RATE))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(MemoryNets.CLIP)
                .list()
                .layer(new SameDiffGru(nIn, UNITS))
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX)
                        .nIn(UNITS)
                        .nOut(KEYS)
                        .build())
                .setInputType(InputType.recurrent(nIn))
                .build());
    net.init();
    net.getLayer(0)
        .getParam(Gru.BIAS)
        .get(NDArrayIndex.all(), NDArrayIndex.interval(UNITS, 2 * UNITS))
        .assign(GATE_BIAS);
    return net;
  }

  /**
   * The course's first GRU layer (last step only), for the "before" timing: the graph is built from
   * elementary SameDiff ops, one block per time step, and SameDiff derives the backward pass. Its
   * gradients come out 2× too large from DL4J 1.0.0-M2.1's {@code SameDiffLayer} (the incoming
   * gradient is fed in twice), hence {@code out/2 + stopGradient(out)/2}.
   */
  public static final class SameDiffGru extends SameDiffLayer {
    private long nIn, nOut;

    SameDiffGru() {}

    SameDiffGru(long nIn, long nOut) {
      this.nIn = nIn;
      this.nOut = nOut;
      this.weightInit = WeightInit.XAVIER;
    }

    @Override
    public SDVariable defineLayer(
        SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
      long time = input.getShape()[2];
      SDVariable Wx = params.get(Gru.INPUT_WEIGHTS), Wh = params.get(Gru.RECURRENT_WEIGHTS);
      SDVariable b = params.get(Gru.BIAS);
      SDVariable WhRu = Wh.get(SDIndex.all(), SDIndex.interval(0L, 2 * nOut));
      SDVariable WhC = Wh.get(SDIndex.all(), SDIndex.interval(2 * nOut, 3 * nOut));
      SDVariable flat =
          sd.reshape(
              sd.permute(input, 2, 0, 1),
              sd.concat(
                  0,
                  sd.constant(Nd4j.createFromArray(-1L)),
                  sd.constant(Nd4j.createFromArray(nIn))));
      SDVariable zx = flat.mmul(Wx).add(b); // [T·batch, 3 nOut]
      SDVariable zxSteps =
          sd.reshape(zx, sd.concat(0, sd.constant(Nd4j.createFromArray(time, -1L, 3 * nOut))));
      SDVariable[] steps = sd.unstack(zxSteps, 0, (int) time);
      SDVariable h = steps[0].mmul(sd.constant(Nd4j.zeros(input.dataType(), 3 * nOut, nOut)));
      for (int t = 0; t < time; t++) {
        SDVariable zt = steps[t];
        SDVariable ru =
            sd.nn()
                .sigmoid(zt.get(SDIndex.all(), SDIndex.interval(0L, 2 * nOut)).add(h.mmul(WhRu)));
        SDVariable r = ru.get(SDIndex.all(), SDIndex.interval(0L, nOut));
        SDVariable u = ru.get(SDIndex.all(), SDIndex.interval(nOut, 2 * nOut));
        SDVariable zc =
            zt.get(SDIndex.all(), SDIndex.interval(2 * nOut, 3 * nOut)).add(r.mul(h.mmul(WhC)));
        SDVariable c = sd.math().tanh(zc);
        h = c.add(u.mul(h.sub(c)));
      }
      SDVariable stopped = new StopGradient(sd, h).outputVariable();
      return h.mul(0.5).add(stopped.mul(0.5));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
      params.clear();
      params.addWeightParam(Gru.INPUT_WEIGHTS, nIn, 3 * nOut);
      params.addWeightParam(Gru.RECURRENT_WEIGHTS, nOut, 3 * nOut);
      params.addBiasParam(Gru.BIAS, 1, 3 * nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
      initWeights((int) nIn, (int) nOut, WeightInit.XAVIER, params.get(Gru.INPUT_WEIGHTS));
      initWeights((int) nOut, (int) nOut, WeightInit.XAVIER, params.get(Gru.RECURRENT_WEIGHTS));
      params.get(Gru.BIAS).assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
      return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {}

    @Override
    public org.nd4j.common.primitives.Pair<INDArray, org.deeplearning4j.nn.api.MaskState>
        feedForwardMaskArray(
            INDArray maskArray,
            org.deeplearning4j.nn.api.MaskState state,
            int minibatchSize) {
      return new org.nd4j.common.primitives.Pair<>(null, state);
    }
  }
}
