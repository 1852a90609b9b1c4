package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class DatasetTests {

  /** n examples of 784 values; example i is filled with the value i, its class is i % 10. */
  private static Dataset numbered(int n) {
    INDArray X = Nd4j.create(DataType.FLOAT, n, 784);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      X.getRow(i).assign(i);
      y.putScalar(i, i % 10, 1);
    }
    return Dataset.of(X, y);
  }

  @Test
  void labelsWithTheWrongNumberOfRowsAreRejectedWithBothShapes() {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 2000, 784);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 1999, 10);
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(X, y));
    assertTrue(
        e.getMessage()
            .startsWith("expected labels of shape [n, k] with n = 2000 but got [1999, 10];"),
        e.getMessage());
  }

  @Test
  void labelNamesMustMatchTheLabelColumns() {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 3, 2);
    INDArray y = Nd4j.eye(3).castTo(DataType.FLOAT);
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(X, y, List.of("a", "b")));
    assertTrue(e.getMessage().contains("expected 3 label names"), e.getMessage());
  }

  @Test
  void labelsThatAreNotOneHotAreRejected() {
    INDArray X = Nd4j.zeros(DataType.FLOAT, 2, 2);
    INDArray y = Nd4j.createFromArray(new float[][] {{1, 1}, {0, 1}});
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(X, y));
    assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
  }

  @Test
  void classIndexOutOfRangeIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dataset.of(new double[][] {{0}, {1}}, new int[] {0, 2}, List.of("a", "b")));
    assertTrue(e.getMessage().contains("y[1] = 2"), e.getMessage());
  }

  @Test
  void handMadeDataIsOneHotFloat32() {
    Dataset d = Dataset.of(new double[][] {{0, 1}, {2, 3}, {4, 5}}, new int[] {1, 0, 1});
    assertEquals(DataType.FLOAT, d.features().dataType());
    assertArrayEquals(new int[] {1, 0, 1}, d.labelIndices());
    assertEquals(List.of("0", "1"), d.labelNames());
    assertArrayEquals(new long[] {2}, d.exampleShape());
    assertEquals("Dataset[3 examples, shape [2], 2 classes]", d.toString());
  }

  @Test
  void asImagesAndFlattenAreInverse() {
    Dataset flat = numbered(5);
    Dataset images = flat.asImages(1, 28, 28);
    assertArrayEquals(new long[] {1, 28, 28}, images.exampleShape());
    assertEquals(3.0, images.features().getDouble(3, 0, 27, 27));
    assertEquals(flat.features(), images.flatten().features());
    assertEquals("Dataset[5 examples, shape [1, 28, 28], 10 classes]", images.toString());
  }

  @Test
  void asImagesOfTheWrongSizeSaysWhatFits() {
    var e = assertThrows(IllegalArgumentException.class, () -> numbered(2).asImages(3, 28, 28));
    assertTrue(e.getMessage().contains("cannot view examples of shape [784]"), e.getMessage());
    assertTrue(e.getMessage().contains("2352 values"), e.getMessage());
  }

  @Test
  void shuffleKeepsEachExampleWithItsLabelAndRepeatsWithTheSeed() {
    Dataset d = numbered(50);
    Dataset a = d.shuffle(7);
    Dataset b = d.shuffle(7);
    assertEquals(a.features(), b.features());
    assertFalse(a.features().equals(d.features()));
    int[] labels = a.labelIndices();
    for (int i = 0; i < a.size(); i++) {
      int original = (int) a.features().getDouble(i, 0);
      assertEquals(original % 10, labels[i]);
    }
  }

  @Test
  void takeSubsetAndSplitSelectTheRightExamples() {
    Dataset d = numbered(20);
    assertEquals(5, d.take(5).size());
    assertEquals(20, d.take(100).size());
    Dataset middle = d.subset(5, 8);
    assertEquals(5.0, middle.features().getDouble(0, 0));
    assertEquals(7.0, middle.features().getDouble(2, 0));
    Dataset.Split parts = d.split(0.75, 1);
    assertEquals(15, parts.first().size());
    assertEquals(5, parts.second().size());
    var e = assertThrows(IllegalArgumentException.class, () -> d.subset(5, 30));
    assertTrue(e.getMessage().contains("0 <= from < to <= 20"), e.getMessage());
  }

  @Test
  void batchesVisitEveryExampleOncePerPassInANewOrder() {
    Dataset d = numbered(10);
    DataSetIterator it = d.batches(4, true, 3);
    Set<Integer> seen = new HashSet<>();
    StringBuilder firstOrder = new StringBuilder();
    int batches = 0;
    while (it.hasNext()) {
      DataSet batch = it.next();
      batches++;
      for (int i = 0; i < batch.numExamples(); i++) {
        int value = (int) batch.getFeatures().getDouble(i, 0);
        seen.add(value);
        firstOrder.append(value).append(',');
        assertEquals(value % 10, batch.getLabels().argMax(1).getInt(i));
      }
    }
    assertEquals(3, batches); // 4 + 4 + 2
    assertEquals(10, seen.size());
    it.reset();
    StringBuilder secondOrder = new StringBuilder();
    while (it.hasNext()) {
      DataSet batch = it.next();
      for (int i = 0; i < batch.numExamples(); i++) {
        secondOrder.append((int) batch.getFeatures().getDouble(i, 0)).append(',');
      }
    }
    assertFalse(firstOrder.toString().equals(secondOrder.toString()));
  }

  @Test
  void inPlaceBatchesEqualFreshOnesAndReuseTheirArrays() {
    Dataset d = numbered(10).asImages(1, 28, 28); // [10, 1, 28, 28]: rank 4 as for images
    DataSetIterator fresh = d.batches(4, true, 3);
    DataSetIterator inPlace = d.batchesInPlace(4, true, 3);
    for (int pass = 0; pass < 2; pass++) { // the second pass: a new order, the same arrays
      fresh.reset();
      inPlace.reset();
      INDArray firstFull = null;
      int batches = 0;
      while (fresh.hasNext()) {
        DataSet a = fresh.next();
        DataSet b = inPlace.next();
        assertEquals(a.getFeatures(), b.getFeatures(), "pass " + pass + " batch " + batches);
        assertEquals(a.getLabels(), b.getLabels());
        assertArrayEquals(new long[] {a.numExamples(), 1, 28, 28}, b.getFeatures().shape());
        if (b.numExamples() == 4) { // 4 + 4 + 2: the two full minibatches share one array
          if (firstFull == null) {
            firstFull = b.getFeatures();
          } else {
            assertSame(firstFull, b.getFeatures(), "a full minibatch got a new array");
          }
        }
        batches++;
      }
      assertFalse(inPlace.hasNext());
      assertEquals(3, batches);
    }
    fresh.reset(); // fresh minibatches are the caller's to keep
    DataSet first = fresh.next();
    assertNotSame(first.getFeatures(), fresh.next().getFeatures());
  }

  @Test
  void aPreprocessorNeverChangesTheDataSetItReads() {
    Dataset d = numbered(6);
    INDArray before = d.features().dup();
    DataSetIterator inOrder = d.batches(4, false, 0);
    inOrder.setPreProcessor(batch -> batch.getFeatures().muli(100));
    assertEquals(100.0, inOrder.next().getFeatures().getDouble(1, 0), 1e-6);
    assertEquals(before, d.features(), "the preprocessor scaled the data set's own rows");
  }

  @Test
  void standardizeGivesEachFeatureMeanZeroAndStdOne() {
    Dataset d = Dataset.of(new double[][] {{1, 10}, {3, 30}, {5, 50}}, new int[] {0, 1, 0});
    INDArray s = d.standardize().features();
    assertEquals(0.0, s.mean(0).getDouble(1), 1e-5);
    assertEquals(1.0, s.std(false, 0).getDouble(0), 1e-4);
    INDArray n = d.normalize().features();
    assertEquals(0.0, n.minNumber().doubleValue(), 1e-6);
    assertEquals(1.0, n.maxNumber().doubleValue(), 1e-6);
  }

  @Test
  void splitsRejectSetsOfDifferentShapes() {
    Dataset flat = numbered(4);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new Splits(flat, null, flat.asImages(1, 28, 28)));
    assertTrue(
        e.getMessage().contains("call") || e.getMessage().contains("flatten"), e.getMessage());
  }

  @Test
  void htmlCountsExamplesPerClass() {
    Dataset d =
        Dataset.of(new double[][] {{0}, {1}, {2}}, new int[] {1, 1, 0}, List.of("cat", "dog"));
    assertArrayEquals(new int[] {1, 2}, d.classCounts());
    assertTrue(d.html().contains("<td>dog</td><td>2</td>"), d.html());
  }

  /**
   * The row gather behind shuffled minibatches: the bulk-copy path (whole row-major float arrays)
   * and the pullRows path (anything else) pick the same rows, and an index out of range is refused.
   */
  @Test
  void gatherRowsPicksTheSameRowsOnEveryPath() {
    Nd4j.getRandom().setSeed(5);
    INDArray images = Nd4j.rand(DataType.FLOAT, 50, 1, 4, 3); // whole, c order: bulk copies
    int[] picked = {7, 0, 49, 7, 23};
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 1, 4, 3);
    for (int i = 0; i < picked.length; i++) {
      expected.putSlice(i, images.slice(picked[i]));
    }
    assertEquals(expected, Dataset.gatherRows(images, picked));
    INDArray fOrder = images.reshape(50, 12).dup('f'); // not row-major: pullRows
    assertEquals(expected.reshape(5, 12), Dataset.gatherRows(fOrder, picked));
    INDArray doubles = images.castTo(DataType.DOUBLE);
    assertEquals(expected.castTo(DataType.DOUBLE), Dataset.gatherRows(doubles, picked)); // pullRows
    INDArray view = Dataset.rows(images, 10, 40); // a view at an offset: pullRows
    assertEquals(images.slice(17), Dataset.gatherRows(view, new int[] {7}).slice(0));
    assertThrows(IndexOutOfBoundsException.class, () -> Dataset.gatherRows(images, new int[] {50}));
  }
}
