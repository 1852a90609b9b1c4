package org.dlcourse.data;

import tech.tablesaw.api.Table;

/**
 * One-line loaders for the course's data sets; each reads the {@link Catalogue}.
 *
 * <pre>{@code
 * Splits data = Datasets.fashionMnist();   // data.train(), data.validation(), data.test()
 * Dataset iris = Datasets.iris();           // 150 x 4, 3 classes, raw measurements
 * }</pre>
 *
 * <p>The small tabular sets return their features <b>raw</b>, in the units of the file (e.g.
 * centimetres, micrometres); standardise them with statistics of the training part only ({@code
 * train.standardize()}, {@code test.standardizeLike(train)}), which is itself a lesson. Digits is
 * the exception: its pixel values 0..16 are scaled to [0, 1] like Fashion-MNIST's.
 */
public final class Datasets {

  private Datasets() {}

  /**
   * Fashion-MNIST as training (55,000), validation (5,000, fixed seed) and test (10,000) sets;
   * 2,000 / 500 / 1,000 in smoke mode. Features {@code [n, 784]} in [0, 1], float32; one-hot labels
   * {@code [n, 10]}. For other sizes use {@link FashionMnist#builder()}.
   *
   * @throws DatasetMissingException listing where it looked and the install command
   * @throws DatasetCorruptException naming a truncated or damaged file
   */
  public static Splits fashionMnist() {
    return FashionMnist.builder().load();
  }

  /** Iris: 150 flowers, 4 raw features in cm, classes setosa, versicolor, virginica. */
  public static Dataset iris() {
    return Tabular.load(Catalogue.IRIS).toDataset();
  }

  /**
   * Breast cancer Wisconsin (diagnostic): 569 tumours, 30 raw features, classes malignant (0) and
   * benign (1).
   */
  public static Dataset breastCancer() {
    return Tabular.load(Catalogue.BREAST_CANCER).toDataset();
  }

  /** Wine: 178 wines, 13 raw chemical measurements, classes class_0, class_1, class_2. */
  public static Dataset wine() {
    return Tabular.load(Catalogue.WINE).toDataset();
  }

  /**
   * Digits: 1,797 handwritten digits as 8x8 images, features {@code [n, 64]} scaled to [0, 1] (call
   * {@code .asImages(1, 8, 8)} to see them), classes "0" to "9".
   */
  public static Dataset digits() {
    return Tabular.load(Catalogue.DIGITS).toDataset();
  }

  /**
   * A shipped tabular data set as a Tablesaw table: one column per feature (named as in
   * scikit-learn) and a {@code label} column with the class names.
   *
   * @param name "iris", "breast-cancer", "wine" or "digits"
   */
  public static Table table(String name) {
    Catalogue.Entry entry = Catalogue.get(name);
    if (entry.source() != Catalogue.Source.SHIPPED) {
      throw new IllegalArgumentException(
          name + " is an image data set, not a table; use Datasets.fashionMnist()");
    }
    return Tabular.load(entry).toTable();
  }
}
