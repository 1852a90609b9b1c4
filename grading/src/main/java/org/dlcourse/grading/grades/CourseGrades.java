package org.dlcourse.grading.grades;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.Set;
import java.util.TreeMap;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.problemset.Manifest;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code course-grades}: final course grades from the problem sets' gradebooks and manual grades,
 * weighted by a policy file, written to {@code final_grades.csv}.
 *
 * <p>The final grade in percent is {@code 100 × Σ weight_c × score_c}, where {@code score_c} is a
 * fraction in [0, 1]: for a component built from graded problem-set folders, the mean over its
 * problem sets of {@code total / max × (1 − latePenaltyPerDay × days late)} after dropping the
 * {@code dropLowest} lowest; for a manual component, {@code points / max} from {@code
 * overrides.csv}. A missing grade counts as zero and is named in the {@code notes} column.
 */
public final class CourseGrades {
  /** The policy used when none is given: problem sets 65 %, final project 35 %. */
  public static final String DEFAULT_POLICY =
      """
      components=problemSets,project
      problemSets.weight=0.65
      project.weight=0.35
      project.max=100
      """;

  private CourseGrades() {}

  /**
   * One weighted part of the course grade.
   *
   * @param name the component's name (a column of final_grades.csv)
   * @param weight its share of the final grade, in [0, 1]
   * @param from graded problem-set folders; empty for a manual component
   * @param max a manual component's full marks
   * @param dropLowest how many of the lowest problem sets are not counted
   * @param latePenaltyPerDay the fraction of a problem set's score lost per day late
   */
  public record Component(
      String name,
      double weight,
      List<Path> from,
      double max,
      int dropLowest,
      double latePenaltyPerDay) {

    /** Whether the points come from overrides.csv instead of gradebooks. */
    public boolean manual() {
      return from.isEmpty();
    }
  }

  /**
   * A grading policy: its components and, optionally, a late-days file.
   *
   * @param components the weighted components, weights summing to 1
   * @param lateDays a CSV of student, problemSet, days, or null when nobody is late
   */
  public record Policy(List<Component> components, Path lateDays) {}

  /**
   * Reads a policy ({@code null} file: the default policy).
   *
   * @param file the policy file, or null
   * @param base the folder relative paths in the policy are resolved against
   * @param graded graded folders for the component {@code problemSets} when it has no {@code from}
   */
  public static Policy policy(Path file, Path base, List<Path> graded) throws IOException {
    Properties p = new Properties();
    String where = file == null ? "the default policy" : file.toString();
    if (file == null) {
      p.load(new java.io.StringReader(DEFAULT_POLICY));
    } else {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "expected a policy file at " + file + " but there is none; see grading/README.md");
      }
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    List<String> names =
        Arrays.stream(p.getProperty("components", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          where + " names no components; add e.g. components=problemSets,project");
    }
    Set<String> keys = Set.of("weight", "from", "max", "dropLowest", "latePenaltyPerDay");
    for (String key : p.stringPropertyNames()) {
      if (key.equals("components") || key.equals("lateDays")) {
        continue;
      }
      int dot = key.indexOf('.');
      String c = dot < 0 ? key : key.substring(0, dot);
      if (!names.contains(c)) {
        throw new IllegalArgumentException(
            where
                + ": unknown component '"
                + c
                + "' in key '"
                + key
                + "'; the components are "
                + names
                + " (add it to components= or remove the key)");
      }
      if (dot < 0 || !keys.contains(key.substring(dot + 1))) {
        throw new IllegalArgumentException(
            where + ": unknown key '" + key + "'; a component's keys are " + keys);
      }
    }
    List<Component> out = new ArrayList<>();
    double sum = 0;
    StringBuilder terms = new StringBuilder();
    for (String c : names) {
      double weight = number(p, where, c + ".weight", Double.NaN);
      if (Double.isNaN(weight) || weight < 0 || weight > 1) {
        throw new IllegalArgumentException(
            where
                + ": "
                + c
                + ".weight must be a number in [0, 1] but was "
                + p.get(c + ".weight"));
      }
      sum += weight;
      terms.append(terms.length() == 0 ? "" : " + ").append(weight);
      List<Path> from = new ArrayList<>();
      String list = p.getProperty(c + ".from");
      if (list != null) {
        Arrays.stream(list.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .forEach(s -> from.add(base.resolve(s)));
      } else if (c.equals("problemSets")) {
        from.addAll(graded);
        if (from.isEmpty()) {
          throw new IllegalArgumentException(
              where
                  + ": the component problemSets needs graded folders; pass them (course-grades"
                  + " grades/ps1 grades/ps2 ...) or set problemSets.from");
        }
      }
      int drop = (int) number(p, where, c + ".dropLowest", 0);
      if (drop < 0 || (drop > 0 && drop >= from.size())) {
        throw new IllegalArgumentException(
            where
                + ": "
                + c
                + ".dropLowest must be at least 0 and less than its "
                + from.size()
                + " problem sets but was "
                + drop);
      }
      double late = number(p, where, c + ".latePenaltyPerDay", 0);
      if (late < 0 || late > 1) {
        throw new IllegalArgumentException(
            where + ": " + c + ".latePenaltyPerDay must be in [0, 1] but was " + late);
      }
      double max = number(p, where, c + ".max", 100);
      if (max <= 0) {
        throw new IllegalArgumentException(where + ": " + c + ".max must be > 0 but was " + max);
      }
      out.add(new Component(c, weight, List.copyOf(from), max, drop, late));
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException(
          where
              + ": the weights must sum to 1 but "
              + terms
              + " = "
              + Math.round(sum * 1e6) / 1e6
              + "; fix the *.weight values");
    }
    String late = p.getProperty("lateDays");
    return new Policy(List.copyOf(out), late == null ? null : base.resolve(late.strip()));
  }

