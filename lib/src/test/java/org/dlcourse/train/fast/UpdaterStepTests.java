package org.dlcourse.train.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link UpdaterStep}'s Java Adam loop ({@link AdamLoops}) against the blocks' own DL4J updaters:
 * two copies of one network, the same gradients, 30 steps, the steps and the updater state
 * compared. The network has a batch-norm layer, whose running mean and variance are updated by
 * DL4J's NoOp updater (the step is the gradient as it is): the loop must leave those blocks alone.
 * The first block (12,080 parameters) spans several of the loop's chunks.
 */
class UpdaterStepTests {

  private static MultiLayerNetwork network(IUpdater updater, double l2) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .dataType(DataType.FLOAT)
            .updater(updater)
            .l2(l2)
            .list()
            .layer(new DenseLayer.Builder().nIn(300).nOut(40).activation(Activation.RELU).build())
            .layer(new BatchNormalization.Builder().nOut(40).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(40)
                    .nOut(4)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * Steps {@code java} and {@code nativeOps} on the same gradients; largest gaps of steps/state.
   */
  private static double[] compare(MultiLayerNetwork net, int steps) {
    MultiLayerNetwork twin = net.clone();
    UpdaterStep java = new UpdaterStep(net, true);
    UpdaterStep nativeOps = new UpdaterStep(twin, false);
    Nd4j.getRandom().setSeed(11);
    double stepGap = 0;
    // one gradient array per stepper, as DenseStepper keeps (UpdaterStep keeps views of it)
    INDArray g1 = Nd4j.create(DataType.FLOAT, net.numParams());
    INDArray g2 = Nd4j.create(DataType.FLOAT, net.numParams());
    for (int s = 0; s < steps; s++) {
      INDArray g = Nd4j.randn(DataType.FLOAT, net.numParams()).muli(Math.pow(0.9, s));
      g1.assign(g);
      g2.assign(g);
      java.apply(g1, flat(net.params()), s, 0);
      nativeOps.apply(g2, flat(twin.params()), s, 0);
      stepGap = Math.max(stepGap, Equality.relative(g1, g2));
      flat(net.params()).subi(g1);
      flat(twin.params()).subi(g2);
    }
    double stateGap =
        Equality.relative(
            net.getUpdater().getStateViewArray(), twin.getUpdater().getStateViewArray());
    assertEquals(steps, java.javaAdamSteps(), "steps taken by the Java Adam loop");
    assertEquals(0, nativeOps.javaAdamSteps());
    return new double[] {stepGap, stateGap};
  }

  private static INDArray flat(INDArray rowVector) {
    return rowVector.reshape(rowVector.length());
  }

  @Test
  void adamLoopEqualsDl4jsAdamWithBatchNormBlocksLeftAlone() {
    double[] gaps = compare(network(new Adam(3e-3), 0), 30);
    System.out.printf("adam + batch norm: step rel %.2e, state rel %.2e%n", gaps[0], gaps[1]);
    assertTrue(gaps[0] <= 1e-5, "steps differ: " + gaps[0]);
    assertTrue(gaps[1] <= 1e-5, "states differ: " + gaps[1]);
  }

  @Test
  void adamLoopWithL2EqualsDl4js() {
    double[] gaps = compare(network(new Adam(1e-2), 1e-2), 30);
    System.out.printf("adam + l2: step rel %.2e, state rel %.2e%n", gaps[0], gaps[1]);
    assertTrue(gaps[0] <= 1e-5, "steps differ: " + gaps[0]);
    assertTrue(gaps[1] <= 1e-5, "states differ: " + gaps[1]);
  }

  /**
   * {@link UpdaterStep#step} (Adam and {@code w -= step} in one Java loop, batch norm's NoOp blocks
   * stepped by their gradient as it is) against DL4J's updaters followed by a native {@code subi}:
   * the parameters and the state after 30 steps.
   */
  @Test
  void fusedStepEqualsUpdaterThenSubtraction() {
    MultiLayerNetwork net = network(new Adam(3e-3), 1e-2);
    MultiLayerNetwork twin = net.clone();
    UpdaterStep fused = new UpdaterStep(net, true);
    UpdaterStep nativeOps = new UpdaterStep(twin, false);
    Nd4j.getRandom().setSeed(12);
    INDArray g1 = Nd4j.create(DataType.FLOAT, net.numParams());
    INDArray g2 = Nd4j.create(DataType.FLOAT, net.numParams());
    int steps = 30;
    for (int s = 0; s < steps; s++) {
      INDArray g = Nd4j.randn(DataType.FLOAT, net.numParams()).muli(Math.pow(0.9, s));
      g1.assign(g);
      g2.assign(g);
      fused.step(g1, flat(net.params()), s, 0);
      nativeOps.step(g2, flat(twin.params()), s, 0);
    }
    double params = Equality.relative(net.params(), twin.params());
    double state =
        Equality.relative(
            net.getUpdater().getStateViewArray(), twin.getUpdater().getStateViewArray());
    System.out.printf("fused step: params rel %.2e, state rel %.2e%n", params, state);
    assertEquals(steps, fused.fusedSteps(), "steps taken by the fused loop");
    assertEquals(0, nativeOps.fusedSteps());
    assertTrue(params <= 1e-6, "parameters differ: " + params);
    assertTrue(state <= 1e-5, "states differ: " + state);
  }

  @Test
  void otherUpdatersAreNotTakenByTheLoop() {
    MultiLayerNetwork net = network(new Nesterovs(1e-2, 0.9), 0);
    BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) net.getUpdater();
    updater.getUpdaterBlocks().forEach(b -> b.init());
    assertNull(AdamLoops.forBlocks(updater.getUpdaterBlocks(), updater.getStateViewArray()));
  }
}
