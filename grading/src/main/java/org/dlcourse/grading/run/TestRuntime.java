package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.sandbox.SandboxMode;

/**
 * What every test JVM of a problem set runs on, prepared once on the host and bound read-only into
 * every sandbox: the runner's jars, for {@code uses=course-library} also the course library's jars,
 * ND4J's natives extracted once, the Fashion-MNIST folder, and a class-data sharing archive.
 *
 * <p>Everything lives in a cache folder ({@link #cacheRoot}): each jar copied once under a digest
 * of its path, size and time ({@code jars/<digest>/<name>}; a copy, never a link, so a rebuilt
 * Maven artifact cannot change under a running grader), the natives under a digest of the native
 * jars, the archive under a digest of the whole classpath. {@code check}, {@code grade} and
 * Gradescope reuse them across runs. Nothing in it is writable by a sandbox uid, and the sandbox
 * sees it read-only: the natives are executable only there.
 *
 * @param jars the classpath's jars on the host (grader classes as a jar first, then JUnit, then the
 *     library); directories never appear, so a class-data sharing archive can cover them all
 * @param natives the folder ND4J's natives were extracted into, or null without the library
 * @param dataset the host's Fashion-MNIST folder, or null (not found, or no library)
 * @param cache the cache folder
 * @param key a digest of the classpath (names the archive)
 */
public record TestRuntime(List<Path> jars, Path natives, Path dataset, Path cache, String key) {

  /** Where the library's natives appear inside a sandbox. */
  static final String NATIVES = "/grader/natives";

  /**
   * The runtime of one grader's test JVMs: the runner, and the course library when the problem set
   * uses it, with its natives extracted once and a class-data sharing archive recorded once for
   * this sandbox mode.
   */
  static TestRuntime forGrader(ProblemSet ps, SandboxMode mode) throws IOException {
    List<Path> library = ps.usesLibrary() ? libraryJars() : List.of();
    Limits limits = ps.limits();
    try {
      TestRuntime r = prepare(TestSession.runnerClasspath(), library, cacheRoot());
      // Trusted code writes the archive (about 20 MB, more than a test's largest file).
      r.recordArchive(mode.open(limits.withFileSizeMb(256), 0), limits);
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the test runtime", e);
    }
  }

  /**
   * Prepares (or reuses) the runtime for these classpath entries.
   *
   * @param runner the runner's classpath (grader classes and JUnit)
   * @param library the library's jars, empty for a plain-Java problem set
   */
  public static TestRuntime prepare(List<Path> runner, List<Path> library, Path cache)
      throws IOException, InterruptedException {
    RuntimeCache.share(cache); // no stale-entry clean-up while this grader uses the cache
    List<Path> all = new ArrayList<>(runner);
    all.addAll(library);
    List<Path> jars = new ArrayList<>();
    for (Path entry : all) {
      jars.add(stored(cache, entry));
    }
    String key = key(jars);
    Path natives = null;
    if (!library.isEmpty()) {
      natives = cache.resolve("natives-" + nativesKey(library));
      if (!Files.isDirectory(natives)) {
        extractNatives(cache, natives, jars);
      }
      RuntimeCache.touch(natives);
    }
    for (String mode : List.of("-isolated.jsa", "-host.jsa")) {
      RuntimeCache.touch(cache.resolve("cds-" + key + mode)); // see archive(Sandbox)
    }
    List<String> removed = RuntimeCache.cleanOnce(cache, RuntimeCache.keep());
    if (!removed.isEmpty()) {
      System.err.println(
          "note: removed "
              + removed.size()
              + " runtime cache entries unused for "
              + RuntimeCache.keep().toHours()
              + " h from "
              + cache);
    }
    return natives == null
        ? new TestRuntime(List.copyOf(jars), null, null, cache, key)
        : new TestRuntime(List.copyOf(jars), natives, fashionMnist(), cache, key);
  }

