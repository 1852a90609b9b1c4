package org.dlcourse.recurrent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link Gru} layer inside the network's flat parameter vector: {@code Wx [nIn,
 * 3n]}, then {@code Wh [n, 3n]}, then {@code b [1, 3n]}, each a row-major ('c') view of its slice
 * (gate blocks of columns r, u, c). Weights are Xavier-initialised with fan-in / fan-out {@code
 * (nIn, n)} and {@code (n, n)}, the bias 0 — the same layout, order and random draws as the earlier
 * SameDiff version of the layer, so a seed gives the same initial network as before.
 */
final class GruParams implements ParamInitializer {

  static final GruParams INSTANCE = new GruParams();

  private static final List<String> KEYS =
      List.of(Gru.INPUT_WEIGHTS, Gru.RECURRENT_WEIGHTS, Gru.BIAS);

  private GruParams() {}

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    Gru gru = (Gru) layer;
    long n = gru.getNOut();
    return (gru.getNIn() + n + 1) * 3 * n;
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
    return Gru.BIAS.equals(key);
  }

  @Override
  public Map<String, INDArray> init(
      NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    Gru gru = (Gru) conf.getLayer();
    Map<String, INDArray> views = views(gru, paramsView);
    if (initializeParams) {
      long nIn = gru.getNIn(), n = gru.getNOut();
      xavier(nIn, n, views.get(Gru.INPUT_WEIGHTS));
      xavier(n, n, views.get(Gru.RECURRENT_WEIGHTS));
      views.get(Gru.BIAS).assign(0);
    }
    KEYS.forEach(conf::addVariable);
    return views;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(
      NeuralNetConfiguration conf, INDArray gradientView) {
    return views((Gru) conf.getLayer(), gradientView);
  }

  /** Wx, Wh, b as 'c'-order views of consecutive slices of {@code flat}. */
  private static Map<String, INDArray> views(Gru gru, INDArray flat) {
    long nIn = gru.getNIn(), n = gru.getNOut();
    long[][] shapes = {{nIn, 3 * n}, {n, 3 * n}, {1, 3 * n}};
    INDArray row = flat.reshape(flat.length());
    Map<String, INDArray> out = new LinkedHashMap<>();
    long start = 0;
    for (int i = 0; i < KEYS.size(); i++) {
      long length = shapes[i][0] * shapes[i][1];
      out.put(
          KEYS.get(i),
          row.get(NDArrayIndex.interval(start, start + length)).reshape('c', shapes[i]));
      start += length;
    }
    return out;
  }

  private static void xavier(long fanIn, long fanOut, INDArray view) {
    WeightInitUtil.initWeights(fanIn, fanOut, view.shape(), WeightInit.XAVIER, null, 'c', view);
  }
}
