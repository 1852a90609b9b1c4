package org.dlcourse.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.deeplearning4j.util.ModelSerializer;
import org.dlcourse.data.Checksums;

/**
 * A folder of saved models, each with its SHA-256, so that a trained model is reused instead of
 * retrained and a damaged file is detected before it is parsed.
 *
 * <p>Model {@code key} is stored as {@code key.zip} (written by {@link Model#save}) and {@code
 * key.zip.sha256} in the format of {@code sha256sum} (so {@code sha256sum -c key.zip.sha256} checks
 * it by hand). Both are written to temporary files first and renamed into place. Introduced in
 * notebook 08 ({@code 08-transfer-learning}), which pre-trains a network once and reuses it.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.defaultStore();  // ~/.cache/dlcourse/models unless told otherwise
 * ModelStore.Stored source = store.loadOrTrain("fashion-cnn-seed42", () -> trainIt());
 * Model model = source.model();                  // source prints where it came from and its cost
 * }</pre>
 */
public final class ModelStore {

  /** Environment variable naming the folder of the default store. */
  public static final String ENV = "DLCOURSE_MODELS";

  /** System property naming the folder of the default store (wins over {@link #ENV}). */
  public static final String PROPERTY = "dlcourse.models";

  private static final String TRAINING_SECONDS = "dlcourse-training-seconds";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path dir;

  private ModelStore(Path dir) {
    this.dir = dir;
  }

  /** The store in {@link #defaultDir()}. */
  public static ModelStore defaultStore() {
    return at(defaultDir());
  }

  /** A store in {@code dir} (created when the first model is saved). */
  public static ModelStore at(Path dir) {
    return new ModelStore(Objects.requireNonNull(dir, "dir must not be null").toAbsolutePath());
  }

