package org.dlcourse.series;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlcourse.data.DatasetCorruptException;

/**
 * A time series: values at increasing times (e.g. years), without gaps.
 *
 * <pre>{@code
 * Series sunspots = SeriesData.sunspots();   // 309 yearly values, 1700-2008
 * sunspots.values()[0];                      // 5.0, the year 1700
 * }</pre>
 *
 * @param name what it measures
 * @param time the time of each value, strictly increasing
 * @param values the values, all finite
 */
public record Series(String name, double[] time, double[] values) {

  /** Checks lengths, order and finiteness; keeps its own copies of the arrays. */
  public Series {
    if (time.length != values.length || values.length == 0) {
      throw new IllegalArgumentException(
          "a series needs one time per value and at least one value but had "
              + time.length
              + " times and "
              + values.length
              + " values");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || !Double.isFinite(time[i])) {
        throw new IllegalArgumentException(
            "value " + i + " of " + name + " is not a finite number: " + values[i]);
      }
      if (i > 0 && time[i] <= time[i - 1]) {
        throw new IllegalArgumentException(
            "times must increase but time " + i + " is " + time[i] + " after " + time[i - 1]);
      }
    }
    time = time.clone();
    values = values.clone();
  }

  /** The number of values. */
  public int size() {
    return values.length;
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * Reads a two-column CSV file with a header line ({@code "YEAR","SUNACTIVITY"}): time, value.
   *
   * @throws DatasetCorruptException naming the line that is not two numbers
   */
  public static Series readCsv(Path path, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",");
      try {
        rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
      } catch (RuntimeException e) {
        throw new DatasetCorruptException(
            path,
            "line " + (i + 1) + " should be two numbers \"time,value\" but is \"" + line + "\"");
      }
    }
    if (rows.isEmpty()) {
      throw new DatasetCorruptException(path, "it has a header but no values");
    }
    return new Series(
        name,
        rows.stream().mapToDouble(r -> r[0]).toArray(),
        rows.stream().mapToDouble(r -> r[1]).toArray());
  }

  /** The index of the first value at or after {@code t}. */
  public int indexOf(double t) {
    int i = Arrays.binarySearch(time, t);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "Series(%s, %d values, %s to %s)",
        name,
        values.length,
        format(time[0]),
        format(time[time.length - 1]));
  }

  private static String format(double t) {
    return t == Math.rint(t) ? String.valueOf((long) t) : String.valueOf(t);
  }
}
