package org.dlcourse.recurrent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link PlainRnn} layer inside the network's flat parameter vector, laid out
 * and initialised exactly as DL4J's {@code SimpleRnnParamInitializer} does for its {@code
 * SimpleRnn}: {@code W [nIn, n]}, then {@code RW [n, n]}, then {@code b [1, n]}, the weights as
 * column-major ('f') views of their slices, drawn by the network's weight init with fan-in /
 * fan-out {@code (nIn, n)} and {@code (n, n)}; the bias the network's bias init (0 by default).
 * Same layout, order and random draws: a seed gives the same initial network as DL4J's layer.
 */
final class PlainRnnParams implements ParamInitializer {

  static final PlainRnnParams INSTANCE = new PlainRnnParams();

  private static final List<String> KEYS =
      List.of(PlainRnn.INPUT_WEIGHTS, PlainRnn.RECURRENT_WEIGHTS, PlainRnn.BIAS);

  private PlainRnnParams() {}

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    PlainRnn rnn = (PlainRnn) layer;
    long n = rnn.getNOut();
    return (rnn.getNIn() + n + 1) * n;
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return KEYS;
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return KEYS.subList(0, 2);
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return KEYS.subList(2, 3);
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return weightKeys(layer).contains(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return PlainRnn.BIAS.equals(key);
  }

  @Override
  public Map<String, INDArray> init(
      NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    PlainRnn rnn = (PlainRnn) conf.getLayer();
    Map<String, INDArray> views = views(rnn, paramsView);
    if (initializeParams) {
      long nIn = rnn.getNIn(), n = rnn.getNOut();
      IWeightInit init =
          rnn.getWeightInitFn() == null ? new WeightInitXavier() : rnn.getWeightInitFn();
      // DL4J's draws: W (fan-in nIn, fan-out n), then RW (n, n), each into its flat slice
      INDArray flat = paramsView.reshape(paramsView.length());
      char order = IWeightInit.DEFAULT_WEIGHT_INIT_ORDER;
      init.init(nIn, n, new long[] {nIn, n}, order, flat.get(NDArrayIndex.interval(0, nIn * n)));
      init.init(
          n, n, new long[] {n, n}, order, flat.get(NDArrayIndex.interval(nIn * n, (nIn + n) * n)));
      double biasInit = Double.isNaN(rnn.getBiasInit()) ? 0 : rnn.getBiasInit();
      views.get(PlainRnn.BIAS).assign(biasInit);
    }
    KEYS.forEach(conf::addVariable);
    return views;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(
      NeuralNetConfiguration conf, INDArray gradientView) {
    return views((PlainRnn) conf.getLayer(), gradientView);
  }

  /** W, RW ('f'-order views) and b of consecutive slices of {@code flat}. */
  private static Map<String, INDArray> views(PlainRnn rnn, INDArray flat) {
    long nIn = rnn.getNIn(), n = rnn.getNOut();
    long[][] shapes = {{nIn, n}, {n, n}, {1, n}};
    INDArray row = flat.reshape(flat.length());
    Map<String, INDArray> out = new LinkedHashMap<>();
    long start = 0;
    for (int i = 0; i < KEYS.size(); i++) {
      long length = shapes[i][0] * shapes[i][1];
      out.put(
          KEYS.get(i),
          row.get(NDArrayIndex.interval(start, start + length)).reshape('f', shapes[i]));
      start += length;
    }
    return out;
  }
}
