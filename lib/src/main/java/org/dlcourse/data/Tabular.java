package org.dlcourse.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlcourse.data.Catalogue.Entry;
import org.dlcourse.data.DataLocations.Found;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads the small scikit-learn CSV files in {@code datasets/sklearn/} (iris, breast cancer, wine,
 * digits).
 *
 * <p>File layout (as in scikit-learn): iris, breast cancer and wine start with a header {@code
 * n,d,className0,className1,…} followed by {@code n} rows of {@code d} feature values and the class
 * index; digits has no header, each of its 1,797 rows is 64 pixel values (0..16) and the digit.
 */
final class Tabular {

  /**
   * A parsed file.
   *
   * @param name the data set's name
   * @param X features, one row per example
   * @param y class index per example
   * @param featureNames one name per column of {@code X}
   * @param labelNames one name per class
   */
  record Parsed(
      String name, double[][] X, int[] y, List<String> featureNames, List<String> labelNames) {

    Dataset toDataset() {
      return Dataset.of(X, y, labelNames);
    }

    Table toTable() {
      Table table = Table.create(name);
      for (int j = 0; j < featureNames.size(); j++) {
        double[] column = new double[X.length];
        for (int i = 0; i < X.length; i++) {
          column[i] = X[i][j];
        }
        table.addColumns(DoubleColumn.create(featureNames.get(j), column));
      }
      StringColumn label = StringColumn.create("label");
      for (int yi : y) {
        label.append(labelNames.get(yi));
      }
      return table.addColumns(label);
    }
  }

  static final List<String> IRIS_FEATURES =
      List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");

  static final List<String> WINE_FEATURES =
      List.of(
          "alcohol",
          "malic_acid",
          "ash",
          "alcalinity_of_ash",
          "magnesium",
          "total_phenols",
          "flavanoids",
          "nonflavanoid_phenols",
          "proanthocyanins",
          "color_intensity",
          "hue",
          "od280/od315_of_diluted_wines",
          "proline");

  static final List<String> BREAST_CANCER_FEATURES = breastCancerFeatures();

  private Tabular() {}

  /** Loads a shipped data set through the catalogue: locate, verify SHA-256, parse. */
  static Parsed load(Entry entry) {
    Found found = DataLocations.find(entry);
    Path path = found.file(entry.name());
    // These files are small (< 120 kB), so the full SHA-256 is checked on every load.
    Checksums.verify(path, entry.files().get(0));
    byte[] bytes = IdxReader.readAll(path); // gunzips digits.csv.gz
    if (entry == Catalogue.DIGITS) {
      return parseDigits(path, bytes);
    }
    List<String> features =
        entry == Catalogue.IRIS
            ? IRIS_FEATURES
            : entry == Catalogue.WINE ? WINE_FEATURES : BREAST_CANCER_FEATURES;
    return parseWithHeader(entry.name(), path, bytes, features);
  }

  /** Parses the header format {@code n,d,class names…}, then rows of d values and a class. */
  static Parsed parseWithHeader(String name, Path path, byte[] bytes, List<String> features) {
    List<String> lines = lines(path, bytes);
    if (lines.isEmpty()) {
      throw new DatasetCorruptException(path, "the file is empty");
    }
    String[] header = lines.get(0).split(",");
    int n;
    int d;
    try {
      n = Integer.parseInt(header[0].trim());
      d = Integer.parseInt(header[1].trim());
    } catch (RuntimeException e) {
      throw new DatasetCorruptException(
          path, "the first line should be \"n,d,class names…\" but is \"" + lines.get(0) + "\"");
    }
    List<String> labelNames = new ArrayList<>();
    for (int i = 2; i < header.length; i++) {
      labelNames.add(header[i].trim());
    }
    if (d != features.size()) {
      throw new DatasetCorruptException(
          path, "the header says " + d + " features but " + features.size() + " are expected");
    }
    if (lines.size() - 1 != n) {
      throw new DatasetCorruptException(
          path, "the header says " + n + " rows but the file has " + (lines.size() - 1));
    }
    return parseRows(name, path, lines.subList(1, lines.size()), d, features, labelNames, 1);
  }

  static Parsed parseDigits(Path path, byte[] bytes) {
    List<String> lines = lines(path, bytes);
    List<String> features = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        features.add("pixel_" + r + "_" + c);
      }
    }
    List<String> labelNames = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    Parsed raw = parseRows("digits", path, lines, 64, features, labelNames, 0);
    // Pixel values are 0..16 (number of "on" pixels in a 4x4 block); scale to [0, 1].
    for (double[] row : raw.X()) {
      for (int j = 0; j < row.length; j++) {
        row[j] /= 16.0;
      }
    }
    return raw;
  }

  private static Parsed parseRows(
      String name,
      Path path,
      List<String> rows,
      int d,
      List<String> features,
      List<String> labelNames,
      int firstLine) {
    double[][] X = new double[rows.size()][d];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] cells = rows.get(i).split(",");
      int lineNumber = i + 1 + firstLine;
      if (cells.length != d + 1) {
        throw new DatasetCorruptException(
            path,
            "line "
                + lineNumber
                + " has "
                + cells.length
                + " values but "
                + (d + 1)
                + " are expected ("
                + d
                + " features and the class)");
      }
      try {
        for (int j = 0; j < d; j++) {
          X[i][j] = Double.parseDouble(cells[j]);
        }
        y[i] = (int) Double.parseDouble(cells[d]);
      } catch (NumberFormatException e) {
        throw new DatasetCorruptException(path, "line " + lineNumber + " is not numeric", e);
      }
      if (y[i] < 0 || y[i] >= labelNames.size()) {
        throw new DatasetCorruptException(
            path,
            "line "
                + lineNumber
                + " has class "
                + y[i]
                + " but classes are 0.."
                + (labelNames.size() - 1));
      }
    }
    return new Parsed(name, X, y, features, labelNames);
  }

  private static List<String> lines(Path path, byte[] bytes) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank()) {
          lines.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
    return lines;
  }

  private static List<String> breastCancerFeatures() {
    String[] measures = {
      "radius",
      "texture",
      "perimeter",
      "area",
      "smoothness",
      "compactness",
      "concavity",
      "concave points",
      "symmetry",
      "fractal dimension"
    };
    List<String> names = new ArrayList<>();
    for (String prefix : new String[] {"mean ", "", "worst "}) {
      for (String m : measures) {
        names.add(prefix.isEmpty() ? m + " error" : prefix + m);
      }
    }
    return List.copyOf(names);
  }
}