  /**
   * The cache's copy of one classpath entry (a folder becomes a jar), made once: in a new folder
   * that is renamed into place only when the copy is complete and its source did not change.
   */
  private static Path stored(Path cache, Path entry) throws IOException {
    String name = entry.getFileName().toString();
    name = name.endsWith(".jar") ? name : name + ".jar";
    Path dir = cache.resolve("jars").resolve(key(List.of(entry)));
    Path jar = dir.resolve(name);
    if (Files.isRegularFile(jar)) {
      RuntimeCache.touch(dir);
      return jar;
    }
    Files.createDirectories(dir.getParent());
    FileTrees.makeReadableDir(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), ".jar-");
    if (Files.isDirectory(entry)) {
      FileTrees.jar(entry, tmp.resolve(name));
    } else {
      Files.copy(entry, tmp.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    if (!key(List.of(entry)).equals(dir.getFileName().toString())) {
      FileTrees.deleteTree(tmp);
      throw new IllegalStateException(
          entry + " changed while the grader copied it (a build running?); run again");
    }
    publish(tmp, dir);
    return jar;
  }

  /**
   * The cache: {@code -Ddlcourse.runtime.cache}, else {@code $DLCOURSE_RUNTIME_CACHE}, else {@code
   * <tmp>/dlcourse-runtime-<user>} (under /tmp so that a sandbox uid can reach it when the grader
   * is root). Refused when it is a link or owned by another user (who could have planted jars
   * there).
   */
  public static Path cacheRoot() throws IOException {
    String dir = System.getProperty("dlcourse.runtime.cache");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("DLCOURSE_RUNTIME_CACHE");
    }
    if (dir == null || dir.isBlank()) {
      dir =
          System.getProperty("java.io.tmpdir")
              + "/dlcourse-runtime-"
              + System.getProperty("user.name");
    }
    return FileTrees.ownFolder(
        Path.of(dir).toAbsolutePath(),
        "the grader's runtime cache",
        "remove it, or set DLCOURSE_RUNTIME_CACHE to a folder of your own");
  }

  /** Binds the jars (and natives, dataset, archive) into {@code sandbox}; returns the classpath. */
  public List<String> bind(Sandbox sandbox) {
    List<String> cp = new ArrayList<>();
    for (int i = 0; i < jars.size(); i++) {
      cp.add(sandbox.readOnly(jars.get(i), "/grader/cp/" + i + "-" + jars.get(i).getFileName()));
    }
    return cp;
  }

  /**
   * JVM flags of a library test JVM: natives loaded from the read-only folder ({@code pathsFirst}:
   * JavaCPP never needs its writable cache), the dataset folder, quiet logging, and the class-data
   * sharing archive when there is one for this mode (the JDK disables CDS under {@code
   * --limit-modules}, so only problem sets that keep the default module graph get it).
   */
  public List<String> jvmFlags(Sandbox sandbox, Limits limits) throws IOException {
    return jvmFlags(sandbox, limits, Set.of());
  }

  /**
   * The same for a problem set that withholds {@code heldOut} data sets from its test JVMs: with
   * {@code fashion-mnist-test} the test JVMs get a copy of Fashion-MNIST's training files only
   * (without bubblewrap the host's held-out files must also be unreadable to the test uids, as
   * Gradescope's {@code setup.sh} makes them; {@link HeldOutAccess} checks). Data folders are
   * always given as copies in the cache ({@link DataCopies}), which the sandbox uid can reach.
   */
  public List<String> jvmFlags(Sandbox sandbox, Limits limits, Set<String> heldOut)
      throws IOException {
    if (natives == null) {
      return List.of();
    }
    List<String> flags = new ArrayList<>();
    String inside = sandbox.readOnly(natives, NATIVES);
    List<String> paths = new ArrayList<>();
    for (Path dir : nativeDirs(natives)) {
      paths.add(inside + "/" + natives.relativize(dir));
    }
    flags.add("-Dorg.bytedeco.javacpp.pathsFirst=true");
    flags.add("-Dorg.bytedeco.javacpp.cachedir=" + inside);
    flags.add("-Djava.library.path=" + String.join(":", paths));
    flags.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (dataset != null) {
      // A copy in the cache, which the sandbox uid can reach wherever the host's folder lies.
      boolean trainOnly = heldOut.contains("fashion-mnist-test");
      Path copy =
          DataCopies.stored(
              cache,
              trainOnly ? "fashion-mnist-train" : "fashion-mnist-all",
              dataset,
              n -> !trainOnly || isTrainingFile(n),
              HeldOut.FASHION_MNIST_TEST_FILES);
      flags.add("-Ddlcourse.data=" + parentInside(sandbox.readOnly(copy, "/data/fashion-mnist")));
    }
    Optional<Path> home = courseDatasets();
    if (home.isPresent()) {
      // iris, breast cancer, wine, digits (shipped with the course), copied for the same reason
      Path copy =
          DataCopies.stored(cache, "course", home.get().resolve("datasets"), n -> true, Set.of());
      flags.add("-Ddlcourse.home=" + parentInside(sandbox.readOnly(copy, "/course/datasets")));
    }
    Path archive = archive(sandbox);
    if (limits.allModules() && Files.isRegularFile(archive)) {
      flags.add("-XX:SharedArchiveFile=" + sandbox.readOnly(archive, "/grader/tests.jsa"));
    }
    return flags;
  }

