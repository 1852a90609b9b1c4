package org.dlcourse.grading.runner;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A trusted workload the grader runs, never student code: once on the host to extract ND4J's
 * natives into a folder ({@code -Dorg.bytedeco.javacpp.cachedir}), and once in the sandbox's layout
 * to record a class-data sharing archive of the classes a DL4J test JVM loads ({@code
 * -XX:ArchiveClassesAtExit}). It touches ND4J, trains a 4-8-3 network for a few steps on random
 * data and creates a JUnit launcher, then exits normally (the archive is written at exit).
 */
public final class LibraryWarmup {
  private LibraryWarmup() {}

  /** Runs the workload; prints one line with the first ND4J call's time and the final loss. */
  public static void main(String[] args) {
    long start = System.nanoTime();
    INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3);
    long firstCall = System.nanoTime() - start;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(1)
            .updater(new Adam(0.01))
            .list()
            .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(8)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    // features [32, 4], one-hot labels [32, 3] (all class 0): a few Adam steps
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 4);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 3);
    labels.getColumn(0).assign(1);
    for (int i = 0; i < 5; i++) {
      net.fit(new DataSet(features, labels));
    }
    LauncherFactory.create();
    System.out.println(
        "LibraryWarmup: first ND4J call "
            + firstCall / 1_000_000
            + " ms, sum "
            + x.sumNumber()
            + ", loss "
            + net.score());
  }
}
