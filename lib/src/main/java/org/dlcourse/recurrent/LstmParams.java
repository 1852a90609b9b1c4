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
 * The parameters of an {@link Lstm} layer inside the network's flat parameter vector, laid out and
 * initialised exactly as DL4J's {@code LSTMParamInitializer} does for its {@code LSTM}: {@code W
 * [nIn, 4n]}, then {@code RW [n, 4n]}, then {@code b [1, 4n]}, the weights as column-major ('f')
 * views of their slices (gate blocks of columns a, f, o, i), drawn by the network's weight init
 * with fan-in {@code n} and fan-out {@code nIn + n}; the bias 0 except the forget gate's block
 * {@code [n, 2n)}. Same layout, order and random draws: a seed gives the same initial network as
 * DL4J's layer.
 */
final class LstmParams implements ParamInitializer {

  static final LstmParams INSTANCE = new LstmParams();

  private static final List<String> KEYS =
      List.of(Lstm.INPUT_WEIGHTS, Lstm.RECURRENT_WEIGHTS, Lstm.BIAS);

  private LstmParams() {}

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    Lstm lstm = (Lstm) layer;
    long n = lstm.getNOut();
    return (lstm.getNIn() + n + 1) * 4 * n;
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
    return Lstm.BIAS.equals(key);
  }

  @Override
  public Map<String, INDArray> init(
      NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    Lstm lstm = (Lstm) conf.getLayer();
    Map<String, INDArray> views = views(lstm, paramsView);
    if (initializeParams) {
      long nIn = lstm.getNIn(), n = lstm.getNOut();
      IWeightInit init =
          lstm.getWeightInitFn() == null ? new WeightInitXavier() : lstm.getWeightInitFn();
      // DL4J's draws: W, then RW, each into its flat slice, fan-in n and fan-out nIn + n
      INDArray flat = paramsView.reshape(paramsView.length());
      long inputLength = nIn * 4 * n, recurrentLength = n * 4 * n;
      char order = IWeightInit.DEFAULT_WEIGHT_INIT_ORDER;
      init.init(
          n,
          nIn + n,
          new long[] {nIn, 4 * n},
          order,
          flat.get(NDArrayIndex.interval(0, inputLength)));
      init.init(
          n,
          nIn + n,
          new long[] {n, 4 * n},
          order,
          flat.get(NDArrayIndex.interval(inputLength, inputLength + recurrentLength)));
      INDArray b = views.get(Lstm.BIAS);
      b.assign(0);
      b.get(NDArrayIndex.all(), NDArrayIndex.interval(n, 2 * n)).assign(lstm.getForgetGateBias());
    }
    KEYS.forEach(conf::addVariable);
    return views;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(
      NeuralNetConfiguration conf, INDArray gradientView) {
    return views((Lstm) conf.getLayer(), gradientView);
  }

  /** W, RW ('f'-order views) and b of consecutive slices of {@code flat}. */
  private static Map<String, INDArray> views(Lstm lstm, INDArray flat) {
    long nIn = lstm.getNIn(), n = lstm.getNOut();
    long[][] shapes = {{nIn, 4 * n}, {n, 4 * n}, {1, 4 * n}};
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
