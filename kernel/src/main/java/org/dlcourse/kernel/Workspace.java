package org.dlcourse.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The problem set a notebook belongs to: its {@code src/main/java} is compiled before a cell runs
 * whenever a source changed, so that the cell calls the student's current code.
 *
 * <p>The problem set is the nearest folder at or above the kernel's working directory (Jupyter
 * starts a kernel in its notebook's folder) holding {@code assignment.properties} and {@code
 * src/main/java} — the same rule {@code Grader.check} uses, so the notebook runs exactly the files
 * the grader checks and {@code ./course submit} packs. Classes are compiled into a private
 * temporary folder, never into the student's files.
 */
final class Workspace {
  /** Temp folders are named {@code PREFIX<pid>-…}, so a later kernel can remove a killed one's. */
  private static final String PREFIX = "dlcourse-notebook-classes-";

  private final Path root;
  private final Path classes;
  private String fingerprint = "";

  private Workspace(Path root, Path classes) {
    this.root = root;
    this.classes = classes;
  }

  /** The problem set around {@code dir}, or null when the notebook is not in one. */
  static Workspace find(Path dir) {
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("assignment.properties"))
          && Files.isDirectory(d.resolve("src/main/java"))) {
        try {
          removeLeftovers();
          long pid = ProcessHandle.current().pid();
          Path tmp = Files.createTempDirectory(PREFIX + pid + "-");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(tmp)));
          Path classes = tmp.resolve("current");
          Files.createDirectories(classes);
          return new Workspace(d, classes);
        } catch (IOException e) {
          System.err.println("Note: cannot compile the problem set's code: " + e);
          return null;
        }
      }
    }
    return null;
  }

  /** Removes the class folders of kernels that were killed (a kill skips shutdown hooks). */
  private static void removeLeftovers() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : s.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        String pid = rest.contains("-") ? rest.substring(0, rest.indexOf('-')) : "";
        if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          deleteTree(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // another user's folder, or one being deleted: not ours to worry about
    }
  }

  /** The problem set's folder. */
  Path root() {
    return root;
  }

  /** The folder JShell compiles cells against: the last successfully compiled classes. */
  Path classes() {
    return classes;
  }

  /**
   * Compiles {@code src/main/java} if any file changed since the last call.
   *
   * @return binary class name to class-file bytes, or null when nothing changed
   * @throws CellError.CompilationError with javac's messages (paths relative to the problem set)
   */
  Map<String, byte[]> refresh() throws IOException, CellError {
    List<Path> sources = sources();
    String now = fingerprint(sources);
    if (now.equals(fingerprint)) {
      return null;
    }
    Path next = classes.resolveSibling("next");
    deleteTree(next);
    Files.createDirectories(next);
    String errors = compile(sources, next);
    if (errors != null) {
      deleteTree(next);
      throw compileError(errors);
    }
    deleteTree(classes);
    Files.move(next, classes);
    fingerprint = now;
    return read(classes);
  }

  private List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(root.resolve("src/main/java"))) {
      return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .sorted()
          .toList();
    }
  }

  /** A hash of every source's path and bytes: a change of either means recompile. */
  private String fingerprint(List<Path> sources) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : sources) {
        md.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(p));
        md.update((byte) 0);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns null on success, else javac's messages. */
  private String compile(List<Path> sources, Path out) {
    if (sources.isEmpty()) {
      return "there are no .java files under " + root.resolve("src/main/java");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      return "this Java runtime has no compiler ("
          + System.getProperty("java.home")
          + "): use a JDK";
    }
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-encoding", "UTF-8"));
    args.addAll(List.of("-proc:none", "-g", "-nowarn", "-Xmaxerrs", "30"));
    args.addAll(List.of("-cp", System.getProperty("java.class.path")));
    sources.forEach(s -> args.add(s.toString()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = javac.run(null, err, err, args.toArray(String[]::new));
    return status == 0 ? null : err.toString(StandardCharsets.UTF_8);
  }

  private CellError compileError(String javacOutput) {
    String messages = javacOutput.replace(root.toAbsolutePath() + "/", "").stripTrailing();
    String first = messages.lines().findFirst().orElse("");
    String summary = "your code in src/main/java does not compile: " + first;
    List<String> lines = new ArrayList<>();
    lines.add(
        "\u001b[1;31mYour code in src/main/java does not compile\u001b[0m (fix it, save, and run"
            + " the cell again; no cell runs until it compiles):");
    messages.lines().forEach(lines::add);
    return new CellError.CompilationError(summary, lines);
  }

  private static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = dir.relativize(p).toString().replace('/', '.');
        out.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
