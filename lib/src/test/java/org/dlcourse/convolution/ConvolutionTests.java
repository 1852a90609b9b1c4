package org.dlcourse.convolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.models.Cnns;
import org.dlcourse.models.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ConvolutionTests {

  // float32 sums of up to 3 * 5 * 5 products of numbers in [-1, 1): DL4J's im2col + gemm and our
  // double-precision loops agree to 1e-5.
  private static final double TOLERANCE = 1e-5;

  @Test
  void loopsAndIm2colEqualDl4jsConvolutionLayer() {
    int[][] cases = { // channels, filters, size, stride, padding
      {1, 4, 3, 1, 0}, {3, 5, 5, 1, 2}, {2, 3, 3, 2, 1}, {1, 2, 5, 2, 0}
    };
    for (int[] t : cases) {
      Nd4j.getRandom().setSeed(t[0] * 100 + t[2]);
      INDArray X = Nd4j.rand(DataType.FLOAT, 2, t[0], 11, 9).subi(0.5); // [2, c, 11, 9]
      INDArray K = Nd4j.rand(DataType.FLOAT, t[1], t[0], t[2], t[2]).subi(0.5); // [f, c, k, k]
      INDArray b = Nd4j.rand(DataType.FLOAT, t[1]).subi(0.5); // [f]
      INDArray expected = dl4j(X, K, b, t[3], t[4]);
      String what = java.util.Arrays.toString(t);
      assertClose(expected, Convolution.loops(X, K, b, t[3], t[4]), "loops " + what);
      assertClose(expected, Convolution.viaIm2col(X, K, b, t[3], t[4]), "im2col " + what);
    }
  }

  @Test
  void outputSizeFormulaMatchesDl4jsShapes() {
    int[][] cases = {{28, 5, 1, 0}, {28, 3, 1, 1}, {28, 3, 2, 1}, {28, 2, 2, 0}, {9, 4, 3, 2}};
    for (int[] t : cases) {
      INDArray K = Nd4j.zeros(DataType.FLOAT, 1, 1, t[1], t[1]);
      INDArray out =
          dl4j(Nd4j.zeros(DataType.FLOAT, 1, 1, t[0], t[0]), K, Nd4j.zeros(1), t[2], t[3]);
      assertEquals(out.size(2), Convolution.outputSize(t[0], t[1], t[2], t[3]));
    }
    assertEquals(24, Convolution.outputSize(28, 5, 1, 0));
    assertEquals(14, Convolution.outputSize(28, 3, 2, 1));
  }

  @Test
  void maxPoolEqualsDl4jsSubsamplingLayer() {
    Nd4j.getRandom().setSeed(3);
    INDArray X = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(
                    new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 3))
                .build());
    net.init();
    assertClose(net.feedForward(X).get(1), Convolution.maxPool(X, 2, 2), "max pool");
  }

  @Test
  void sobelFindsTheEdgeOfAStep() {
    INDArray step = Nd4j.zeros(DataType.FLOAT, 1, 1, 5, 6);
    step.get(
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6))
        .assign(1); // dark left half, bright right half: a vertical edge
    INDArray gx = Convolution.loops(step, Filters.sobelX(), Nd4j.zeros(1), 1, 0); // [1, 1, 3, 4]
    INDArray gy = Convolution.loops(step, Filters.sobelY(), Nd4j.zeros(1), 1, 0);
    assertArrayEquals(
        new double[] {0, 4, 4, 0},
        gx.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1))
            .toDoubleVector(),
        1e-6);
    assertEquals(0, gy.sumNumber().doubleValue(), 1e-6, "no horizontal edge");
    assertEquals(1, Filters.blur().sumNumber().doubleValue(), 1e-6, "blur keeps brightness");
  }

  @Test
  void parameterCountsMatchDl4j() {
    Model lenet = Cnns.lenet(10);
    long byFormula =
        ParameterCounts.conv(1, 20, 5)
            + ParameterCounts.conv(20, 50, 5)
            + ParameterCounts.dense(50 * 4 * 4, 500)
            + ParameterCounts.dense(500, 10);
    assertEquals(lenet.numParams(), byFormula);
    assertEquals(784L * 20 * 24 * 24 + 20 * 24 * 24, ParameterCounts.dense(784, 20 * 24 * 24));
  }

  @Test
  void badShapesSayWhatToDo() {
    IllegalArgumentException flat =
        assertThrows(
            IllegalArgumentException.class,
            () -> Convolution.loops(Nd4j.zeros(4, 784), Filters.blur(), Nd4j.zeros(1), 1, 0));
    assertTrue(flat.getMessage().contains("[4, 784]"), flat.getMessage());
    assertTrue(flat.getMessage().contains("asImages"), flat.getMessage());
    IllegalArgumentException channels =
        assertThrows(
            IllegalArgumentException.class,
            () -> Convolution.loops(Nd4j.zeros(1, 3, 8, 8), Filters.blur(), Nd4j.zeros(1), 1, 0));
    assertTrue(channels.getMessage().contains("3"), channels.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Convolution.outputSize(2, 5, 1, 1));
  }

  @Test
  void shiftMovesPixelsAndFillsWithZeros() {
    INDArray X =
        Nd4j.arange(1, 13).castTo(DataType.FLOAT).reshape(1, 1, 3, 4); // rows 1-4, 5-8, 9-12
    INDArray down = Shift.images(X, 1, -1); // [[0 0 0 0], [2 3 4 0], [6 7 8 0]]
    assertArrayEquals(
        new double[] {0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0}, down.reshape(12).toDoubleVector(), 1e-6);
    assertEquals(X, Shift.images(X, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Shift.images(X, 3, 0));
  }

  @Test
  void featureMapsAreStretchedToZeroOneEach() {
    INDArray maps = Nd4j.create(new double[] {-2, 0, 2, 4, 5, 5, 5, 5}).reshape(1, 2, 2, 2);
    INDArray images = FeatureMaps.asImages(maps); // [2, 1, 2, 2]
    assertArrayEquals(new long[] {2, 1, 2, 2}, images.shape());
    assertArrayEquals(
        new double[] {0, 1 / 3.0, 2 / 3.0, 1, 0.5, 0.5, 0.5, 0.5},
        images.reshape(8).toDoubleVector(),
        1e-6);
  }

  /** DL4J's ConvolutionLayer (identity activation) with our filters and bias. */
  private static INDArray dl4j(INDArray X, INDArray K, INDArray b, int stride, int padding) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(
                    new ConvolutionLayer.Builder((int) K.size(2), (int) K.size(3))
                        .stride(stride, stride)
                        .padding(padding, padding)
                        .nOut(K.size(0))
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(X.size(2), X.size(3), X.size(1)))
                .build());
    net.init();
    net.getLayer(0).setParam("W", K);
    net.getLayer(0).setParam("b", b.reshape(1, b.length()));
    return net.feedForward(X).get(1);
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double maxDiff =
        Transforms.abs(expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)))
            .maxNumber()
            .doubleValue();
    assertTrue(maxDiff <= TOLERANCE, what + ": largest difference " + maxDiff);
  }
}
