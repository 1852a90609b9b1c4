package org.dlcourse.shortcuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dlcourse.data.Dataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ShortcutTests {

  private static final CornerCue CUE = CornerCue.of(3); // rows and columns 1..3

  /** n grey images [n, 1, 8, 8] of value 0.25; example i has class i % 2. */
  private static Dataset greyImages(int n) {
    INDArray X = Nd4j.valueArrayOf(new long[] {n, 1, 8, 8}, 0.25f);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, i % 2, 1);
    }
    return Dataset.of(X, y, List.of("even", "odd"));
  }

  /** Whether example i carries the mark: all 9 cue pixels are 1. */
  private static boolean marked(Dataset d, int i) {
    for (int r = 1; r <= 3; r++) {
      for (int c = 1; c <= 3; c++) {
        if (d.features().getDouble(i, 0, r, c) != 1.0) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  @DisplayName("with agreement 1 exactly the cue class is marked; reversed, exactly the others")
  void plantAndReverse() {
    Dataset data = greyImages(10);
    Dataset cued = Shortcut.plant(data, CUE, 1, 1.0, 5);
    Dataset reversed = Shortcut.reverse(data, CUE, 1);
    for (int i = 0; i < 10; i++) {
      assertEquals(i % 2 == 1, marked(cued, i), "cued example " + i);
      assertEquals(i % 2 == 0, marked(reversed, i), "reversed example " + i);
      // nothing outside the mark changes
      assertEquals(0.25, cued.features().getDouble(i, 0, 0, 0), 1e-7);
      assertEquals(0.25, cued.features().getDouble(i, 0, 4, 4), 1e-7);
    }
    assertEquals(0.25, data.features().maxNumber().doubleValue(), 1e-7); // input unchanged
  }

  @Test
  @DisplayName("with agreement 0.8 about 80% of the cue class and 20% of the rest are marked")
  void partialAgreement() {
    Dataset cued = Shortcut.plant(greyImages(4000), CUE, 0, 0.8, 11);
    int markedEven = 0;
    int markedOdd = 0;
    for (int i = 0; i < 4000; i++) {
      if (marked(cued, i)) {
        if (i % 2 == 0) {
          markedEven++;
        } else {
          markedOdd++;
        }
      }
    }
    // binomial(2000, 0.8): sd ~ 18, so +-60 is more than 3 sd
    assertEquals(1600, markedEven, 60);
    assertEquals(400, markedOdd, 60);
  }

  @Test
  @DisplayName("removing the cue sets its 9 pixels to background and nothing else")
  void remove() {
    Dataset removed = Shortcut.remove(Shortcut.plant(greyImages(4), CUE, 1, 1.0, 1), CUE);
    INDArray x = removed.features();
    assertEquals(0.25 * (64 - 9) * 4, x.sumNumber().doubleValue(), 1e-4);
    assertEquals(0.0, x.getDouble(1, 0, 2, 2), 0);
  }

  @Test
  @DisplayName("mass share: 1 for a map inside the cue, the area share for a flat map")
  void massShare() {
    INDArray maps = Nd4j.zeros(DataType.FLOAT, 3, 1, 8, 8);
    maps.putScalar(new long[] {0, 0, 2, 2}, 5f); // all inside
    maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(1.0); // flat
    double[] share = CUE.massShare(maps);
    assertEquals(1.0, share[0], 1e-6);
    assertEquals(CUE.areaShare(8, 8), share[1], 1e-6);
    assertEquals(9.0 / 64, CUE.areaShare(8, 8), 1e-12);
    assertEquals(0.0, share[2], 0); // an all-zero map
  }

  @Test
  @DisplayName("bad input names what was expected")
  void badInput() {
    Dataset data = greyImages(4);
    var cls =
        assertThrows(IllegalArgumentException.class, () -> Shortcut.plant(data, CUE, 2, 1, 0));
    assertTrue(cls.getMessage().contains("[0, 2)") && cls.getMessage().contains("odd"));
    assertThrows(IllegalArgumentException.class, () -> Shortcut.plant(data, CUE, 0, 1.2, 0));
    var shape =
        assertThrows(
            IllegalArgumentException.class, () -> CUE.erase(Nd4j.zeros(DataType.FLOAT, 4, 64)));
    assertTrue(shape.getMessage().contains("[4, 64]"));
    assertThrows(IllegalArgumentException.class, () -> new CornerCue(0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> CUE.stamp(data.features(), new boolean[] {true}));
  }
}
