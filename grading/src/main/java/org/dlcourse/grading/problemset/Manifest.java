package org.dlcourse.grading.problemset;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dlcourse.grading.Credit;
import org.dlcourse.grading.Points;
import org.dlcourse.grading.Visibility;
import org.dlcourse.grading.files.AtomicFiles;
import org.junit.jupiter.api.Test;

/**
 * The grader's list of graded tests and their points, read from the {@link Points} annotations on
 * the instructor's compiled tests: the only place points come from.
 */
public record Manifest(List<TestCase> tests) {

  /**
   * Reads the annotations from compiled public and hidden test classes.
   *
   * @param publicTests classes compiled from {@code tests/public}
   * @param hiddenTests classes compiled from {@code tests/hidden} (may not exist)
   * @param classpath what the tests were compiled against (the reference solution)
   */
  public static Manifest fromClasses(Path publicTests, Path hiddenTests, List<Path> classpath)
      throws IOException {
    List<TestCase> tests = new ArrayList<>();
    List<Path> all = new ArrayList<>(List.of(publicTests, hiddenTests));
    all.addAll(classpath);
    URL[] urls = new URL[all.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = all.get(i).toUri().toURL();
    }
    try (URLClassLoader loader = new URLClassLoader(urls, Manifest.class.getClassLoader())) {
      tests.addAll(scan(publicTests, false, loader));
      if (Files.isDirectory(hiddenTests)) {
        tests.addAll(scan(hiddenTests, true, loader));
      }
    }
    tests.sort(Comparator.comparing(TestCase::question).thenComparing(TestCase::id));
    if (tests.isEmpty()) {
      throw new IllegalStateException(
          "no tests with @Points found under " + publicTests + "; annotate each graded @Test");
    }
    return new Manifest(List.copyOf(tests));
  }

  private static List<TestCase> scan(Path dir, boolean hidden, ClassLoader loader)
      throws IOException {
    List<TestCase> found = new ArrayList<>();
    List<String> names;
    try (Stream<Path> files = Files.walk(dir)) {
      names =
          files
              .filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
              .map(p -> dir.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
              .sorted()
              .toList();
    }
    for (String name : names) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load test class " + name + ": " + e, e);
      }
      Set<String> seen = new HashSet<>();
      for (Method m : type.getDeclaredMethods()) {
        Points points = m.getAnnotation(Points.class);
        boolean isTest = m.isAnnotationPresent(Test.class);
        String id = name + "#" + m.getName();
        if (points == null && isTest) {
          throw new IllegalStateException(
              id + " is a @Test without @Points; give it @Points(question = ..., value = ...)");
        }
        if (points == null) {
          continue;
        }
        if (!isTest) {
          throw new IllegalStateException(id + " has @Points but no @Test; add @Test");
        }
        if (!seen.add(m.getName())) {
          throw new IllegalStateException(id + " is overloaded; graded test names must be unique");
        }
        if (points.value() < 0) {
          throw new IllegalStateException(
              id + " has points " + points.value() + "; expected a value >= 0");
        }
        if (hidden == (points.visibility() == Visibility.VISIBLE)) {
          throw new IllegalStateException(
              id
                  + " is in tests/"
                  + (hidden ? "hidden" : "public")
                  + " but has visibility "
                  + points.visibility()
                  + (hidden
                      ? "; hidden tests need HIDDEN, AFTER_DUE_DATE or AFTER_PUBLISHED"
                      : "; public tests are VISIBLE (move it to tests/hidden otherwise)"));
        }
        checkCredit(id, m, points);
        String display = points.name().isEmpty() ? m.getName() : points.name();
        found.add(
            new TestCase(
                id,
                points.question(),
                display,
                points.value(),
                points.visibility(),
                hidden,
                points.checks(),
                points.hint()));
      }
    }
    return found;
  }

  /** A partial-credit test declares its checks up front; an all-or-nothing one declares none. */
  public static void checkCredit(String id, Method m, Points points) {
    boolean credit = java.util.Arrays.asList(m.getParameterTypes()).contains(Credit.class);
    if (credit && points.checks() < 1) {
      throw new IllegalStateException(
          id
              + " takes a Credit parameter but declares no checks; add checks = N to its @Points"
              + " (the number of credit.check calls it makes)");
    }
    if (!credit && points.checks() != 0) {
      throw new IllegalStateException(
          id + " declares checks = " + points.checks() + " but takes no Credit parameter");
    }
  }

  /** The questions in order, each with its total points. */
  public Map<String, Double> questions() {
    Map<String, Double> q = new LinkedHashMap<>();
    tests.stream()
        .map(TestCase::question)
        .distinct()
        .sorted(Manifest::naturalOrder)
        .forEach(k -> q.put(k, 0.0));
    tests.forEach(t -> q.merge(t.question(), t.points(), Double::sum));
    return q;
  }

  /** The total points. */
  public double total() {
    return tests.stream().mapToDouble(TestCase::points).sum();
  }

  /** Only the public (or only the hidden) tests. */
  public List<TestCase> suite(boolean hidden) {
    return tests.stream().filter(t -> t.hidden() == hidden).toList();
  }

  /** Orders "q2" before "q10". */
  static int naturalOrder(String a, String b) {
    String da = a.replaceAll("\\D", "");
    String db = b.replaceAll("\\D", "");
    if (!da.isEmpty() && !db.isEmpty() && da.length() < 10 && db.length() < 10) {
      int c = Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  /** Writes one line per test: id, question, points, visibility, hidden, name, checks, hint. */
  public void write(Path file) throws IOException {
    String text =
        tests.stream()
            .map(
                t ->
                    String.join(
                        "\t",
                        t.id(),
                        t.question(),
                        Double.toString(t.points()),
                        t.visibility().name(),
                        Boolean.toString(t.hidden()),
                        oneLine(t.name()),
                        Integer.toString(t.checks()),
                        oneLine(t.hint())))
            .collect(Collectors.joining("\n", "", "\n"));
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String oneLine(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  /** Reads what {@link #write} wrote. */
  public static Manifest read(Path file) throws IOException {
    List<TestCase> tests = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", 8);
      tests.add(
          new TestCase(
              f[0],
              f[1],
              f[5],
              Double.parseDouble(f[2]),
              Visibility.valueOf(f[3]),
              Boolean.parseBoolean(f[4]),
              f.length > 6 ? Integer.parseInt(f[6]) : 0,
              f.length > 7 ? f[7] : ""));
    }
    return new Manifest(List.copyOf(tests));
  }
}
