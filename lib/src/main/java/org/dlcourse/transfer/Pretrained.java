package org.dlcourse.transfer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;

/**
 * DL4J's model zoo, offline: architectures build with random weights; pre-trained weights load only
 * from a file already on this machine. Shown in notebook 08 ({@code 08-transfer-learning}).
 *
 * <p>DL4J's {@code zooModel.initPretrained(type)} downloads weights it does not find in its cache
 * ({@code ~/.deeplearning4j/models/NAME/}) from a storage account that answers HTTP 403 since
 * November 2024, with no time-out at all, so offline it can hang. {@link #weights} checks the cache
 * first and, when the file is missing, fails at once with a message that names the file and the
 * fix: reuse a model saved with {@code ModelStore} or {@code Model.save}.
 *
 * <pre>{@code
 * ZooModel<?> vgg = VGG16.builder().numClasses(10).build();
 * ComputationGraph random = vgg.init();                         // offline: random weights
 * Pretrained.weights(vgg, PretrainedType.IMAGENET);             // throws at once, naming the fix
 * }</pre>
 */
public final class Pretrained {

  private Pretrained() {}

  /**
   * The zoo model with its pre-trained weights, if DL4J's weights file is already on this machine
   * (DL4J then checks its Adler-32 checksum); no download is attempted.
   *
   * @throws PretrainedWeightsUnavailableException at once if the file is not there
   * @throws IllegalArgumentException if the zoo has no weights of {@code type} for this model
   */
  public static <M extends org.deeplearning4j.nn.api.Model> M weights(
      ZooModel<?> zooModel, PretrainedType type) {
    Path file = expectedFile(zooModel, type);
    if (!Files.isRegularFile(file)) {
      throw new PretrainedWeightsUnavailableException(message(zooModel, type, file), file);
    }
    try {
      return zooModel.initPretrained(type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read the pre-trained weights " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where DL4J's zoo looks for the weights of {@code type}: {@code
   * ~/.deeplearning4j/models/NAME/FILE} (or under {@code DL4JResources.getBaseDirectory()}).
   *
   * @throws IllegalArgumentException if the zoo has no weights of {@code type} for this model
   */
  public static Path expectedFile(ZooModel<?> zooModel, PretrainedType type) {
    String url = zooModel.pretrainedUrl(type);
    if (url == null) {
      throw new IllegalArgumentException(
          "DL4J's zoo has no "
              + type
              + " weights for "
              + zooModel.modelName()
              + " (zooModel.pretrainedAvailable(type) is false); build it with random weights"
              + " with zooModel.init()");
    }
    String fileName = new File(url).getName();
    return DL4JResources.getBaseDirectory()
        .toPath()
        .resolve(ResourceType.ZOO_MODEL.resourceName())
        .resolve(zooModel.modelName())
        .resolve(fileName);
  }

  private static String message(ZooModel<?> zooModel, PretrainedType type, Path file) {
    return "DL4J's pre-trained "
        + type
        + " weights for "
        + zooModel.modelName()
        + " are not on this machine (looked for "
        + file
        + "). No download was attempted: DL4J would fetch them from "
        + zooModel.pretrainedUrl(type)
        + ", a storage account that answers HTTP 403 since November 2024, and it sets no"
        + " time-out, so offline it can hang. What to do: (1) reuse a network you trained and"
        + " saved: ModelStore.defaultStore().loadOrTrain(key, () -> …) or Model.load(path), as"
        + " notebook 08 does; (2) if you have DL4J's weights file from elsewhere, copy it to "
        + file
        + " and call again (DL4J checks its checksum); (3) for the architecture with random"
        + " weights call zooModel.init().";
  }
}
