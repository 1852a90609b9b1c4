package org.dlcourse.grading.problemset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A problem set on disk: the instructor source ({@code problem-sets/psN/}) or a released student
 * copy ({@code build/release/psN/}), in the layout of grading/README.md.
 *
 * <pre>
 * assignment.properties   title, due date, stub floor, allowed files, limits
 * *.ipynb                 the notebook(s)
 * src/main/java/          the code; solution regions marked // BEGIN SOLUTION ... // END SOLUTION
 * tests/public/java/      public tests (shipped to students)
 * tests/hidden/java/      hidden tests (never shipped)
 * hidden-tests.properties written by release: how many hidden tests and points per question
 * </pre>
 */
public record ProblemSet(String name, Path root, Properties config) {

  /** The file with the problem set's settings. */
  public static final String CONFIG = "assignment.properties";

  /** Opens the problem set at {@code root}; its name is the directory name. */
  public static ProblemSet open(Path root) throws IOException {
    Path file = root.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "expected a problem set with "
              + CONFIG
              + " at "
              + root.toAbsolutePath()
              + " but there is none; run from the repository root or pass the right name");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new ProblemSet(root.toAbsolutePath().normalize().getFileName().toString(), root, p);
  }

  /** {@code <instructor folder>/<name>}; see {@link #instructorDir}. */
  public static ProblemSet source(Path repo, String name) throws IOException {
    return open(instructorDir(repo).resolve(checkName(name)));
  }

  /**
   * Where instructor sources live: {@code --source DIR} (system property {@code
   * dlcourse.instructor.dir}), else the environment's {@code DLCOURSE_INSTRUCTOR_DIR} (a private
   * folder or fork), else {@code problem-sets/} of the repository.
   */
  public static Path instructorDir(Path repo) {
    String dir = System.getProperty("dlcourse.instructor.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("DLCOURSE_INSTRUCTOR_DIR");
    }
    return dir == null || dir.isBlank() ? repo.resolve("problem-sets") : repo.resolve(dir);
  }

  /** Rejects names that could escape {@code problem-sets/}. */
  public static String checkName(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "a problem set name is letters, digits, '-' and '_' (like ps1) but was '" + name + "'");
    }
    return name;
  }

  public Path sources() {
    return root.resolve("src/main/java");
  }

  public Path publicTests() {
    return root.resolve("tests/public/java");
  }

  public Path hiddenTests() {
    return root.resolve("tests/hidden/java");
  }

  /** The limits every test JVM of this problem set runs under. */
  public Limits limits() {
    return Limits.from(config);
  }

  /** The {@code uses} value of a problem set whose tests and code use the course library. */
  public static final String COURSE_LIBRARY = "course-library";

  /**
   * Whether {@code uses=course-library}: its test JVMs get the course library, ND4J and DL4J on the
   * classpath, ND4J's natives and the Fashion-MNIST folder read-only (see the run package's {@code
   * TestRuntime}).
   */
  public boolean usesLibrary() {
    return usesLibrary(config);
  }

  static boolean usesLibrary(Properties config) {
    String uses = config.getProperty("uses", "").trim();
    if (!uses.isEmpty() && !uses.equals(COURSE_LIBRARY)) {
      throw new IllegalArgumentException(
          "uses in "
              + CONFIG
              + " must be empty or '"
              + COURSE_LIBRARY
              + "' but was '"
              + uses
              + "'");
    }
    return uses.equals(COURSE_LIBRARY);
  }

  /** The held-out data sets the judge may measure models on (see {@link #heldOut()}). */
  public static final java.util.Set<String> HELD_OUT_SETS =
      java.util.Set.of("fashion-mnist-test", "wamerican-words");

  /**
   * The data sets this problem set withholds from its test JVMs ({@code heldOut=fashion-mnist-test}
   * or {@code heldOut=wamerican-words} in {@code assignment.properties}): the judge measures
   * recorded models on them outside the sandbox, and no test JVM can read them. Empty unless
   * declared.
   */
  public java.util.Set<String> heldOut() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String name : config.getProperty("heldOut", "").split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (!HELD_OUT_SETS.contains(n) || !usesLibrary()) {
        throw new IllegalArgumentException(
            "heldOut in "
                + CONFIG
                + " names '"
                + n
                + "'; known held-out sets: "
                + HELD_OUT_SETS
                + " (with uses="
                + COURSE_LIBRARY
                + ")");
      }
      out.add(n);
    }
    return java.util.Set.copyOf(out);
  }

  /** The most points the released stubs may score in validation (default 0). */
  public double stubFloor() {
    return Double.parseDouble(config.getProperty("stubFloor", "0").trim());
  }

  /** Globs of the files a submission may contain. */
  public List<String> allowed() {
    return Stream.of(config.getProperty("allowed", "src/main/java/**.java,*.ipynb").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** The notebooks at the top of the problem set. */
  public List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /** All {@code .java} files under {@code dir}, sorted. */
  public static List<Path> javaFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }
}
