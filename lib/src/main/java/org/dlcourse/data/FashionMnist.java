package org.dlcourse.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dlcourse.Smoke;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.DataLocations.Found;
import org.dlcourse.data.DataLocations.Location;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST as training, validation and test sets; the options builder behind {@link
 * Datasets#fashionMnist()}.
 *
 * <pre>{@code
 * Splits data = FashionMnist.builder().trainSize(10_000).validationSize(2_000).seed(7).load();
 * }</pre>
 *
 * <p>Features are pixel intensities scaled to [0, 1], float32, flattened to {@code [n, 784]} (call
 * {@code .asImages(1, 28, 28)} for {@code [n, 1, 28, 28]}); labels are one-hot {@code [n, 10]}. The
 * validation set is drawn from the 60,000 training images (never from the test set) with a fixed
 * seed, so every run and every student sees the same split. The test set is the publisher's 10,000
 * t10k images, in file order when all are used.
 */
public final class FashionMnist {

  /** The 10 class names, in label order 0..9. */
  public static final List<String> LABEL_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** The seed of the default train/validation split. */
  public static final long DEFAULT_SEED = 42;

  private FashionMnist() {}

  /**
   * A builder with the default sizes: 55,000 / 5,000 / 10,000 in full mode, 2,000 / 500 / 1,000 in
   * smoke mode ({@link Smoke#on()}).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Options for loading Fashion-MNIST; every setter is optional. */
  public static final class Builder {
    private int trainSize = Smoke.pick(55_000, 2_000);
    private int validationSize = Smoke.pick(5_000, 500);
    private int testSize = Smoke.pick(10_000, 1_000);
    private long seed = org.dlcourse.Seed.base(); // DEFAULT_SEED unless DLCOURSE_SEED is set
    private Path directory;
    private boolean allowDownload;

    private Builder() {}

    /** Number of training examples (taken from the 60,000 training images). */
    public Builder trainSize(int trainSize) {
      this.trainSize = trainSize;
      return this;
    }

    /** Number of validation examples (also from the training images, disjoint from training). */
    public Builder validationSize(int validationSize) {
      this.validationSize = validationSize;
      return this;
    }

    /** Number of test examples (from the 10,000 t10k images; a seeded sample if fewer). */
    public Builder testSize(int testSize) {
      this.testSize = testSize;
      return this;
    }

    /** Seed of the random split (default {@code Seed.base()}: 42 unless DLCOURSE_SEED is set). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Load from this folder only, instead of the catalogue's locations. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /**
     * Whether to download from the publisher (into the user cache, SHA-256 verified) if no copy is
     * found. Off by default: the course never downloads unless asked.
     */
    public Builder allowDownload(boolean allowDownload) {
      this.allowDownload = allowDownload;
      return this;
    }

    /**
     * Finds, checks and loads the files.
     *
     * @throws DatasetMissingException if no folder holds the files (the message says how to fix it)
     * @throws DatasetCorruptException if a file is truncated or damaged (the message names it)
     */
    public Splits load() {
      checkSizes();
      Found found = locate();
      Path[] paths = new Path[4];
      for (int i = 0; i < 4; i++) {
        DataFile file = Catalogue.FASHION_MNIST.files().get(i);
        paths[i] = found.file(file.id());
        Checksums.checkSize(paths[i], file); // cheap: catches truncation before reading
      }
      return FashionMnist.load(paths[0], paths[1], paths[2], paths[3], this);
    }

    private Found locate() {
      List<Location> locations =
          directory != null
              ? List.of(new Location("FashionMnist.builder().directory(...)", directory))
              : DataLocations.candidates(Catalogue.FASHION_MNIST);
      try {
        return DataLocations.find(Catalogue.FASHION_MNIST, locations);
      } catch (DatasetMissingException e) {
        if (!allowDownload || directory != null) {
          throw e;
        }
        Downloader.fetch(Catalogue.FASHION_MNIST);
        return DataLocations.find(Catalogue.FASHION_MNIST);
      }
    }

    private void checkSizes() {
      if (trainSize < 1 || validationSize < 1 || testSize < 1) {
        throw new IllegalArgumentException(
            "train, validation and test sizes must be >= 1 but were "
                + trainSize
                + " / "
                + validationSize
                + " / "
                + testSize);
      }
    }
  }

  /** Loads four IDX files (paths already located), checking them against each other. */
  static Splits load(
      Path trainImages, Path trainLabels, Path testImages, Path testLabels, Builder options) {
    IdxReader.Images trainX = IdxReader.readImages(trainImages);
    IdxReader.Labels trainY = IdxReader.readLabels(trainLabels);
    IdxReader.Images testX = IdxReader.readImages(testImages);
    IdxReader.Labels testY = IdxReader.readLabels(testLabels);
    checkPair(trainX, trainY, trainImages, trainLabels);
    checkPair(testX, testY, testImages, testLabels);
    if (options.trainSize + options.validationSize > trainX.count()) {
      throw new IllegalArgumentException(
          "trainSize + validationSize = "
              + (options.trainSize + options.validationSize)
              + " but there are only "
              + trainX.count()
              + " training images; make them smaller");
    }
    if (options.testSize > testX.count()) {
      throw new IllegalArgumentException(
          "testSize = "
              + options.testSize
              + " but there are only "
              + testX.count()
              + " test images");
    }
    // One seeded permutation of the training images: the first validationSize go to the
    // validation set, the next trainSize to the training set, so the two never overlap.
    int[] order = permutation(trainX.count(), options.seed);
    int[] validation = slice(order, 0, options.validationSize);
    int[] train = slice(order, options.validationSize, options.validationSize + options.trainSize);
    int[] test =
        options.testSize == testX.count()
            ? slice(identity(testX.count()), 0, options.testSize)
            : slice(permutation(testX.count(), options.seed + 1), 0, options.testSize);
    return new Splits(
        toDataset(trainX, trainY, train),
        toDataset(trainX, trainY, validation),
        toDataset(testX, testY, test));
  }

  private static void checkPair(
      IdxReader.Images images, IdxReader.Labels labels, Path imagesFile, Path labelsFile) {
    if (images.count() != labels.count()) {
      throw new DatasetCorruptException(
          labelsFile,
          "it holds "
              + labels.count()
              + " labels but "
              + imagesFile.getFileName()
              + " holds "
              + images.count()
              + " images; the two files must come from the same release");
    }
    byte[] y = labels.labels();
    for (int i = 0; i < y.length; i++) {
      if ((y[i] & 0xFF) >= LABEL_NAMES.size()) {
        throw new DatasetCorruptException(
            labelsFile, "label " + i + " is " + (y[i] & 0xFF) + " but classes are 0..9");
      }
    }
  }

  /** Builds {@code X [n, rows*cols]} in [0, 1] and one-hot {@code y [n, 10]} for the given rows. */
  private static Dataset toDataset(IdxReader.Images images, IdxReader.Labels labels, int[] rows) {
    int d = images.rows() * images.columns();
    int k = LABEL_NAMES.size();
    float[] scale = new float[256]; // byte value -> intensity in [0, 1]
    for (int v = 0; v < 256; v++) {
      scale[v] = v / 255f;
    }
    byte[] pixels = images.pixels();
    byte[] y = labels.labels();
    float[] x = new float[rows.length * d];
    float[] oneHot = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      int src = rows[i] * d;
      int dst = i * d;
      for (int j = 0; j < d; j++) {
        x[dst + j] = scale[pixels[src + j] & 0xFF];
      }
      oneHot[i * k + (y[rows[i]] & 0xFF)] = 1f;
    }
    INDArray features = Nd4j.createFromArray(x).reshape((long) rows.length, d);
    INDArray targets = Nd4j.createFromArray(oneHot).reshape((long) rows.length, k);
    return Dataset.of(features, targets, LABEL_NAMES);
  }

  static int[] permutation(int n, long seed) {
    int[] order = identity(n);
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private static int[] slice(int[] a, int from, int to) {
    return java.util.Arrays.copyOfRange(a, from, to);
  }
}