  /**
   * The one place saved models live: the system property {@value #PROPERTY}, else the environment
   * variable {@value #ENV}, else {@code $XDG_CACHE_HOME/dlcourse/models}, else {@code
   * ~/.cache/dlcourse/models} (next to the data sets' download cache).
   */
  public static Path defaultDir() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("dlcourse").resolve("models");
  }

  /** The folder of this store. */
  public Path dir() {
    return dir;
  }

  /** The model file of {@code key}: {@code dir/key.zip}. */
  public Path modelFile(String key) {
    return dir.resolve(requireKey(key) + ".zip");
  }

  /** The checksum file of {@code key}: {@code dir/key.zip.sha256}. */
  public Path checksumFile(String key) {
    return dir.resolve(requireKey(key) + ".zip.sha256");
  }

  /** Whether a model file for {@code key} exists (it may still be damaged). */
  public boolean contains(String key) {
    return Files.isRegularFile(modelFile(key));
  }

  /**
   * Saves {@code model} under {@code key}, replacing what was there, and records its SHA-256.
   *
   * @param trainingSeconds what training it cost, reported when it is loaded again
   * @return the SHA-256 of the saved file
   */
  public String save(String key, Model model, double trainingSeconds) {
    Objects.requireNonNull(model, "model must not be null");
    Path target = modelFile(key);
    Path checksum = checksumFile(key);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(checksum); // a crash below leaves a zip without checksum: "corrupt"
      Path temporary = Files.createTempFile(dir, key + ".", ".zip.part");
      try {
        model.save(temporary);
        ModelSerializer.addObjectToFile(temporary.toFile(), TRAINING_SECONDS, trainingSeconds);
        String sha256 = Checksums.sha256(temporary);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        Path checksumPart = Files.createTempFile(dir, key + ".", ".sha256.part");
        Files.writeString(checksumPart, sha256 + "  " + target.getFileName() + "\n");
        Files.move(checksumPart, checksum, StandardCopyOption.REPLACE_EXISTING);
        return sha256;
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not save model '" + key + "' to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads model {@code key} after checking its SHA-256 against the recorded one.
   *
   * @throws IllegalArgumentException if there is no model {@code key}
   * @throws ModelFileCorruptException if the file or its checksum file is damaged or missing
   */
  public Model load(String key) {
    return read(key).model();
  }

  /**
   * Model {@code key} from the store if it is there and intact, else {@code train.get()}, saved
   * under {@code key}. A damaged file is named in a message, deleted and replaced, never loaded.
   */
  public Stored loadOrTrain(String key, Supplier<Model> train) {
    Objects.requireNonNull(train, "train must not be null");
    String replaced = null;
    if (contains(key)) {
      try {
        return read(key);
      } catch (ModelFileCorruptException e) {
        replaced = e.getMessage();
        System.out.println("warning: " + replaced + "; training the model again");
        delete(key);
      }
    }
    long start = System.nanoTime();
    Model model = Objects.requireNonNull(train.get(), "train returned null instead of a model");
    double seconds = (System.nanoTime() - start) / 1e9;
    String sha256 = save(key, model, seconds);
    return new Stored(model, modelFile(key), sha256, false, seconds, seconds, replaced);
  }

  /** Deletes model {@code key} and its checksum file, if present. */
  public void delete(String key) {
    try {
      Files.deleteIfExists(modelFile(key));
      Files.deleteIfExists(checksumFile(key));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete model '" + key + "': " + e.getMessage(), e);
    }
  }

  /** Verifies, then parses; nothing is parsed before the checksum has matched. */
  private Stored read(String key) {
    Path file = modelFile(key);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no model '"
              + key
              + "' in "
              + dir
              + "; save one with store.save(key, model, seconds) or use store.loadOrTrain(key, …)");
    }
    long start = System.nanoTime();
    String expected = recordedSha256(key);
    String actual = Checksums.sha256(file);
    if (!actual.equals(expected)) {
      throw new ModelFileCorruptException(
          file,
          "its SHA-256 is "
              + actual
              + " but "
              + checksumFile(key).getFileName()
              + " records "
              + expected
              + " (the file was changed or damaged after it was saved); delete it"
              + " (store.delete(\""
              + key
              + "\")) or let store.loadOrTrain retrain it");
    }
    Model model;
    double trainingSeconds;
    try {
      model = Model.load(file);
      boolean recorded =
          ModelSerializer.listObjectsInFile(file.toFile()).contains(TRAINING_SECONDS);
      trainingSeconds =
          recorded
              ? ModelSerializer.<Double>getObjectFromFile(file.toFile(), TRAINING_SECONDS)
              : Double.NaN;
    } catch (RuntimeException e) {
      throw new ModelFileCorruptException(
          file, "its checksum matches but it is not a saved model: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Stored(model, file, actual, true, trainingSeconds, seconds, null);
  }

  private String recordedSha256(String key) {
    Path checksum = checksumFile(key);
    if (!Files.isRegularFile(checksum)) {
      throw new ModelFileCorruptException(
          modelFile(key),
          "its checksum file "
              + checksum.getFileName()
              + " is missing (saving was interrupted?); delete the model or let"
              + " store.loadOrTrain retrain it");
    }
    String line;
    try {
      line = Files.readString(checksum, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + checksum + ": " + e.getMessage(), e);
    }
    String hex = line.split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new ModelFileCorruptException(
          modelFile(key),
          checksum.getFileName()
              + " should start with 64 hex digits (a SHA-256) but reads \""
              + line
              + "\"; delete the model or let store.loadOrTrain retrain it");
    }
    return hex;
  }

  private static String requireKey(String key) {
    Objects.requireNonNull(key, "key must not be null");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "a model key is a file name of letters, digits, '.', '_' and '-' (e.g."
              + " \"fashion-cnn-seed42\") but was \""
              + key
              + "\"");
    }
    return key;
  }

  /**
   * A model from the store, or just trained and saved there.
   *
   * @param model the model
   * @param file where it is stored
   * @param sha256 the SHA-256 of {@code file}
   * @param fromCache whether it was loaded rather than trained now
   * @param trainingSeconds what training it cost (when it was trained; NaN if not recorded)
   * @param seconds what getting it cost now (loading and checking, or training and saving)
   * @param replaced the message about a damaged file that was replaced, or null
   */
  public record Stored(
      Model model,
      Path file,
      String sha256,
      boolean fromCache,
      double trainingSeconds,
      double seconds,
      String replaced) {

    @Override
    public String toString() {
      String how =
          fromCache
              ? String.format(
                  Locale.ROOT,
                  "loaded from %s (SHA-256 %s… verified) in %.1f s; training it took %.1f s",
                  file,
                  sha256.substring(0, 12),
                  seconds,
                  trainingSeconds)
              : String.format(
                  Locale.ROOT,
                  "trained in %.1f s and saved to %s (SHA-256 %s…)",
                  trainingSeconds,
                  file,
                  sha256.substring(0, 12));
      return model.name() + ": " + how + (replaced == null ? "" : " [replaced: " + replaced + "]");
    }
  }
}
