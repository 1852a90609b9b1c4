package org.dlcourse.adversarial;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlcourse.models.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Tiny double-precision networks whose input gradients can be checked by finite differences. */
public final class TinyNets {

  private TinyNets() {}

  /** [n, 5] -dense tanh-> [n, 4] -softmax-> [n, 3], plain SGD with learning rate 0.1. */
  public static Model mlp(long seed) {
    return mlp(seed, 0.1);
  }

  /** As {@link #mlp(long)} with SGD's learning rate {@code lr}. */
  public static Model mlp(long seed, double lr) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            base(seed)
                .updater(new Sgd(lr))
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.TANH).build())
                .layer(output(4, 3))
                .build());
    net.init();
    return Model.of(net, "tiny mlp");
  }

  /** [n, 1, 6, 6] -conv 3x3, 2 filters, tanh-> -max pool 2x2-> [n, 2, 2, 2] -softmax-> [n, 3]. */
  public static Model cnn(long seed) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            base(seed)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build())
                .layer(
                    new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build())
                .layer(output(4, 3))
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
    net.init();
    return Model.of(net, "tiny cnn", 1, 6, 6);
  }

  /** A residual graph: in [n, 5] -> a = tanh(dense 5) -> a + in -> softmax [n, 3]. */
  public static Model residualGraph(long seed) {
    ComputationGraphConfiguration conf =
        base(seed)
            .graphBuilder()
            .addInputs("in")
            .addLayer(
                "dense",
                new DenseLayer.Builder().nIn(5).nOut(5).activation(Activation.TANH).build(),
                "in")
            .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "dense", "in")
            .addLayer("out", output(5, 3), "add")
            .setOutputs("out")
            .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return Model.of(graph, "tiny residual graph", 5);
  }

  /** Random inputs in [0, 1) and random one-hot labels, in double precision. */
  public static INDArray[] data(Model model, int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    long[] shape = new long[model.inputShape().length + 1];
    shape[0] = n;
    System.arraycopy(model.inputShape(), 0, shape, 1, model.inputShape().length);
    INDArray X = Nd4j.rand(DataType.DOUBLE, shape);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, model.numClasses());
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 7 + 1) % model.numClasses(), 1.0);
    }
    return new INDArray[] {X, y};
  }

  private static NeuralNetConfiguration.Builder base(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.DOUBLE)
        .weightInit(WeightInit.XAVIER)
        .updater(new Sgd(0.1));
  }

  private static OutputLayer output(int nIn, int nOut) {
    return new OutputLayer.Builder(LossFunction.MCXENT)
        .nIn(nIn)
        .nOut(nOut)
        .activation(Activation.SOFTMAX)
        .build();
  }
}