  private static double number(Properties p, String where, String key, double fallback) {
    String v = p.getProperty(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": " + key + " must be a number but was '" + v + "'");
    }
  }

  /**
   * Computes and writes {@code <out>/final_grades.csv}; creates {@code <out>/overrides.csv} (manual
   * grades: student, component, points, comment) once and never overwrites it.
   */
  public static Table write(Policy rules, Path out, PrintStream log) throws IOException {
    List<Component> policy = rules.components();
    Files.createDirectories(out);
    Path overrides = out.resolve(Gradebook.OVERRIDES);
    if (!Files.exists(overrides)) {
      AtomicFiles.write(overrides, "student,component,points,comment\n");
    }
    // points[student][component or problem set] and what each problem set is out of
    Map<String, Map<String, Double>> points = new TreeMap<>();
    Map<String, Double> psMax = new LinkedHashMap<>();
    for (Component c : policy) {
      for (Path dir : c.from()) {
        String ps = dir.getFileName().toString();
        Path book = dir.resolve("gradebook.csv");
        Path manifest = dir.resolve(".grader/manifest.tsv");
        if (!Files.isRegularFile(book) || !Files.isRegularFile(manifest)) {
          throw new IllegalArgumentException(
              "expected a graded folder with gradebook.csv and .grader/manifest.tsv at "
                  + dir
                  + "; run course grade "
                  + ps
                  + " ... --out "
                  + dir
                  + " first");
        }
        psMax.put(ps, Manifest.read(manifest).total());
        Table t = readStrings(book);
        for (int i = 0; i < t.rowCount(); i++) {
          String s = t.stringColumn("student").get(i).strip();
          double total = parse(t.stringColumn("total").get(i), book, i);
          points.computeIfAbsent(s, k -> new TreeMap<>()).put(ps, total);
        }
      }
    }
    List<String> manual = policy.stream().filter(Component::manual).map(Component::name).toList();
    for (String[] o : Gradebook.readOverrides(overrides)) {
      if (!manual.contains(o[1])) {
        throw new IllegalArgumentException(
            overrides
                + ": component '"
                + o[1]
                + "' (student "
                + o[0]
                + ") is not a manual component of the policy; expected one of "
                + manual);
      }
      points.computeIfAbsent(o[0], k -> new TreeMap<>()).put(o[1], Double.parseDouble(o[2]));
    }
    Map<String, Double> late = readLateDays(rules.lateDays());

    StringColumn student = StringColumn.create("student");
    Map<String, DoubleColumn> cols = new LinkedHashMap<>();
    for (Component c : policy) {
      for (Path dir : c.from()) {
        String ps = dir.getFileName().toString();
        cols.put(ps, DoubleColumn.create(Gradebook.safeCell(ps) + " %"));
      }
      cols.put(c.name(), DoubleColumn.create(Gradebook.safeCell(c.name()) + " %"));
    }
    DoubleColumn fin = DoubleColumn.create("final %");
    StringColumn notes = StringColumn.create("notes");
    for (Map.Entry<String, Map<String, Double>> row : points.entrySet()) {
      String s = row.getKey();
      List<String> why = new ArrayList<>();
      double total = 0;
      for (Component c : policy) {
        double score;
        if (c.manual()) {
          Double v = row.getValue().get(c.name());
          if (v == null) {
            why.add("no " + c.name() + " grade (counted as 0)");
          }
          score = v == null ? 0 : v / c.max();
        } else {
          List<Double> fractions = new ArrayList<>();
          for (Path dir : c.from()) {
            String ps = dir.getFileName().toString();
            Double v = row.getValue().get(ps);
            if (v == null) {
              why.add("no " + ps + " submission (counted as 0)");
            }
            double days = late.getOrDefault(s + "\u0000" + ps, 0.0);
            double penalty = Math.max(0, 1 - c.latePenaltyPerDay() * days);
            if (days > 0 && c.latePenaltyPerDay() > 0) {
              why.add(ps + " " + Reports.fmt(days) + " days late");
            }
            double f = v == null ? 0 : v / psMax.get(ps) * penalty;
            cols.get(ps).append(pct(f));
            fractions.add(f);
          }
          fractions.sort(null);
          List<Double> kept = fractions.subList(c.dropLowest(), fractions.size());
          score = kept.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
        cols.get(c.name()).append(pct(score));
        total += c.weight() * score;
      }
      student.append(Gradebook.safeCell(s));
      fin.append(pct(total));
      notes.append(Gradebook.safeCell(String.join("; ", why)));
    }
    Table t = Table.create("final_grades");
    t.addColumns(student);
    cols.values().forEach(t::addColumns);
    t.addColumns(fin, notes);
    Gradebook.writeCsv(t, out.resolve("final_grades.csv"));
    log.println("wrote " + out.resolve("final_grades.csv") + " (" + t.rowCount() + " students)");
    return t;
  }

  private static double pct(double fraction) {
    return Math.round(fraction * 10000) / 100.0;
  }

  /** Reads late days (student, problemSet, days) into "student\0problemSet" → days. */
  private static Map<String, Double> readLateDays(Path file) throws IOException {
    Map<String, Double> late = new TreeMap<>();
    if (file == null) {
      return late;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "expected a late-days file (student,problemSet,days) at " + file + " but there is none");
    }
    Table t = readStrings(file);
    if (t.columnCount() < 3) {
      throw new IllegalArgumentException(
          file + " must have the columns student,problemSet,days but has " + t.columnNames());
    }
    for (int i = 0; i < t.rowCount(); i++) {
      late.put(
          t.stringColumn(0).get(i).strip() + "\u0000" + t.stringColumn(1).get(i).strip(),
          parse(t.stringColumn(2).get(i), file, i));
    }
    return late;
  }

  private static Table readStrings(Path csv) throws IOException {
    return Table.read()
        .csv(
            CsvReadOptions.builder(csv.toFile())
                .columnTypes(name -> ColumnType.STRING)
                .header(true)
                .build());
  }

  private static double parse(String v, Path file, int row) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + " row " + (row + 2) + ": expected a number but found '" + v + "'");
    }
  }
}
