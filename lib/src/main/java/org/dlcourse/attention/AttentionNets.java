package org.dlcourse.attention;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.recurrent.RecurrentNets;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The two models of notebook 14, built the same way as {@link RecurrentNets} (Adam at {@value
 * RecurrentNets#LEARNING_RATE}, Xavier, element-wise gradient clipping at 1, float32) so that only
 * the architecture differs:
 *
 * <ul>
 *   <li>attention: DL4J's {@code SelfAttentionLayer} (input projections, {@code heads} heads of
 *       {@code headSize}) and a softmax at every position;
 *   <li>LSTM: {@code RecurrentNets.tagger} with the hidden size whose parameter count comes closest
 *       to a given one.
 * </ul>
 *
 * <pre>{@code
 * MultiLayerNetwork attention = AttentionNets.forTask(task, seed);               // the default
 * MultiLayerNetwork lstm = AttentionNets.lstmOfSize(task, attention.numParams(), seed);
 * }</pre>
 *
 * Both are plain DL4J {@code MultiLayerNetwork}s; layer 0 of the attention network is the {@code
 * SelfAttentionLayer} ({@link SelfAttention#of} reads its weights).
 */
public final class AttentionNets {

  /** Head size of {@link #forTask}. */
  public static final int DEFAULT_HEAD_SIZE = 16;

  private AttentionNets() {}

  /** One head of {@value #DEFAULT_HEAD_SIZE} for {@code task}'s inputs and values. */
  public static MultiLayerNetwork forTask(KeyValueTask task, long seed) {
    return selfAttention(task.numInputs(), DEFAULT_HEAD_SIZE, 1, task.numValues(), seed);
  }

  /**
   * Self-attention ({@code heads} × {@code headSize}, output {@code heads·headSize} per position)
   * followed by a softmax over {@code numClasses} at every position.
   */
  public static MultiLayerNetwork selfAttention(
      int nIn, int headSize, int heads, int numClasses, long seed) {
    if (nIn <= 0 || headSize <= 0 || heads <= 0 || numClasses < 2) {
      throw new IllegalArgumentException(
          String.format(
              "expected nIn > 0, headSize > 0, heads > 0, numClasses >= 2 but got %d, %d, %d, %d",
              nIn, headSize, heads, numClasses));
    }
    int width = heads * headSize;
    MultiLayerConfiguration conf =
        base(seed)
            .list()
            .layer(
                new SelfAttentionLayer.Builder()
                    .nIn(nIn)
                    .nOut(width)
                    .nHeads(heads)
                    .headSize(headSize)
                    .projectInput(true)
                    .build())
            .layer(
                new RnnOutputLayer.Builder(LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX)
                    .nIn(width)
                    .nOut(numClasses)
                    .build())
            .setInputType(InputType.recurrent(nIn))
            .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return network;
  }

  /** An LSTM tagger for {@code task} whose parameter count is closest to {@code parameters}. */
  public static MultiLayerNetwork lstmOfSize(KeyValueTask task, long parameters, long seed) {
    int hidden = lstmHidden(task.numInputs(), task.numValues(), parameters);
    return RecurrentNets.tagger(
        Cell.LSTM, task.numInputs(), hidden, task.numValues(), false, seed, DataType.FLOAT);
  }

  /**
   * The hidden size {@code h} whose LSTM tagger has the parameter count closest to {@code
   * parameters}: {@code 4 (nIn h + h² + h)} in the LSTM (DL4J's LSTM has no peepholes) plus {@code
   * h c + c} in the softmax output.
   */
  public static int lstmHidden(int nIn, int numClasses, long parameters) {
    int best = 1;
    for (int h = 1; h <= 1024; h++) {
      if (Math.abs(lstmParameters(nIn, h, numClasses) - parameters)
          < Math.abs(lstmParameters(nIn, best, numClasses) - parameters)) {
        best = h;
      }
    }
    return best;
  }

  /** Parameters of an LSTM tagger: {@code 4 (nIn h + h² + h) + h c + c}. */
  public static long lstmParameters(int nIn, int hidden, int numClasses) {
    long h = hidden;
    return 4 * (nIn * h + h * h + h) + h * numClasses + numClasses;
  }

  private static NeuralNetConfiguration.Builder base(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(RecurrentNets.LEARNING_RATE))
        .weightInit(WeightInit.XAVIER)
        .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
        .gradientNormalizationThreshold(1.0);
  }
}
