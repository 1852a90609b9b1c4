package org.dlcourse.grading.grades;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.run.SubmissionResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The gradebook of one problem set: one row per student with points per question and the total,
 * manual grades from {@code overrides.csv} applied, per-question statistics (mean, median, min,
 * highest, count and fraction at full marks) and a score histogram.
 *
 * <p>Every cell that a spreadsheet could read as a formula (starting with {@code = + - @}, tab or
 * carriage return) is prefixed with an apostrophe.
 */
public final class Gradebook {
  /** The manual-grade file the grader creates once and never overwrites. */
  public static final String OVERRIDES = "overrides.csv";

  private Gradebook() {}

  /** Where each student's scores live: {@code <out>/<student>/scores.properties}. */
  static void writeScores(Path dir, SubmissionResult r, Manifest manifest) throws IOException {
    StringBuilder s = new StringBuilder("# points per question, from the grader's manifest\n");
    r.byQuestion(manifest).forEach((q, v) -> s.append(q).append('=').append(v).append('\n'));
    s.append("total=").append(r.score()).append('\n');
    s.append("max=").append(r.maxScore()).append('\n');
    AtomicFiles.write(dir.resolve("scores.properties"), s.toString());
  }

  /** Builds gradebook.csv, summary.csv and histogram.png from the graded submissions in out. */
  public static Table write(Path out, Manifest manifest) throws IOException {
    Path overrides = out.resolve(OVERRIDES);
    if (!Files.exists(overrides)) {
      AtomicFiles.write(overrides, "student,question,points,comment\n");
    }
    Map<String, Map<String, Double>> rows = new TreeMap<>();
    List<String> questions = new ArrayList<>(manifest.questions().keySet());
    try (Stream<Path> dirs = Files.list(out)) {
      for (Path d : dirs.sorted().toList()) {
        Path f = d.resolve("scores.properties");
        if (!Files.isRegularFile(f)) {
          continue;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        Map<String, Double> row = new LinkedHashMap<>();
        for (String q : questions) {
          row.put(q, Double.parseDouble(p.getProperty(q, "0")));
        }
        rows.put(d.getFileName().toString(), row);
      }
    }
    Map<String, Double> max = new LinkedHashMap<>(manifest.questions());
    for (String[] o : readOverrides(overrides)) {
      String student = o[0];
      String question = o[1];
      if (!questions.contains(question)) {
        questions.add(question);
        max.put(question, Double.NaN);
      }
      rows.computeIfAbsent(student, k -> new LinkedHashMap<>())
          .put(question, Double.parseDouble(o[2]));
    }
    Table t = Table.create("gradebook");
    StringColumn student = StringColumn.create("student");
    rows.keySet().forEach(s -> student.append(safeCell(s)));
    t.addColumns(student);
    DoubleColumn total = DoubleColumn.create("total");
    double[] totals = new double[rows.size()];
    for (String q : questions) {
      DoubleColumn c = DoubleColumn.create(safeCell(q));
      int i = 0;
      for (Map<String, Double> row : rows.values()) {
        double v = row.getOrDefault(q, 0.0);
        c.append(v);
        totals[i++] += v;
      }
      t.addColumns(c);
    }
    Arrays.stream(totals).forEach(v -> total.append(Math.round(v * 100) / 100.0));
    t.addColumns(total);
    writeCsv(t, out.resolve("gradebook.csv"));
    writeCsv(summary(t, questions, max, manifest.total()), out.resolve("summary.csv"));
    histogram(totals, manifest.total(), out.resolve("histogram.png"));
    return t;
  }

  /** Reads overrides.csv rows (student, question, points); rows with bad points are an error. */
  static List<String[]> readOverrides(Path file) throws IOException {
    ColumnType[] types = {
      ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING
    };
    Table t =
        Table.read()
            .csv(CsvReadOptions.builder(file.toFile()).columnTypes(types).header(true).build());
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      String s = t.stringColumn(0).get(i).strip();
      String q = t.stringColumn(1).get(i).strip();
      String p = t.stringColumn(2).get(i).strip();
      if (s.isEmpty() && q.isEmpty()) {
        continue;
      }
      try {
        Double.parseDouble(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + " row " + (i + 2) + ": points must be a number but was '" + p + "'");
      }
      rows.add(new String[] {s, q, p});
    }
    return rows;
  }

  private static Table summary(
      Table t, List<String> questions, Map<String, Double> max, double total) {
    StringColumn name = StringColumn.create("question");
    DoubleColumn maxC = DoubleColumn.create("max");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn median = DoubleColumn.create("median");
    DoubleColumn min = DoubleColumn.create("min");
    DoubleColumn hi = DoubleColumn.create("highest");
    DoubleColumn full = DoubleColumn.create("full_marks");
    DoubleColumn fullShare = DoubleColumn.create("full_marks_fraction");
    List<String> all = new ArrayList<>(questions);
    all.add("total");
    for (String q : all) {
      DoubleColumn c = t.doubleColumn(safeCell(q));
      double m = q.equals("total") ? total : max.get(q);
      name.append(safeCell(q));
      maxC.append(m);
      boolean any = c.size() > 0;
      mean.append(any ? round(c.mean()) : Double.NaN);
      median.append(any ? round(c.median()) : Double.NaN);
      min.append(any ? c.min() : Double.NaN);
      hi.append(any ? c.max() : Double.NaN);
      double fullCount = Double.isNaN(m) ? Double.NaN : c.isGreaterThanOrEqualTo(m - 1e-9).size();
      full.append(fullCount);
      fullShare.append(any ? round(fullCount / c.size()) : Double.NaN);
    }
    return Table.create("summary", name, maxC, mean, median, min, hi, full, fullShare);
  }

  /** Writes a table as CSV atomically (a temporary file renamed into place). */
  static void writeCsv(Table t, Path file) throws IOException {
    AtomicFiles.write(file, tmp -> t.write().csv(tmp.toFile()));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void histogram(double[] totals, double max, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int bins = 10;
    List<String> labels = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(
          Reports.fmt(round(max * b / bins)) + "–" + Reports.fmt(round(max * (b + 1) / bins)));
      counts.add(0);
    }
    for (double v : totals) {
      int b = max <= 0 ? 0 : Math.min(bins - 1, (int) Math.floor(v / max * bins));
      counts.set(Math.max(0, b), counts.get(Math.max(0, b)) + 1);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(640)
            .height(360)
            .title("Total scores (" + totals.length + " submissions)")
            .xAxisTitle("points")
            .yAxisTitle("submissions")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("submissions", labels, counts);
    AtomicFiles.write(
        file,
        tmp -> {
          // The temporary name ends in .png, so the encoder adds no second extension.
          BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
          FileTrees.readableByAll(tmp);
        });
  }

  /** Neutralises spreadsheet formula injection: a leading = + - @ tab or CR gets an apostrophe. */
  public static String safeCell(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }
}