  /** Whether a Fashion-MNIST file is one of its training files (never a held-out test file). */
  static boolean isTrainingFile(String name) {
    return name.startsWith("train-") && !HeldOut.FASHION_MNIST_TEST_FILES.contains(name);
  }

  private static String parentInside(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  /** The archive for this sandbox's mode (inside paths differ between modes). */
  Path archive(Sandbox sandbox) {
    return cache.resolve("cds-" + key + (sandbox.isIsolated() ? "-isolated.jsa" : "-host.jsa"));
  }

  /**
   * Records the class-data sharing archive for {@code sandbox}'s mode, once: runs {@link
   * org.dlcourse.grading.runner.LibraryWarmup} (trusted) with the test JVMs' classpath and flags
   * and {@code -XX:ArchiveClassesAtExit}. Without it test JVMs still run, only slower to start.
   */
  public void recordArchive(Sandbox sandbox, Limits limits)
      throws IOException, InterruptedException {
    Path archive = archive(sandbox);
    if (natives == null || !limits.allModules() || Files.isRegularFile(archive)) {
      return;
    }
    Path scratch = Files.createTempDirectory(cache, ".cds-");
    try {
      // Trusted code writes here; the sandbox uid needs to create the file.
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
      List<String> cp = bind(sandbox);
      String out = sandbox.writable(scratch, "/grader/cds");
      List<String> program = new ArrayList<>();
      program.add(sandbox.javaBin() + "java");
      program.addAll(sandbox.jvmFlags());
      program.addAll(jvmFlags(sandbox, limits));
      program.add("-XX:ArchiveClassesAtExit=" + out + "/tests.jsa");
      program.add("-cp");
      program.add(String.join(":", cp));
      program.add("org.dlcourse.grading.runner.LibraryWarmup");
      String log = run(sandbox.environment(new ProcessBuilder(sandbox.command(program, 300))));
      Path made = scratch.resolve("tests.jsa");
      if (Files.isRegularFile(made)) {
        // A copy owned by the grader, read-only: the uid that wrote it cannot change it.
        AtomicFiles.write(
            archive,
            tmp -> {
              Files.copy(made, tmp, StandardCopyOption.REPLACE_EXISTING);
              Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            });
      } else {
        System.err.println("note: no class-data sharing archive (test JVMs start slower): " + log);
      }
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  /** Folders under {@code natives} that hold shared libraries, sorted. */
  static List<Path> nativeDirs(Path natives) throws IOException {
    try (Stream<Path> s = Files.walk(natives)) {
      return s.filter(p -> p.getFileName().toString().matches(".*\\.so(\\.\\d+)*"))
          .map(Path::getParent)
          .distinct()
          .sorted()
          .toList();
    }
  }

  /** Runs the warm-up on the host with JavaCPP's cache in a new folder, then publishes it. */
  private static void extractNatives(Path cache, Path natives, List<Path> jars)
      throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory(cache, ".natives-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + tmp);
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-cp");
    cmd.add(String.join(":", jars.stream().map(Path::toString).toList()));
    cmd.add("org.dlcourse.grading.runner.LibraryWarmup");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", "1");
    String log = run(pb);
    if (nativeDirs(tmp).isEmpty()) {
      FileTrees.deleteTree(tmp);
      throw new IllegalStateException(
          "could not extract ND4J's natives for the course library (is the library built? run"
              + " ./course build):\n"
              + log);
    }
    publish(tmp, natives);
  }

  /** Makes {@code tmp} world-readable and moves it to {@code dest} (or keeps a racing twin). */
  private static void publish(Path tmp, Path dest) throws IOException {
    FileTrees.makeReadable(tmp);
    AtomicFiles.publishDir(tmp, dest);
  }

  private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readNBytes(64 * 1024);
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!p.waitFor(330, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * The folder whose {@code datasets/} holds the course's shipped tabular sets (iris, breast
   * cancer, wine, digits): beside the shipped library in a Gradescope zip ({@code
   * library/course/}), else the course repository the grader runs from.
   */
  public static Optional<Path> courseDatasets() {
    try {
      Path own = TestSession.runnerClasspath().get(0).toAbsolutePath();
      Path shipped = own.getParent().getParent().resolve("library/course");
      if (Files.isDirectory(shipped.resolve("datasets"))) {
        return Optional.of(shipped);
      }
      return org.dlcourse.data.DataLocations.courseHome();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty(); // tests then fail with the library's own message
    }
  }

  /** The host's Fashion-MNIST folder as the course library finds it, or null. */
  static Path fashionMnistDir() {
    return fashionMnist();
  }

  private static Path fashionMnist() {
    try {
      var found = org.dlcourse.data.DataLocations.find(org.dlcourse.data.Catalogue.FASHION_MNIST);
      return found.location().dir().toAbsolutePath();
    } catch (RuntimeException | LinkageError e) {
      // Not found, or the library is not on this JVM's classpath (Gradescope): Debian's folder.
      Path debian = Path.of("/usr/share/datasets/fashion-mnist");
      return Files.isDirectory(debian)
          ? debian
          : null; // else tests fail with the library's message
    }
  }

  /**
   * A digest of the native jars' names and sizes (those named for a platform, like {@code
   * nd4j-native-…-linux-x86_64.jar}): the same natives wherever the jars lie and whatever else
   * changed (the course library's own jar changes with every build).
   */
  private static String nativesKey(List<Path> jars) throws IOException {
    StringBuilder s = new StringBuilder();
    for (Path p : jars) {
      String n = p.getFileName().toString();
      if (!Files.isDirectory(p) && n.matches(".*-(linux|macosx|windows|android)-.*\\.jar")) {
        s.append(p.getFileName()).append(' ').append(Files.size(p)).append('\n');
      }
    }
    return HexFormat.of()
        .formatHex(FileTrees.sha256(s.toString().getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }

  /** A digest of the entries' names, sizes and times (directories: their contents). */
  private static String key(List<Path> entries) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
      for (Path p : entries) {
        String part =
            Files.isDirectory(p)
                ? FileTrees.digest(p)
                : p.toAbsolutePath() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The course library's jars: those a Gradescope zip ships ({@code grader/library/classpath.txt}
   * beside {@code grader/lib/}), else the ones the grader was built with (the resource {@code
   * library-classpath.txt}, absolute paths into the local Maven repository).
   */
  public static List<Path> libraryJars() throws IOException {
    Path own = TestSession.runnerClasspath().get(0);
    Path shipped = own.toAbsolutePath().getParent().getParent().resolve("library/classpath.txt");
    if (Files.isRegularFile(shipped)) {
      List<Path> jars = split(Files.readString(shipped).strip(), shipped.getParent());
      for (Path jar : jars) {
        if (!Files.isRegularFile(jar)) {
          throw new IllegalStateException(
              "the library's jar "
                  + jar
                  + " is missing: setup.sh fetches the jars listed in "
                  + shipped.resolveSibling("central.tsv")
                  + " from Maven Central (GradescopeCli --fetch-library); run it first");
        }
      }
      return jars;
    }
    String built;
    try (var in =
        TestRuntime.class.getResourceAsStream("/org/dlcourse/grading/library-classpath.txt")) {
      built = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    List<Path> jars = split(built, null);
    for (Path jar : jars) {
      if (!Files.exists(jar)) {
        throw new IllegalStateException(
            "the problem set uses the course library, but its jar "
                + jar
                + " is missing; rebuild with ./course build");
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          "the problem set uses the course library, but the grader was built without its"
              + " classpath; rebuild with ./course build (or mvn -o -q install -pl grading -am)");
    }
    return jars;
  }

  private static List<Path> split(String text, Path base) {
    List<Path> out = new ArrayList<>();
    for (String s : text.split(":")) {
      if (!s.isBlank()) {
        out.add(base == null ? Path.of(s) : base.resolve(s));
      }
    }
    return out;
  }
}
