package org.dlcourse.train.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Speed;
import org.dlcourse.data.Dataset;
import org.dlcourse.data.Datasets;
import org.dlcourse.features.SmallCnn;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.ConvBlocks;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fast convolutional step equals DL4J's {@code fit} (bench/CONV-STEP.md measured the method).
 *
 * <p>(1) The gradient of one minibatch at the initial weights against DL4J's own ({@code
 * computeGradientAndScore}, float32 with oneDNN), every parameter array within {@value
 * #GRADIENT_TOLERANCE} relative. (2) Training trajectories from the same weights on the same
 * minibatches against DL4J in float64 (plain layers), the reference: float32 trajectories drift
 * apart even when both are right (Adam divides tiny differences by tiny {@code sqrt(v)}, pooling
 * decisions flip), so the fast path's distance to float64 is bounded by DL4J float32's own distance
 * to float64 (the yardstick, printed) times {@value #YARDSTICK_FACTOR}, or an absolute floor.
 */
class ConvStepperTests {

  static final double GRADIENT_TOLERANCE = 3e-5;
  static final double YARDSTICK_FACTOR = 2;
  static final double LOSS_FLOOR = 1e-5;
  static final double PARAMS_FLOOR = 1e-3;
  private static final int BATCH = 16;
  private static List<DataSet> data;

  @BeforeAll
  static void readImages() {
    Dataset images = Datasets.fashionMnist().train().asImages(1, 28, 28).take(8 * BATCH);
    data = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      int rows = s == 3 ? 11 : BATCH; // a partial last minibatch: a second batch size's buffers
      var range = NDArrayIndex.interval(s * BATCH, s * BATCH + rows);
      data.add(
          new DataSet(
              images.features().get(range).castTo(DataType.FLOAT).dup('c'),
              images.labels().get(range).castTo(DataType.FLOAT).dup('c')));
    }
  }

  @AfterEach
  void switchBackOn() {
    System.clearProperty(FastPath.PROPERTY);
  }

  /** Notebook 01's small CNN: 16 and 32 filters of 3 x 3, padding 1, batch norm, 128 units. */
  static MultiLayerConfiguration smallCnn() {
    return Cnns.builder()
        .filters(16, 32)
        .filterSize(3)
        .padding(1)
        .batchNorm(true)
        .dense(128)
        .learningRate(2e-3)
        .seed(50)
        .configuration();
  }

  static MultiLayerConfiguration lenet() {
    return Cnns.builder().seed(51).configuration();
  }

  static MultiLayerConfiguration smallCnnFeatures() {
    return SmallCnn.configuration(8, 16, 64, 10, 2e-3, 52);
  }

  /** The AlexNet-style CNN with its dropout 0.5, smaller (8, 16 filters, 64 units) for time. */
  static MultiLayerConfiguration alexNetStyle() {
    return Cnns.alexNetStyleBuilder().filters(8, 16).dense(64).seed(53).configuration();
  }

  static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
    net.init();
    return net;
  }

  /** The same network in float64 with DL4J's plain layers, parameters copied from {@code from}. */
  static MultiLayerNetwork float64(MultiLayerConfiguration conf, MultiLayerNetwork from) {
    String before = System.getProperty(Speed.HELPERS_PROPERTY);
    System.setProperty(Speed.HELPERS_PROPERTY, "true"); // read when a layer is created
    try {
      MultiLayerConfiguration c = conf.clone();
      c.setDataType(DataType.DOUBLE);
      MultiLayerNetwork net = new MultiLayerNetwork(c);
      net.init();
      net.setParams(from.params().castTo(DataType.DOUBLE));
      return net;
    } finally {
      System.setProperty(Speed.HELPERS_PROPERTY, before == null ? "false" : before);
    }
  }

  /** The largest {@code max|a - ref| / max|ref|} over the network's parameter arrays. */
  static double perArray(MultiLayerNetwork a, MultiLayerNetwork ref) {
    double worst = 0;
    for (Map.Entry<String, INDArray> e : ref.paramTable().entrySet()) {
      worst = Math.max(worst, Equality.relative(a.getParam(e.getKey()), e.getValue()));
    }
    return worst;
  }

  // ------------------------------------------------------------------- gradient, one minibatch

  private static void assertGradientEqualsDl4j(String what, MultiLayerConfiguration conf) {
    MultiLayerNetwork net = network(conf);
    ConvStepper stepper = ConvStepper.of(net);
    DataSet batch = data.get(0);
    INDArray mine = stepper.dl4jGradient(batch);
    net.setInput(batch.getFeatures());
    net.setLabels(batch.getLabels());
    net.computeGradientAndScore();
    INDArray ref = net.gradient().gradient().reshape(net.numParams());
    double worst = 0;
    String where = "";
    long offset = 0;
    for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
      long n = e.getValue().length();
      var range = NDArrayIndex.interval(offset, offset + n);
      double gap = Equality.relative(mine.get(range), ref.get(range));
      if (gap > worst) {
        worst = gap;
        where = e.getKey();
      }
      offset += n;
    }
    System.out.printf("%s: gradient vs DL4J, largest relative %.2e (%s)%n", what, worst, where);
    assertTrue(worst <= GRADIENT_TOLERANCE, what + ": " + worst + " at " + where);
  }

  @Test
  void gradientOfTheSmallCnnWithBatchNormEqualsDl4j() {
    assertGradientEqualsDl4j("small CNN", smallCnn());
  }

  @Test
  void gradientOfLenetEqualsDl4j() {
    assertGradientEqualsDl4j("LeNet", lenet());
  }

  @Test
  void gradientOfSmallCnnFeaturesEqualsDl4j() {
    assertGradientEqualsDl4j("SmallCnn", smallCnnFeatures());
  }

  // ------------------------------------------------------------------- trajectories vs float64

  /** Gaps to float64 of the fast path and of DL4J float32 over the steps, and at the end. */
  record Trajectory(
      double lossFast, double lossDl4j, double paramsFast, double paramsDl4j, double output) {
    @Override
    public String toString() {
      return String.format(
          "to float64: loss rel fast %.2e (DL4J f32 %.2e), params rel fast %.2e (DL4J f32 %.2e),"
              + " inference output abs fast %.2e",
          lossFast, lossDl4j, paramsFast, paramsDl4j, output);
    }
  }

  static Trajectory trajectory(MultiLayerConfiguration conf, int steps) {
    MultiLayerNetwork fast = network(conf);
    MultiLayerNetwork dl4j = fast.clone();
    MultiLayerNetwork reference = float64(conf, fast);
    ConvStepper stepper = ConvStepper.of(fast);
    double lossFast = 0;
    double lossDl4j = 0;
    for (int s = 0; s < steps; s++) {
      DataSet batch = data.get(s % data.size());
      Nd4j.getRandom().setSeed(Equality.MASK_SEED + s); // the same dropout masks on every path
      double[] got = stepper.step(batch);
      assertNotNull(got, "the stepper refused minibatch " + s);
      Nd4j.getRandom().setSeed(Equality.MASK_SEED + s);
      dl4j.fit(batch);
      Nd4j.getRandom().setSeed(Equality.MASK_SEED + s);
      reference.fit(
          new DataSet(
              batch.getFeatures().castTo(DataType.DOUBLE),
              batch.getLabels().castTo(DataType.DOUBLE)));
      double ref = reference.score();
      lossFast = Math.max(lossFast, Math.abs(got[0] - ref) / ref);
      lossDl4j = Math.max(lossDl4j, Math.abs(dl4j.score() - ref) / ref);
      assertEquals(got[0], fast.score(), "network.score() is the step's loss");
    }
    assertEquals(steps, fast.getIterationCount());
    assertEquals(reference.getIterationCount(), fast.getIterationCount());
    // inference after the steps: batch norm with its running statistics, no dropout
    INDArray x = data.get(steps % data.size()).getFeatures();
    INDArray out = fast.output(x, false).castTo(DataType.DOUBLE);
    double output =
        out.sub(reference.output(x.castTo(DataType.DOUBLE), false)).amaxNumber().doubleValue();
    return new Trajectory(
        lossFast, lossDl4j, perArray(fast, reference), perArray(dl4j, reference), output);
  }

  private static void assertTracksFloat64(String what, MultiLayerConfiguration conf, int steps) {
    Trajectory t = trajectory(conf, steps);
    System.out.println(what + ", " + steps + " steps: " + t);
    assertTrue(
        t.lossFast() <= Math.max(LOSS_FLOOR, YARDSTICK_FACTOR * t.lossDl4j()), what + ": " + t);
    assertTrue(
        t.paramsFast() <= Math.max(PARAMS_FLOOR, YARDSTICK_FACTOR * t.paramsDl4j()),
        what + ": " + t);
    assertTrue(t.output() <= 1e-3, what + ": " + t);
  }

  @Test
  void theSmallCnnWithBatchNormTracksFloat64() {
    assertTracksFloat64("small CNN", smallCnn(), 6);
  }

  @Test
  void lenetTracksFloat64() {
    assertTracksFloat64("LeNet", lenet(), 6);
  }

  @Test
  void smallCnnFeaturesTracksFloat64() {
    assertTracksFloat64("SmallCnn", smallCnnFeatures(), 6);
  }

  @Test
  void theAlexNetStyleCnnWithDropoutTracksFloat64() {
    assertTracksFloat64("AlexNet-style (8, 16 filters, 64 units)", alexNetStyle(), 5);
  }

  // ------------------------------------------------------------------- what the path refuses

  /** One block conv -> pool -> dense 32 -> softmax on 28 x 28 images, with the given layers. */
  static MultiLayerNetwork oneBlock(ConvolutionLayer conv, SubsamplingLayer pool) {
    MultiLayerConfiguration conf =
        ConvBlocks.settings(54, 1e-3)
            .list()
            .layer(conv)
            .layer(pool)
            .layer(ConvBlocks.dense(32, 0))
            .layer(ConvBlocks.softmax(10))
            .setInputType(InputType.convolutional(28, 28, 1))
            .build();
    return network(conf);
  }

  private static void assertRefused(MultiLayerNetwork net, String reason) {
    String why = FastPath.whyNot(net);
    System.out.println("refused: " + why);
    assertNotNull(why);
    assertTrue(why.contains(reason), why);
  }

  @Test
  void whyNotNamesTheFirstFeatureThePathLacks() {
    assertNull(FastPath.whyNot(oneBlock(ConvBlocks.conv(4, 3, 1), ConvBlocks.maxPool(2))));
    assertRefused(
        oneBlock(
            new ConvolutionLayer.Builder(3, 3)
                .stride(2, 2)
                .nOut(4)
                .activation(org.nd4j.linalg.activations.Activation.RELU)
                .build(),
            ConvBlocks.maxPool(2)),
        "stride 2x2");
    assertRefused(
        oneBlock(
            ConvBlocks.conv(4, 3, 1),
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                .kernelSize(2, 2)
                .stride(2, 2)
                .build()),
        "AVG pooling");
    assertRefused(oneBlock(ConvBlocks.conv(4, 3, 1), ConvBlocks.maxPool(3)), "pooling 3x3");
    assertRefused(
        oneBlock(
            new ConvolutionLayer.Builder(3, 3)
                .nOut(4)
                .activation(org.nd4j.linalg.activations.Activation.TANH)
                .build(),
            ConvBlocks.maxPool(2)),
        "convolution activation");
    assertRefused(
        oneBlock(
            new ConvolutionLayer.Builder(3, 3)
                .nOut(4)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                .activation(org.nd4j.linalg.activations.Activation.RELU)
                .build(),
            ConvBlocks.maxPool(2)),
        "convolution mode Same");
    MultiLayerConfiguration doubles = lenet();
    doubles.setDataType(DataType.DOUBLE);
    assertRefused(network(doubles), "DOUBLE");
    MultiLayerNetwork frozen =
        new org.deeplearning4j.nn.transferlearning.TransferLearning.Builder(network(lenet()))
            .setFeatureExtractor(2)
            .build(); // layers 0-2 wrapped in FrozenLayer, whose conf() is the wrapped layer's
    assertRefused(frozen, "layer 0: FrozenLayer");
    MultiLayerNetwork nhwc = network(lenet());
    ((ConvolutionLayer) nhwc.getLayer(0).conf().getLayer()).setCnn2dDataFormat(CNN2DFormat.NHWC);
    assertRefused(nhwc, "NHWC");
  }

  /**
   * Sizes the configuration does not record: LeNet on 27 x 27 images has odd maps (23, then 7) that
   * pooling truncates. The configuration looks like one for 24 x 24 images, so the stepper refuses
   * the minibatch (null, nothing changed) and {@code Model.fit} trains with DL4J's {@code fit}.
   */
  @Test
  void anOddSizeAndAMaskedMinibatchAreLeftToDl4j() {
    Model odd = Cnns.builder().input(1, 27, 27).seed(55).build();
    DataSet images =
        new DataSet(
            Nd4j.rand(DataType.FLOAT, 4, 1, 27, 27),
            data.get(0).getLabels().get(NDArrayIndex.interval(0, 4)).dup());
    ConvStepper stepper = ConvStepper.of(odd.network());
    INDArray before = odd.params().dup();
    assertNull(stepper.step(images));
    assertEquals(before, odd.params());
    long steps = FastPath.stepsTaken();
    odd.fit(images);
    assertEquals(steps, FastPath.stepsTaken(), "no fast step");
    assertFalse(before.equals(odd.params()), "DL4J's fit trained it");

    MultiLayerNetwork net = network(lenet());
    DataSet masked = data.get(0).copy();
    masked.setLabelsMaskArray(Nd4j.ones(DataType.FLOAT, masked.numExamples(), 1));
    assertNull(ConvStepper.of(net).step(masked));
  }

  /** Model.fit takes LeNet's steps on this path; -Ddlcourse.fastpath=false sends them to DL4J. */
  @Test
  void modelFitTakesTheConvolutionalPathUnlessSwitchedOff() {
    Model model = Model.of(network(lenet()), "lenet", 1, 28, 28);
    assertTrue(model.usesFastPath(), model.trainingPath());
    assertEquals("fast convolutional path", model.trainingPath());
    long steps = FastPath.stepsTaken();
    model.fit(data.get(0));
    assertEquals(steps + 1, FastPath.stepsTaken());
    System.setProperty(FastPath.PROPERTY, "false");
    assertFalse(model.usesFastPath());
    assertTrue(model.trainingPath().contains("switched off"), model.trainingPath());
    INDArray before = model.params().dup();
    model.fit(data.get(1));
    assertEquals(steps + 1, FastPath.stepsTaken(), "DL4J's fit took the step");
    assertFalse(before.equals(model.params()));
    assertEquals(2, model.network().getIterationCount());
  }
}
