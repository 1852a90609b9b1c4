package org.dlcourse.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.train.Progress;
import org.dlcourse.train.Steps;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A recurrent one-step-ahead forecaster: an LSTM reads the window {@code [n, 1, w]}, its state
 * after the last step feeds one linear output unit {@code x̂_t [n, 1]}; mean squared error, Adam.
 *
 * <pre>{@code
 * MultiLayerNetwork net = Forecaster.lstm(32, 1e-3, seed);
 * Forecaster.Result r = Forecaster.fit(net, train, validation, 200, 32, seed); // best epoch kept
 * double[] zHat = Forecaster.predict(net, test);
 * }</pre>
 */
public final class Forecaster {

  private Forecaster() {}

  /**
   * Loss per epoch on the scaled values, and the epoch whose parameters the network holds.
   *
   * @param trainLoss mean minibatch mean squared error of each epoch
   * @param validationLoss mean squared error on the validation windows after each epoch
   * @param bestEpoch the 1-based epoch with the lowest validation loss (its parameters are kept)
   */
  public record Result(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch) {
    /** Copies the lists. */
    public Result {
      trainLoss = List.copyOf(trainLoss);
      validationLoss = List.copyOf(validationLoss);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "Forecaster.Result(%d epochs, best epoch %d, validation MSE %.4f)",
          validationLoss.size(),
          bestEpoch,
          validationLoss.get(bestEpoch - 1));
    }
  }

  /** An LSTM of {@code hidden} units on one input feature, a linear output, Adam({@code lr}). */
  public static MultiLayerNetwork lstm(int hidden, double lr, long seed) {
    if (hidden < 1 || !(lr > 0)) {
      throw new IllegalArgumentException(
          "hidden must be >= 1 and lr > 0 but were " + hidden + ", " + lr);
    }
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(new Adam(lr))
            .weightInit(WeightInit.XAVIER)
            .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
            .gradientNormalizationThreshold(1.0)
            .list()
            .layer(
                new LastTimeStep(
                    new LSTM.Builder().nIn(1).nOut(hidden).activation(Activation.TANH).build()))
            .layer(
                new OutputLayer.Builder(LossFunction.MSE)
                    .activation(Activation.IDENTITY)
                    .nIn(hidden)
                    .nOut(1)
                    .build())
            .setInputType(InputType.recurrent(1))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * Trains for {@code numEpochs} epochs of shuffled minibatches and keeps the parameters of the
   * epoch with the lowest validation loss (early stopping without stopping).
   */
  public static Result fit(
      MultiLayerNetwork network,
      Windows train,
      Windows validation,
      int numEpochs,
      int batchSize,
      long seed) {
    if (numEpochs < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "numEpochs and batchSize must be >= 1 but were " + numEpochs + ", " + batchSize);
    }
    Random random = new Random(seed);
    List<Double> trainLoss = new ArrayList<>(), validationLoss = new ArrayList<>();
    INDArray best = null;
    int bestEpoch = 0;
    Steps progress = Progress.steps("forecaster", numEpochs);
    for (int epoch = 1; epoch <= numEpochs; epoch++) {
      double sum = 0;
      List<DataSet> batches = shuffled(train, batchSize, random);
      for (DataSet batch : batches) {
        network.fit(batch);
        sum += network.score();
      }
      trainLoss.add(sum / batches.size());
      validationLoss.add(meanSquaredError(predict(network, validation), validation));
      if (best == null || validationLoss.get(epoch - 1) < validationLoss.get(bestEpoch - 1)) {
        best = network.params().dup();
        bestEpoch = epoch;
      }
      progress.step(
          String.format(Locale.ROOT, "validation MSE %.4f", validationLoss.get(epoch - 1)));
    }
    network.setParams(best);
    return new Result(trainLoss, validationLoss, bestEpoch);
  }

  /** The network's one-step-ahead forecasts {@code x̂} of the windows' targets (scaled units). */
  public static double[] predict(MultiLayerNetwork network, Windows windows) {
    INDArray yHat = network.output(windows.features(), false); // [n, 1]
    return yHat.reshape(windows.size()).toDoubleVector();
  }

  private static double meanSquaredError(double[] forecast, Windows windows) {
    double[] y = windows.labels().reshape(windows.size()).toDoubleVector();
    double e = ForecastError.rmse(forecast, y);
    return e * e;
  }

  private static List<DataSet> shuffled(Windows train, int batchSize, Random random) {
    DataSet all = train.toDataSet().copy(); // the windows stay in time order
    all.shuffle(random.nextLong()); // features and labels shuffled together
    return all.batchBy(batchSize);
  }
}
