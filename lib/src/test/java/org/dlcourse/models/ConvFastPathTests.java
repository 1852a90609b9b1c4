package org.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Speed;
import org.dlcourse.features.SmallCnn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course's default convolutional path (oneDNN helpers, the workspace and cache modes of {@link
 * ConvBlocks#settings}) trains the same network as DL4J's plain path (helpers off, DL4J's default
 * modes): same initial weights, same minibatches, {@value #STEPS} Adam steps.
 */
class ConvFastPathTests {

  private static final int STEPS = 8;

  // float32 with different summation orders (oneDNN vs DL4J's im2col + gemm): the per-step losses
  // agree to 1e-4 relative and the parameters to 2e-3 after eight Adam steps of lr 1e-3 (Adam
  // moves every weight by about lr per step, so eight steps bound what a sign flip can cost).
  private static final double LOSS_TOLERANCE = 1e-4;
  private static final double PARAM_TOLERANCE = 2e-3;

  private String saved;

  @BeforeEach
  void save() {
    saved = System.getProperty(Speed.HELPERS_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(Speed.HELPERS_PROPERTY);
    } else {
      System.setProperty(Speed.HELPERS_PROPERTY, saved);
    }
  }

  @Test
  @DisplayName("LeNet: the default path trains like DL4J's plain path")
  void lenetDefaultPathTrainsLikePlainPath() {
    assertSameTraining(() -> Cnns.builder().seed(1), 28);
  }

  @Test
  @DisplayName("small CNN of lesson 01: the default path trains like DL4J's plain path")
  void smallCnnDefaultPathTrainsLikePlainPath() {
    assertSameTraining(
        () -> Cnns.builder().filters(8, 16).dense(64).learningRate(2e-3).seed(5), 28);
  }

  @Test
  @DisplayName("AlexNet-style CNN with batch norm: the default path trains like the plain path")
  void alexNetStyleDefaultPathTrainsLikePlainPath() {
    // dropout off (its random masks are not part of the comparison); fewer filters on 12 x 12
    // images keep the test short, the layers (3 x 3 padded convolution, batch norm) are the same
    assertSameTraining(
        () -> Cnns.alexNetStyleBuilder().dropout(0).filters(8, 16).input(1, 12, 12).seed(3), 12);
  }

  @Test
  void smallCnnIsTheBuildersNetwork() {
    assertEquals(
        Cnns.builder().filters(8, 16).dense(64).learningRate(2e-3).seed(5).configuration().toJson(),
        SmallCnn.configuration(8, 16, 64, 10, 2e-3, 5).toJson(),
        "SmallCnn builds through Cnns.builder(), so the test above covers it");
  }

  @Test
  void theComparisonWouldSeeADifferentNetwork() {
    // the oracle can fail: one different initial weight is caught at the first loss
    MultiLayerNetwork a = network(Cnns.lenetConfiguration(10), true);
    MultiLayerNetwork b = network(Cnns.lenetConfiguration(10), true);
    b.getLayer(0).getParam("W").putScalar(0, 0, 0, 0, 1.0);
    DataSet batch = batch(0, 28);
    a.fit(batch);
    b.fit(batch);
    assertTrue(
        Math.abs(a.score() - b.score()) > LOSS_TOLERANCE, "a changed weight changes the loss");
  }

  private static void assertSameTraining(Supplier<Cnns.Builder> builder, int side) {
    Supplier<MultiLayerConfiguration> configuration = () -> builder.get().configuration();
    MultiLayerConfiguration plainConf = configuration.get();
    plainConf.setTrainingWorkspaceMode(WorkspaceMode.ENABLED); // DL4J's defaults
    plainConf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
    plainConf.setCacheMode(CacheMode.NONE);
    MultiLayerNetwork plain = network(plainConf, false);
    MultiLayerNetwork fast = network(configuration.get(), true);
    assertEquals(plain.params(), fast.params(), "same seed, same initial weights");
    for (int step = 0; step < STEPS; step++) {
      DataSet minibatch = batch(step, side);
      plain.fit(minibatch);
      fast.fit(minibatch);
      double diff = Math.abs(plain.score() - fast.score());
      assertTrue(
          diff <= LOSS_TOLERANCE * Math.max(1, Math.abs(plain.score())),
          "step " + step + ": loss plain " + plain.score() + " vs default " + fast.score());
    }
    double maxDiff = Transforms.abs(plain.params().sub(fast.params())).maxNumber().doubleValue();
    assertTrue(
        maxDiff <= PARAM_TOLERANCE,
        "largest parameter difference after " + STEPS + " steps: " + maxDiff);
  }

  /** Builds with the helpers allowed ({@code fast}) or forced off (DL4J's plain path). */
  private static MultiLayerNetwork network(MultiLayerConfiguration conf, boolean fast) {
    System.setProperty(Speed.HELPERS_PROPERTY, fast ? "false" : "true");
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Minibatch {@code k}: 16 random images {@code [16, 1, side, side]}, one-hot labels. */
  private static DataSet batch(int k, int side) {
    Nd4j.getRandom().setSeed(100 + k);
    INDArray X = Nd4j.rand(DataType.FLOAT, 16, 1, side, side);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10); // [16, 10]
    for (int i = 0; i < 16; i++) {
      y.putScalar(i, (i * 7 + k) % 10, 1.0);
    }
    return new DataSet(X, y);
  }
}
