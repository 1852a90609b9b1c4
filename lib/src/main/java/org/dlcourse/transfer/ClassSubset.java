package org.dlcourse.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlcourse.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples of some classes only, relabelled {@code 0..m-1}: splits one data set into a source
 * task and a target task with disjoint classes (e.g. Fashion-MNIST classes 0–4 and 5–9). Used in
 * notebook 08 ({@code 08-transfer-learning}).
 *
 * <pre>{@code
 * Dataset shoesAndBags = ClassSubset.of(fashion.test(), 5, 6, 7, 8, 9); // labels [n, 5]
 * }</pre>
 */
public final class ClassSubset {

  private ClassSubset() {}

  /**
   * The examples of {@code data} whose class is one of {@code classes}, in their original order;
   * class {@code classes[j]} becomes class {@code j}, keeping its name.
   */
  public static Dataset of(Dataset data, int... classes) {
    if (classes.length < 2) {
      throw new IllegalArgumentException(
          "a classification task needs at least 2 classes but got " + Arrays.toString(classes));
    }
    int[] newIndex = new int[data.numClasses()];
    Arrays.fill(newIndex, -1);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < classes.length; j++) {
      int c = classes[j];
      if (c < 0 || c >= data.numClasses() || newIndex[c] >= 0) {
        throw new IllegalArgumentException(
            "expected distinct classes in [0, "
                + data.numClasses()
                + ") but got "
                + Arrays.toString(classes));
      }
      newIndex[c] = j;
      names.add(data.labelNames().get(c));
    }
    int[] labels = data.labelIndices();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (newIndex[labels[i]] >= 0) {
        kept.add(i);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "no example of classes " + Arrays.toString(classes) + " in this data set");
    }
    Dataset subset = data.select(kept.stream().mapToInt(Integer::intValue).toArray());
    // new one-hot labels [n, m]: row i has its 1 in column newIndex[old class]
    int[] old = subset.labelIndices();
    INDArray y = Nd4j.zeros(DataType.FLOAT, old.length, classes.length);
    for (int i = 0; i < old.length; i++) {
      y.putScalar(i, newIndex[old[i]], 1f);
    }
    return Dataset.of(subset.features(), y, names);
  }
}
