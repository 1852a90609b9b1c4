package org.dlcourse.data;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.dlcourse.display.Rich;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A labelled data set held in memory: features {@code X} of shape {@code [n, ...]} and one-hot
 * labels {@code y} of shape {@code [n, k]}, with a name for each of the {@code k} classes.
 *
 * <p>Every operation returns a new {@code Dataset}; a {@code Dataset} is never changed in place.
 * Introduced in notebook 00 ({@code 00-setup}); minibatches in notebook 01.
 *
 * <pre>{@code
 * Dataset train = Datasets.fashionMnist().train().take(2_000).flatten(); // [2000, 784]
 * Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 1}}, new int[] {0, 1}, List.of("no", "yes"));
 * }</pre>
 */
public final class Dataset implements Rich {

  private final INDArray features; // [n, ...] float32
  private final INDArray labels; // [n, k] float32, one-hot
  private final List<String> labelNames; // k names

  private Dataset(INDArray features, INDArray labels, List<String> labelNames) {
    this.features = features;
    this.labels = labels;
    this.labelNames = labelNames;
  }

  /**
   * A data set from features {@code [n, ...]} and one-hot labels {@code [n, k]}.
   *
   * <p>Features and labels are converted to float32 if needed. {@code labelNames} has one name per
   * class ({@code k} names).
   *
   * @throws IllegalArgumentException if the shapes do not agree
   */
  public static Dataset of(INDArray features, INDArray labels, List<String> labelNames) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    Objects.requireNonNull(labelNames, "labelNames must not be null; use Dataset.of(X, y)");
    if (features.rank() < 2) {
      throw new IllegalArgumentException(
          "expected features of shape [n, ...] (one row per example) but got "
              + Arrays.toString(features.shape())
              + "; for a single feature per example use X.reshape(n, 1)");
    }
    long n = features.size(0);
    if (labels.rank() != 2 || labels.size(0) != n) {
      throw new IllegalArgumentException(
          "expected labels of shape [n, k] with n = "
              + n
              + " but got "
              + Arrays.toString(labels.shape())
              + "; labels are one-hot rows, one per example (features have shape "
              + Arrays.toString(features.shape())
              + ")");
    }
    if (labels.size(1) != labelNames.size()) {
      throw new IllegalArgumentException(
          "expected "
              + labels.size(1)
              + " label names (one per label column) but got "
              + labelNames.size()
              + ": "
              + labelNames);
    }
    if (n == 0) {
      throw new IllegalArgumentException("a data set needs at least one example but got n = 0");
    }
    INDArray X = features.dataType() == DataType.FLOAT ? features : features.castTo(DataType.FLOAT);
    INDArray y = labels.dataType() == DataType.FLOAT ? labels : labels.castTo(DataType.FLOAT);
    requireOneHot(y);
    return new Dataset(X, y, List.copyOf(labelNames));
  }

  /** A data set whose classes are named "0", "1", …, "k-1". */
  public static Dataset of(INDArray features, INDArray labels) {
    Objects.requireNonNull(labels, "labels must not be null");
    int k = labels.rank() == 2 ? (int) labels.size(1) : 0;
    return of(features, labels, defaultNames(k));
  }

  /**
   * A small data set from rows of numbers and class indices, for examples made by hand.
   *
   * <pre>{@code
   * Dataset xor = Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
   *     new int[] {0, 1, 1, 0}, List.of("0", "1"));
   * }</pre>
   *
   * @param X one row of features per example, all rows the same length
   * @param y the class index of each example, in {@code [0, labelNames.size())}
   */
  public static Dataset of(double[][] X, int[] y, List<String> labelNames) {
    Objects.requireNonNull(X, "X must not be null");
    Objects.requireNonNull(y, "y must not be null");
    Objects.requireNonNull(labelNames, "labelNames must not be null");
    if (X.length != y.length) {
      throw new IllegalArgumentException(
          "expected one label per row of X: X has " + X.length + " rows but y has " + y.length);
    }
    if (X.length == 0) {
      throw new IllegalArgumentException("a data set needs at least one example but X is empty");
    }
    int d = X[0].length;
    for (int i = 0; i < X.length; i++) {
      if (X[i].length != d) {
        throw new IllegalArgumentException(
            "expected every row of X to have "
                + d
                + " values but row "
                + i
                + " has "
                + X[i].length);
      }
    }
    int k = labelNames.size();
    float[][] oneHot = new float[y.length][k];
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= k) {
        throw new IllegalArgumentException(
            "expected class indices in [0, "
                + k
                + ") (one per label name) but y["
                + i
                + "] = "
                + y[i]);
      }
      oneHot[i][y[i]] = 1f;
    }
    return of(Nd4j.create(X).castTo(DataType.FLOAT), Nd4j.create(oneHot), labelNames);
  }

  /** A data set from rows of numbers and class indices, classes named "0", "1", …. */
  public static Dataset of(double[][] X, int[] y) {
    int max = -1;
    for (int label : y) {
      max = Math.max(max, label);
    }
    return of(X, y, defaultNames(max + 1));
  }

  // ---------------------------------------------------------------- accessors

  /** The features {@code X}, shape {@code [n, ...]}, float32. Do not modify in place. */
  public INDArray features() {
    return features;
  }

  /** The one-hot labels {@code y}, shape {@code [n, k]}, float32. Do not modify in place. */
  public INDArray labels() {
    return labels;
  }

  /** The name of each class, in label-column order. */
  public List<String> labelNames() {
    return labelNames;
  }

  /** The number of examples {@code n}. */
  public int size() {
    return (int) features.size(0);
  }

  /** The number of classes {@code k}. */
  public int numClasses() {
    return (int) labels.size(1);
  }

  /** The shape of one example, e.g. {@code [784]} or {@code [1, 28, 28]}. */
  public long[] exampleShape() {
    long[] shape = features.shape();
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  /** The number of values in one example, e.g. 784 for a 28×28 image. */
  public long exampleSize() {
    long size = 1;
    for (long s : exampleShape()) {
      size *= s;
    }
    return size;
  }

  /** The class index of each example (the position of the 1 in each one-hot row). */
  public int[] labelIndices() {
    return labels.argMax(1).toIntVector();
  }

  /** The number of examples of each class, in label-column order. */
  public int[] classCounts() {
    int[] counts = new int[numClasses()];
    for (int label : labelIndices()) {
      counts[label]++;
    }
    return counts;
  }

  // ---------------------------------------------------------------- selecting examples

  /** The first {@code n} examples (all of them if there are fewer). */
  public Dataset take(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("take(n) needs n >= 1 but got n = " + n);
    }
    return subset(0, Math.min(n, size()));
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
  public Dataset subset(int from, int to) {
    if (from < 0 || to > size() || from >= to) {
      throw new IllegalArgumentException(
          "expected 0 <= from < to <= "
              + size()
              + " (the number of examples) but got from = "
              + from
              + ", to = "
              + to);
    }
    return new Dataset(
        rows(features, from, to).dup(),
        labels.get(NDArrayIndex.interval(from, to)).dup(),
        labelNames);
  }

  /** The same examples in a random order; the same seed gives the same order. */
  public Dataset shuffle(long seed) {
    return select(permutation(size(), seed));
  }

  /** The examples at the given positions, in that order. */
  public Dataset select(int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= size()) {
        throw new IllegalArgumentException(
            "expected example indices in [0, " + size() + ") but got " + i);
      }
    }
    if (indices.length == 0) {
      throw new IllegalArgumentException("select(indices) needs at least one index");
    }
    return new Dataset(gatherRows(features, indices), gatherRows(labels, indices), labelNames);
  }

  /** A random split into two parts; {@code first} holds {@code fraction} of the examples. */
  public Split split(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "split(fraction, seed) needs 0 < fraction < 1 but got " + fraction);
    }
    int cut = (int) Math.round(fraction * size());
    if (cut == 0 || cut == size()) {
      throw new IllegalArgumentException(
          "split("
              + fraction
              + ") of "
              + size()
              + " examples leaves one part empty; use a larger data set or another fraction");
    }
    Dataset shuffled = shuffle(seed);
    return new Split(shuffled.subset(0, cut), shuffled.subset(cut, size()));
  }

  /** The two parts of {@link #split(double, long)}. */
  public record Split(Dataset first, Dataset second) {}

  // ---------------------------------------------------------------- reshaping and scaling

  /**
   * The same examples as images of shape {@code [n, channels, height, width]}.
   *
   * @throws IllegalArgumentException if {@code channels * height * width} is not the example size
   */
  public Dataset asImages(int channels, int height, int width) {
    long wanted = (long) channels * height * width;
    if (channels <= 0 || height <= 0 || width <= 0 || wanted != exampleSize()) {
      throw new IllegalArgumentException(
          "cannot view examples of shape "
              + Arrays.toString(exampleShape())
              + " ("
              + exampleSize()
              + " values) as images [channels = "
              + channels
              + ", height = "
              + height
              + ", width = "
              + width
              + "] ("
              + wanted
              + " values); for Fashion-MNIST use asImages(1, 28, 28)");
    }
    // [n, ...] -> [n, channels, height, width], same values in row-major order
    return new Dataset(features.reshape('c', size(), channels, height, width), labels, labelNames);
  }

  /** The same examples flattened to vectors: {@code [n, ...]} becomes {@code [n, d]}. */
  public Dataset flatten() {
    if (features.rank() == 2) {
      return this;
    }
    return new Dataset(features.reshape('c', size(), exampleSize()), labels, labelNames);
  }

  /** The features multiplied by {@code factor}, e.g. {@code scale(1.0 / 255)} for pixels. */
  public Dataset scale(double factor) {
    return new Dataset(features.mul(factor), labels, labelNames);
  }

  /** The features rescaled to {@code [0, 1]} using the smallest and largest value overall. */
  public Dataset normalize() {
    double min = features.minNumber().doubleValue();
    double max = features.maxNumber().doubleValue();
    if (max == min) {
      throw new IllegalStateException(
          "cannot normalize: every feature value is " + min + " (max equals min)");
    }
    // x' = (x - min) / (max - min)
    return new Dataset(features.sub(min).divi(max - min), labels, labelNames);
  }

  /**
   * The features standardised with this data set's own statistics: every feature gets mean 0 and
   * standard deviation 1.
   *
   * <p>Standardise validation and test sets with the training set's statistics: {@code
   * test.standardizeLike(train)}.
   */
  public Dataset standardize() {
    return standardizeLike(this);
  }

  /**
   * The features standardised with the per-feature mean and standard deviation of {@code
   * reference}.
   */
  public Dataset standardizeLike(Dataset reference) {
    requireCompatible(reference, "reference data set");
    INDArray flat = features.reshape('c', size(), exampleSize()); // [n, d]
    INDArray ref = reference.features.reshape('c', reference.size(), reference.exampleSize());
    INDArray mean = ref.mean(0); // [d]
    // a constant feature has std 0: divide by 1 instead so it becomes 0, not NaN
    INDArray std = ref.std(false, 0).addi(1e-7); // [d]
    INDArray standardized = flat.subRowVector(mean).diviRowVector(std); // (x - mean) / std
    return new Dataset(standardized.reshape('c', features.shape()), labels, labelNames);
  }

  // ---------------------------------------------------------------- minibatches

  /**
   * The examples in minibatches of {@code batchSize} as a DL4J iterator (the last batch may be
   * smaller); with {@code shuffle}, each pass ({@code reset()}) visits them in a new random order
   * drawn from {@code seed}.
   */
  public DataSetIterator batches(int batchSize, boolean shuffle, long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    return new Minibatches(this, batchSize, shuffle, seed, false);
  }

  /**
   * Like {@link #batches(int, boolean, long)}, but every shuffled minibatch is gathered into the
   * same two arrays (one pair per minibatch size): a minibatch is valid only until the next call to
   * {@code next()}. For training loops that finish a step before they ask for the next minibatch,
   * as {@code Trainer} does. A fresh {@code [128, 784]} minibatch is 400 KB of new native memory
   * every step; the operating system hands it over page by page (about 150 page faults a step),
   * which measured here cost up to half of the MLP's training time.
   */
  public DataSetIterator batchesInPlace(int batchSize, boolean shuffle, long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    return new Minibatches(this, batchSize, shuffle, seed, true);
  }

  // ---------------------------------------------------------------- checks

  /**
   * Checks that {@code other} has the same example shape and classes as this data set.
   *
   * @param what names {@code other} in the message, e.g. "validation set"
   */
  public void requireCompatible(Dataset other, String what) {
    Objects.requireNonNull(other, what + " must not be null");
    if (!Arrays.equals(exampleShape(), other.exampleShape())) {
      throw new IllegalArgumentException(
          "expected the "
              + what
              + " to have examples of shape "
              + Arrays.toString(exampleShape())
              + " like this data set but got "
              + Arrays.toString(other.exampleShape())
              + "; apply the same flatten()/asImages(...) to both");
    }
    if (!labelNames.equals(other.labelNames)) {
      throw new IllegalArgumentException(
          "expected the "
              + what
              + " to have classes "
              + labelNames
              + " but got "
              + other.labelNames);
    }
  }

  // ---------------------------------------------------------------- printing

  @Override
  public String toString() {
    return "Dataset["
        + size()
        + " examples, shape "
        + Arrays.toString(exampleShape())
        + ", "
        + numClasses()
        + " classes]";
  }

  /** A small summary table: the number of examples of each class. */
  @Override
  public String html() {
    int[] counts = classCounts();
    StringBuilder sb = new StringBuilder();
    sb.append("<div><b>Dataset</b>: ")
        .append(size())
        .append(" examples, shape ")
        .append(Arrays.toString(exampleShape()))
        .append(", ")
        .append(numClasses())
        .append(" classes")
        .append("<table><tr><th>class</th><th>examples</th></tr>");
    for (int c = 0; c < counts.length; c++) {
      sb.append("<tr><td>")
          .append(escape(labelNames.get(c)))
          .append("</td><td>")
          .append(counts[c])
          .append("</td></tr>");
    }
    return sb.append("</table></div>").toString();
  }

  // ---------------------------------------------------------------- helpers

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static List<String> defaultNames(int k) {
    List<String> names = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return Collections.unmodifiableList(names);
  }

  private static void requireOneHot(INDArray y) {
    // every row of a one-hot (or probability) label matrix is >= 0 and sums to 1
    double min = y.minNumber().doubleValue();
    INDArray rowSums = y.sum(1); // [n]
    double worst = rowSums.sub(1.0).amaxNumber().doubleValue(); // max |rowSum - 1|
    if (min < 0 || worst > 1e-3) {
      throw new IllegalArgumentException(
          "expected one-hot labels (each row of y has a single 1 and 0 elsewhere) but a row sums"
              + " to 1 ± "
              + worst
              + " or holds a negative value; from class indices use Dataset.of(X, indices,"
              + " names) or Nd4j one-hot encoding");
    }
  }

  static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) { // Fisher–Yates
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static INDArray rows(INDArray a, int from, int to) {
    // interval on the first axis, all of the others
    INDArray flat = a.reshape('c', a.size(0), a.length() / a.size(0)); // [n, d]
    long[] shape = a.shape().clone();
    shape[0] = to - from;
    return flat.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).reshape('c', shape);
  }

  static INDArray gatherRows(INDArray a, int[] indices) {
    // [n, ...] -> [n, d] -> pick rows -> [len(indices), ...]
    long[] shape = a.shape().clone();
    shape[0] = indices.length;
    if (wholeFloatRows(a)) {
      return copyRows(a, indices, shape);
    }
    INDArray flat = a.reshape('c', a.size(0), a.length() / a.size(0));
    INDArray picked = Nd4j.pullRows(flat, 1, indices); // [m, d]
    return picked.reshape('c', shape);
  }

  /**
   * The rows of a whole row-major FLOAT array, one bulk buffer-to-buffer copy per row: a
   * minibatch's gather each training step, several times faster here than {@code Nd4j.pullRows}
   * (18% of the MLP's training time in a profile).
   */
  private static INDArray copyRows(INDArray a, int[] indices, long[] shape) {
    return copyRows(a, indices, Nd4j.createUninitialized(DataType.FLOAT, shape, 'c'));
  }

  /** {@link #copyRows(INDArray, int[], long[])} into {@code out}, a whole FLOAT array. */
  static INDArray copyRows(INDArray a, int[] indices, INDArray out) {
    int n = (int) a.size(0);
    int d = (int) (a.length() / n);
    FloatBuffer source = a.data().asNioFloat();
    FloatBuffer target = out.data().asNioFloat();
    for (int i = 0; i < indices.length; i++) {
      int row = indices[i];
      if (row < 0 || row >= n) {
        throw new IndexOutOfBoundsException("row " + row + " of " + n);
      }
      target.put(i * d, source, row * d, d);
    }
    return out;
  }

  /** A whole FLOAT array in row-major order from the start of its own buffer, under 2^31 values. */
  static boolean wholeFloatRows(INDArray a) {
    return a.dataType() == DataType.FLOAT
        && a.rank() >= 1
        && a.size(0) > 0
        && a.ordering() == 'c'
        && a.elementWiseStride() == 1 // contiguous in row-major order
        && a.offset() == 0
        && a.data().length() == a.length()
        && a.length() < Integer.MAX_VALUE;
  }
}
