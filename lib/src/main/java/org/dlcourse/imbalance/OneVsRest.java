package org.dlcourse.imbalance;

import java.util.List;
import org.dlcourse.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A detector task from a multi-class data set: "is it class {@code c}?". With 10 balanced classes
 * the positives are about 10 %, an imbalanced binary problem on which always answering "no" is 90 %
 * accurate.
 *
 * <pre>{@code
 * Dataset shirts = OneVsRest.of(train, 6); // labels [n, 2]: 0 "not Shirt", 1 "Shirt"
 * }</pre>
 */
public final class OneVsRest {

  private OneVsRest() {}

  /** The same examples with labels {@code [n, 2]}: class 1 for class {@code c}, class 0 else. */
  public static Dataset of(Dataset data, int c) {
    Resampling.requireClass(data, c);
    int[] labels = data.labelIndices();
    INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, 2); // one-hot [n, 2]
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i] == c ? 1 : 0, 1f);
    }
    String name = data.labelNames().get(c);
    return Dataset.of(data.features(), y, List.of("not " + name, name));
  }
}
