package org.dlcourse.train.fast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.models.LinearDecaySchedule;
import org.dlcourse.models.Models;
import org.dlcourse.models.Optimizers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The fast dense step equals DL4J's {@code fit}: same initial weights (a clone), same minibatches,
 * 60 steps; per-step loss and accuracy, final parameters and updater state compared.
 *
 * <p>Tolerance, float32: loss and parameters within {@value #TOLERANCE} relative (measured gaps are
 * printed by each test; see the report in bench/ANALYSIS.md), updater state within {@value
 * #STATE_TOLERANCE} relative (Adam's {@code v} squares the gradient's rounding differences), the
 * accuracy exactly (same argmax).
 */
class DenseStepperTests {

  static final double TOLERANCE = 1e-5;
  static final double STATE_TOLERANCE = 1e-5;
  private static final int STEPS = 60;
  private static final int[] SIZES = {20, 16, 12, 5};

  private static MultiLayerNetwork mlp(Activation activation, IUpdater updater, double l2) {
    MultiLayerConfiguration conf =
        Models.mlpBuilder()
            .layerSizes(SIZES)
            .activation(activation)
            .updater(updater)
            .l2(l2)
            .seed(7)
            .configuration();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static List<DataSet> batches(long seed) {
    return Equality.batches(STEPS, 32, SIZES[0], SIZES[SIZES.length - 1], seed);
  }

  private static void assertEqualTraining(String what, Equality.Gaps gaps) {
    System.out.println(what + ": " + gaps);
    assertTrue(gaps.lossRelative() <= TOLERANCE, what + ": " + gaps);
    assertTrue(gaps.accuracy() == 0, what + ": " + gaps);
    assertTrue(gaps.paramsRelative() <= TOLERANCE, what + ": " + gaps);
    assertTrue(gaps.stateRelative() <= STATE_TOLERANCE, what + ": " + gaps);
  }

  private static void assertEqualTraining(String what, MultiLayerNetwork net, long seed) {
    assertEqualTraining(what, Equality.compare(net, batches(seed), -1, n -> {}));
  }

  /** The element-wise work as native ops (the system property's way) equals fit too. */
  @Test
  void nativeElementWiseOpsEqualFit() {
    for (Activation activation : new Activation[] {Activation.RELU, Activation.SIGMOID}) {
      MultiLayerNetwork net = mlp(activation, Optimizers.adam(1e-2), 1e-3);
      assertEqualTraining(
          "native element-wise ops, " + activation,
          Equality.compare(net, batches(21), -1, n -> {}, false));
    }
  }

  /**
   * On the CPU backend small products go to {@code cblas_sgemm}; with 784 inputs and a minibatch of
   * 64, layer 0's products (15M multiply-adds) stay with {@code Nd4j.gemm}: both kinds in one step,
   * equal to fit. With {@code -Ddlcourse.fastpath.noBlas=true} every product is {@code Nd4j.gemm},
   * equal to fit too.
   */
  @Test
  void blasAndNd4jProductsEqualFit() {
    MultiLayerConfiguration conf =
        Models.mlpBuilder()
            .layerSizes(784, 300, 10)
            .updater(Optimizers.adam(1e-3))
            .seed(9)
            .configuration();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    // a few steps of fit first: Adam's very first steps move every weight by about lr whatever
    // its gradient, so weights with a near-zero gradient (many, with 784 random inputs) turn float
    // rounding into differences of ~1e-5 relative, on either path
    for (DataSet batch : Equality.batches(5, 64, 784, 10, 24)) {
      net.fit(batch);
    }
    assertTrue(Products.available(), "cblas_sgemm on the CPU backend");
    assertTrue(DenseStepper.of(net.clone()).blas());
    assertTrue(!Products.small(64, 300, 784) && Products.small(64, 10, 300));
    List<DataSet> batches = Equality.batches(20, 64, 784, 10, 23);
    assertEqualTraining(
        "blas and Nd4j.gemm products", Equality.compare(net.clone(), batches, -1, n -> {}));
    System.setProperty(DenseStepper.NO_BLAS, "true");
    try {
      assertTrue(!DenseStepper.of(net.clone()).blas());
      assertEqualTraining("Nd4j.gemm products only", Equality.compare(net, batches, -1, n -> {}));
    } finally {
      System.clearProperty(DenseStepper.NO_BLAS);
    }
  }

  @Test
  void adamWithReluEqualsFit() {
    assertEqualTraining("adam relu", mlp(Activation.RELU, Optimizers.adam(1e-2), 0), 1);
  }

  @Test
  void nesterovWithTanhAndL2EqualsFit() {
    assertEqualTraining(
        "nesterov tanh l2", mlp(Activation.TANH, Optimizers.momentum(0.05, 0.9), 1e-3), 2);
  }

  @Test
  void sgdWithSigmoidAndInverseScheduleEqualsFit() {
    assertEqualTraining(
        "sgd-decay sigmoid", mlp(Activation.SIGMOID, Optimizers.sgdDecay(0.5, 20), 0), 3);
  }

  @Test
  void adamWithLinearDecayScheduleL2AndIdentityEqualsFit() {
    IUpdater adam = new Adam(new LinearDecaySchedule(1e-2, STEPS));
    assertEqualTraining("adam linear-decay identity l2", mlp(Activation.IDENTITY, adam, 1e-2), 4);
  }

  @Test
  void rmsPropWithLeakyReluEqualsFit() {
    assertEqualTraining(
        "rmsprop leakyrelu", mlp(Activation.LEAKYRELU, Optimizers.rmsProp(1e-3), 0), 5);
  }

  @Test
  void adamWithWeightDecayEqualsFit() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(8)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.RELU)
            .updater(Optimizers.adam(1e-2))
            .weightDecay(1e-2)
            .list()
            .layer(
                new DenseLayer.Builder().nIn(SIZES[0]).nOut(16).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .nIn(16)
                    .nOut(SIZES[SIZES.length - 1])
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    assertEqualTraining("adam weight decay", net, 6);
  }

  /**
   * The course's dropout MLP (lesson 06): DL4J's Dropout(p = 0.7, the probability to KEEP) on the
   * inputs of layers 1 and 2. The masks come from the same random op as DL4J's, so with the same
   * random state the two paths drop the same units; if the fast path ignored dropout, or kept with
   * probability 1 - p, its losses would be those of other masks, far outside the tolerance.
   */
  @Test
  void adamWithReluAndDropoutEqualsFit() {
    MultiLayerConfiguration conf =
        Models.mlpBuilder()
            .layerSizes(SIZES)
            .updater(Optimizers.adam(1e-2))
            .dropout(0.3)
            .seed(11)
            .configuration();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    assertTrue(DenseSupport.whyNot(net) == null, DenseSupport.whyNot(net));
    assertEqualTraining("adam relu dropout 0.3", net, 11);
  }

  /**
   * Dropout on every layer's input, the raw features included (layer 0), with sigmoid units (whose
   * derivative h (1 - h) needs the output before the mask) and momentum with L2.
   */
  @Test
  void dropoutOnEveryLayerWithSigmoidAndL2EqualsFit() {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(12)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(Optimizers.momentum(0.1, 0.9))
            .l2(1e-3)
            .list();
    list.layer(dense(SIZES[0], SIZES[1], 0.8)).layer(dense(SIZES[1], SIZES[2], 0.5));
    list.layer(
        new OutputLayer.Builder(LossFunction.MCXENT)
            .nIn(SIZES[2])
            .nOut(SIZES[3])
            .activation(Activation.SOFTMAX)
            .dropOut(0.9)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    assertEqualTraining("momentum sigmoid l2, dropout 0.8/0.5/0.9 everywhere", net, 12);
  }

  /**
   * As above with column-major ('f') features: DL4J draws layer 0's mask in its input's order, so
   * the same random numbers fall on other units than for a row-major copy of the same features.
   */
  @Test
  void dropoutOnColumnMajorFeaturesEqualsFit() {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(13)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(Optimizers.adam(1e-2))
            .list();
    list.layer(dense(SIZES[0], SIZES[1], 0.6));
    list.layer(
        new OutputLayer.Builder(LossFunction.MCXENT)
            .nIn(SIZES[1])
            .nOut(SIZES[3])
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    List<DataSet> data = batches(13);
    for (DataSet d : data) {
      d.setFeatures(d.getFeatures().dup('f'));
    }
    assertEqualTraining(
        "adam sigmoid, dropout 0.6 on 'f'-ordered features",
        Equality.compare(net, data, -1, n -> {}));
  }

  private static DenseLayer dense(int nIn, int nOut, double retain) {
    return new DenseLayer.Builder()
        .nIn(nIn)
        .nOut(nOut)
        .activation(Activation.SIGMOID)
        .dropOut(retain)
        .build();
  }

  /** Notebook 01's pattern: a new learning rate between epochs (DL4J rebuilds its updater). */
  @Test
  void aNewLearningRateMidwayIsFollowed() {
    MultiLayerNetwork net = mlp(Activation.RELU, Optimizers.adam(1e-2), 1e-4);
    Equality.Gaps gaps = Equality.compare(net, batches(9), STEPS / 2, n -> n.setLearningRate(3e-3));
    assertEqualTraining("adam relu, lr changed at step 30", gaps);
  }

  /** After fast steps, DL4J's own fit continues from the same parameters and Adam state. */
  @Test
  void dl4jFitContinuesFromTheFastSteps() {
    MultiLayerNetwork reference = mlp(Activation.RELU, Optimizers.adam(1e-2), 1e-3);
    MultiLayerNetwork fast = reference.clone();
    DenseStepper stepper = DenseStepper.of(fast);
    List<DataSet> data = batches(10);
    for (int s = 0; s < STEPS; s++) {
      reference.fit(data.get(s));
      if (s < STEPS / 2) {
        stepper.step(data.get(s)); // the first half on the fast path ...
      } else {
        fast.fit(data.get(s)); // ... the second half with DL4J's fit on the same network
      }
    }
    double params = Equality.relative(fast.params(), reference.params());
    double state =
        Equality.relative(
            fast.getUpdater().getStateViewArray(), reference.getUpdater().getStateViewArray());
    System.out.printf("fast then fit: params rel %.2e, state rel %.2e%n", params, state);
    assertTrue(params <= TOLERANCE, "params " + params);
    assertTrue(state <= STATE_TOLERANCE, "state " + state);
    assertTrue(fast.getIterationCount() == STEPS, "iterations " + fast.getIterationCount());
    assertTrue(
        stepper.javaAdamSteps() == STEPS / 2, "Java Adam loop steps " + stepper.javaAdamSteps());
  }

  /**
   * Fast steps and DL4J's fit taking turns on one network (Adam with L2): the Java Adam loop reads
   * the state fit wrote and fit reads the state the loop wrote, so the run equals fit alone.
   */
  @Test
  void fastStepsAndFitTakingTurnsEqualFit() {
    MultiLayerNetwork reference = mlp(Activation.RELU, Optimizers.adam(1e-2), 1e-3);
    MultiLayerNetwork mixed = reference.clone();
    DenseStepper stepper = DenseStepper.of(mixed);
    List<DataSet> data = batches(13);
    for (int s = 0; s < STEPS; s++) {
      reference.fit(data.get(s));
      if (s % 3 == 0) {
        mixed.fit(data.get(s));
      } else {
        stepper.step(data.get(s));
      }
    }
    double params = Equality.relative(mixed.params(), reference.params());
    double state =
        Equality.relative(
            mixed.getUpdater().getStateViewArray(), reference.getUpdater().getStateViewArray());
    assertTrue(params <= TOLERANCE, "params " + params);
    assertTrue(state <= STATE_TOLERANCE, "state " + state);
    assertTrue(
        stepper.javaAdamSteps() == STEPS - STEPS / 3,
        "Java Adam loop steps " + stepper.javaAdamSteps());
  }
}
