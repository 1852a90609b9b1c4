package org.dlcourse.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlcourse.data.DatasetCorruptException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesTests {

  @TempDir Path dir;

  @Test
  @DisplayName("a two-column CSV with a quoted header is read as times and values")
  void readsStatsmodelsCsv() throws Exception {
    Path csv = dir.resolve("s.csv");
    Files.writeString(csv, "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,11\n1702,16.5\n");
    Series s = Series.readCsv(csv, "test");
    assertArrayEquals(new double[] {1700, 1701, 1702}, s.time(), 0);
    assertArrayEquals(new double[] {5, 11, 16.5}, s.values(), 0);
    assertEquals(1, s.indexOf(1701));
    assertEquals(3, s.indexOf(1800));
    assertEquals("Series(test, 3 values, 1700 to 1702)", s.toString());
  }

  @Test
  void aDamagedLineIsNamed() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "YEAR,V\n1700,5\n1701,oops\n");
    var e = assertThrows(DatasetCorruptException.class, () -> Series.readCsv(csv, "bad"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void timesMustIncrease() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Series("x", new double[] {2, 1}, new double[] {0, 0}));
  }

  @Test
  @DisplayName("scaling uses the training part only and inverts exactly")
  void scalingRoundTrips() {
    double[] x = {1, 3, 100};
    Scaling s = Scaling.fit(x, 0, 2); // mean 2, std 1
    assertEquals(2, s.mean(), 1e-12);
    assertEquals(1, s.std(), 1e-12);
    assertArrayEquals(new double[] {-1, 1, 98}, s.apply(x), 1e-12);
    assertArrayEquals(x, s.invert(s.apply(x)), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Scaling.fit(new double[] {4, 4}, 0, 2));
  }
}
