package org.dlcourse.ps.tinynet;

import org.dlcourse.data.Dataset;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A dense layer by hand and a tiny DL4J network. */
public final class TinyNet {
  private TinyNet() {}

  /** A dense layer's forward pass: x [n, in] times w [in, out] plus the row b [1, out]. */
  public static INDArray dense(INDArray x, INDArray w, INDArray b) {
    // BEGIN SOLUTION multiply x by w, then add b to every row
    return x.mmul(w).addRowVector(b);
    // END SOLUTION
  }

  /**
   * Trains a 784-16-10 network (ReLU, softmax, Adam 0.01) for 3 epochs in batches of 50 on {@code
   * train}, with this seed for the weights and the batch order.
   */
  public static MultiLayerNetwork train(Dataset train, long seed) {
    // BEGIN SOLUTION build the network with the seed, then fit 3 epochs of seeded batches
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(new Adam(0.01))
            .list()
            .layer(new DenseLayer.Builder().nIn(784).nOut(16).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(16)
                    .nOut(10)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.fit(train.batches(50, true, seed), 3);
    return net;
    // END SOLUTION
  }
}
