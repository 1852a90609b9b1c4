package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped scikit-learn sets, loaded from the repository's datasets/ (tests run in lib/). */
class DatasetsTests {

  @Test
  void irisHas150FlowersOf4FeaturesIn3Species() {
    Dataset iris = Datasets.iris();
    assertEquals(150, iris.size());
    assertArrayEquals(new long[] {4}, iris.exampleShape());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.labelNames());
    assertEquals(5.1, iris.features().getDouble(0, 0), 1e-6); // first row of iris.csv, raw
    assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
  }

  @Test
  void breastCancerWineAndDigitsHaveTheirPublishedShapes() {
    Dataset cancer = Datasets.breastCancer();
    assertEquals(569, cancer.size());
    assertArrayEquals(new long[] {30}, cancer.exampleShape());
    assertEquals(List.of("malignant", "benign"), cancer.labelNames());
    assertArrayEquals(new int[] {212, 357}, cancer.classCounts());
    Dataset wine = Datasets.wine();
    assertEquals(178, wine.size());
    assertArrayEquals(new long[] {13}, wine.exampleShape());
    Dataset digits = Datasets.digits();
    assertEquals(1797, digits.size());
    assertArrayEquals(new long[] {64}, digits.exampleShape());
    assertEquals(1.0, digits.features().maxNumber().doubleValue(), 1e-6); // 16 / 16
  }

  @Test
  void tableHasOneColumnPerFeatureAndALabelColumn() {
    var table = Datasets.table("iris");
    assertEquals(150, table.rowCount());
    assertEquals(5, table.columnCount());
    assertEquals("sepal length (cm)", table.column(0).name());
    assertEquals("setosa", table.stringColumn("label").get(0));
    assertTrue(Datasets.table("breast-cancer").columnNames().contains("worst concave points"));
  }
}
