package org.dlcourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Cnns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class SpeedTests {

  // The fast path (oneDNN helpers) and DL4J's own implementation compute the same functions in
  // float32 with different summation orders: outputs agree to 1e-4 before training and to 1e-3
  // after five Adam steps (lr 1e-3), the tolerance stated in bench/RESULTS.md.
  private static final double INFERENCE_TOLERANCE = 1e-4;
  private static final double TRAINED_TOLERANCE = 1e-3;

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
  void courseLibraryTurnsTheOneDnnHelpersOnWhenTheNativeBuildHasOneDnn() {
    System.clearProperty(Speed.HELPERS_PROPERTY);
    Speed.enableHelpers();
    assertEquals("false", System.getProperty(Speed.HELPERS_PROPERTY));
    MultiLayerNetwork net = lenet();
    if (oneDnnBuild()) {
      assertTrue(Speed.helpersActive(), "the oneDNN build should activate the helpers");
      assertInstanceOf(MKLDNNConvHelper.class, helper(net));
    } else { // e.g. the plain OpenBLAS build for CPUs without AVX2: DL4J's own code
      assertEquals(false, Speed.helpersActive());
      assertNull(helper(net));
    }
  }

  @Test
  void anExplicitSettingIsNeverOverridden() {
    System.setProperty(Speed.HELPERS_PROPERTY, "true");
    Speed.enableHelpers();
    assertEquals("true", System.getProperty(Speed.HELPERS_PROPERTY));
    assertEquals(false, Speed.helpersActive());
    assertNull(helper(lenet()));
  }

  @Test
  void lenetGivesTheSameOutputsWithAndWithoutHelpers() {
    System.setProperty(Speed.HELPERS_PROPERTY, "true");
    MultiLayerNetwork plain = lenet();
    System.setProperty(Speed.HELPERS_PROPERTY, "false");
    MultiLayerNetwork fast = lenet();
    assertEquals(plain.params(), fast.params(), "same seed, same initial weights");

    Nd4j.getRandom().setSeed(7);
    INDArray X = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28); // [16, 1, 28, 28]
    INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10); // one-hot [16, 10]
    for (int i = 0; i < 16; i++) {
      y.putScalar(i, i % 10, 1.0);
    }
    assertClose(plain.output(X), fast.output(X), INFERENCE_TOLERANCE, "inference");
    DataSet batch = new DataSet(X, y);
    for (int step = 0; step < 5; step++) {
      plain.fit(batch);
      fast.fit(batch);
    }
    assertClose(plain.output(X), fast.output(X), TRAINED_TOLERANCE, "after 5 training steps");
    assertClose(plain.params(), fast.params(), TRAINED_TOLERANCE, "weights after 5 steps");
  }

  private static void assertClose(
      INDArray expected, INDArray actual, double tolerance, String what) {
    double maxDiff = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
    assertTrue(
        maxDiff <= tolerance,
        what
            + ": largest difference plain vs helpers was "
            + maxDiff
            + ", expected <= "
            + tolerance);
  }

  private static MultiLayerNetwork lenet() {
    MultiLayerNetwork net = new MultiLayerNetwork(Cnns.lenetConfiguration(10));
    net.init();
    return net;
  }

  private static Object helper(MultiLayerNetwork net) {
    try {
      Field field = ConvolutionLayer.class.getDeclaredField("helper");
      field.setAccessible(true);
      return field.get(net.getLayer(0));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("DL4J's ConvolutionLayer has no 'helper' field any more", e);
    }
  }

  /**
   * The oracle, independent of the classes under test ({@code Speed} and the {@code Nd4jCpu}
   * bridge): the native build the POM asked for ({@code nd4j.classifier}, recorded in
   * build.properties) and the folder JavaCPP actually loaded the library from.
   */
  private static boolean oneDnnBuild() {
    String expected = Course.expectedBuild();
    assertFalse(expected.startsWith("unknown"), "build.properties must name the native build");
    assertEquals(expected, Course.loadedBuild(), "the native build the POM asked for loaded");
    return expected.contains("onednn");
  }
}
