package org.dlcourse.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.LeNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedTests {

  @TempDir Path cache;
  private File savedBase;
  private String savedUrl;

  @BeforeEach
  void emptyZooCacheAndAnUnreachableServer() {
    savedBase = DL4JResources.getBaseDirectory();
    savedUrl = DL4JResources.getBaseDownloadURL();
    DL4JResources.setBaseDirectory(cache.toFile());
    // port 9 (discard) on the loopback refuses connections: a download attempt would end in an
    // IOException, not in PretrainedWeightsUnavailableException
    DL4JResources.setBaseDownloadURL("http://127.0.0.1:9/");
  }

  @AfterEach
  void restore() {
    DL4JResources.setBaseDirectory(savedBase);
    DL4JResources.setBaseDownloadURL(savedUrl);
  }

  @Test
  @DisplayName("missing pre-trained weights: an error naming the file and the fix, no download")
  void missingWeightsFailAtOnceNamingTheFix() {
    ZooModel<?> lenet = LeNet.builder().numClasses(10).build();
    PretrainedWeightsUnavailableException e =
        assertThrows(
            PretrainedWeightsUnavailableException.class,
            () -> Pretrained.weights(lenet, PretrainedType.MNIST));
    assertTrue(e.expectedFile().startsWith(cache), e.expectedFile().toString());
    assertTrue(e.getMessage().contains(e.expectedFile().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Model.load(path)"), e.getMessage());
    assertTrue(e.getMessage().contains("No download was attempted"), e.getMessage());
  }

  @Test
  void theExpectedFileIsWhereDl4jLooks() {
    ZooModel<?> lenet = LeNet.builder().build();
    String url = lenet.pretrainedUrl(PretrainedType.MNIST);
    Path expected =
        cache.resolve("models").resolve(lenet.modelName()).resolve(new File(url).getName());
    assertEquals(expected, Pretrained.expectedFile(lenet, PretrainedType.MNIST));
  }

  @Test
  void weightsTheZooNeverHadAreAnArgumentError() {
    ZooModel<?> lenet = LeNet.builder().build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pretrained.weights(lenet, PretrainedType.IMAGENET));
    assertTrue(e.getMessage().contains("init()"), e.getMessage());
  }

  @Test
  @DisplayName("the architecture builds offline with random weights")
  void architectureBuildsOfflineWithRandomWeights() {
    MultiLayerNetwork net = (MultiLayerNetwork) LeNet.builder().numClasses(10).build().init();
    assertTrue(net.numParams() > 100_000, "LeNet has " + net.numParams() + " parameters");
  }
}
