package org.dlcourse.ps.ps4;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The character data of q3 and how the grader trains and measures a character model (given; nothing
 * to write here). The grader uses its own copy, so changing this file changes only what your
 * notebook shows.
 *
 * <p>The first 90% of {@link Corpus#text()} trains, the last 10% validates. A sequence is {@link
 * #LENGTH} characters; its labels are the same characters shifted by one (predict the next one).
 * Shapes, as DL4J's recurrent layers want them: features and labels {@code [n, 27, LENGTH]},
 * one-hot.
 */
public final class CharData {
  /** The alphabet: the space, then a to z; a character's index is its position here. */
  public static final String ALPHABET = " abcdefghijklmnopqrstuvwxyz";

  public static final int LENGTH = 25;
  public static final int BATCH = 16;
  public static final int EPOCHS = 5;

  private CharData() {}

  /** The training text (the first 90% of the corpus). */
  public static String train() {
    String text = Corpus.text();
    return text.substring(0, text.length() * 9 / 10);
  }

  /** The validation text (the last 10%). */
  public static String validation() {
    String text = Corpus.text();
    return text.substring(text.length() * 9 / 10);
  }

  /** Non-overlapping sequences of {@link #LENGTH} characters and their next characters, one-hot. */
  public static DataSet sequences(String text) {
    int n = (text.length() - 1) / LENGTH;
    INDArray features = Nd4j.zeros(DataType.FLOAT, n, ALPHABET.length(), LENGTH);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, ALPHABET.length(), LENGTH);
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < LENGTH; t++) {
        features.putScalar(new long[] {s, index(text.charAt(s * LENGTH + t)), t}, 1);
        labels.putScalar(new long[] {s, index(text.charAt(s * LENGTH + t + 1)), t}, 1);
      }
    }
    return new DataSet(features, labels);
  }

  static int index(char c) {
    int i = ALPHABET.indexOf(c);
    if (i < 0) {
      throw new IllegalArgumentException("'" + c + "' is not in the alphabet \"" + ALPHABET + "\"");
    }
    return i;
  }

  /**
   * Trains a fresh network of this configuration for {@link #EPOCHS} epochs (sequences shuffled by
   * {@code seed} each epoch) and returns its validation loss after each epoch.
   */
  public static double[] fitAndEvaluate(MultiLayerConfiguration conf, long seed) {
    return fitAndEvaluate(conf, seed, EPOCHS);
  }

  /** The same with another number of epochs (the notebook's smoke mode uses 1). */
  public static double[] fitAndEvaluate(MultiLayerConfiguration conf, long seed, int epochs) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    DataSet train = sequences(train());
    DataSet validation = sequences(validation());
    double[] losses = new double[epochs];
    for (int epoch = 0; epoch < epochs; epoch++) {
      train.shuffle(seed * 1_000 + epoch);
      for (DataSet batch : train.batchBy(BATCH)) {
        net.fit(batch);
      }
      losses[epoch] = loss(net.output(validation.getFeatures()), validation.getLabels());
    }
    return losses;
  }

  /** Mean cross-entropy (nats per character) of the model's probabilities {@code [n, 27, T]}. */
  public static double loss(INDArray probabilities, INDArray labels) {
    INDArray picked =
        probabilities.castTo(DataType.DOUBLE).mul(labels.castTo(DataType.DOUBLE)).sum(1);
    return -org.nd4j.linalg.ops.transforms.Transforms.log(picked, false).meanNumber().doubleValue();
  }
}
