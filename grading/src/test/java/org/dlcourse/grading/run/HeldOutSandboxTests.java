package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge's held-out data never enters a sandbox: a test JVM of a problem set with {@code
 * heldOut=fashion-mnist-test} sees Fashion-MNIST's training files and nothing else of the folder,
 * neither where the library looks ({@code /data/fashion-mnist}) nor at the host path; nor the word
 * list ps4's held-out text is drawn from ({@code heldOut=wamerican-words}).
 */
class HeldOutSandboxTests {
  static final String PROBE =
      """
      import java.nio.file.*;
      public class Probe {
        public static void main(String[] a) throws Exception {
          Path dir = Path.of(System.getProperty("dlcourse.data"), "fashion-mnist");
          try (var s = Files.list(dir)) {
            s.forEach(p -> System.out.println("LISTED " + p.getFileName()));
          }
          for (String n : new String[] {"train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz",
              "t10k-labels-idx1-ubyte.gz"}) {
            for (Path p : new Path[] {dir.resolve(n), Path.of(a[0], n)}) {
              try {
                System.out.println("READ " + p + " " + Files.readString(p));
              } catch (Exception e) {
                System.out.println("DENIED " + p);
              }
            }
          }
          Path words = Path.of("/usr/share/dict/american-english");
          try {
            System.out.println("READ " + words + " " + Files.readAllBytes(words).length + " bytes");
          } catch (Exception e) {
            System.out.println("DENIED " + words);
          }
          String home = System.getProperty("dlcourse.home");
          if (home != null) {
            Path readme = Path.of(home, "datasets", "README.md");
            try {
              System.out.println("HOME " + Files.readAllBytes(readme).length + " bytes");
            } catch (Exception e) {
              System.out.println("HOME DENIED " + readme + ": " + e);
            }
          }
        }
      }
      """;

  @Test
  void aTestJvmCannotReadTheHeldOutFiles(@TempDir Path tmp) throws Exception {
    assumeTrue(Sandbox.available(), "needs a working bubblewrap");
    FileTrees.makeReadableDir(tmp); // the sandbox's uid must reach the bound folders
    String withheld = probe(tmp.resolve("a"), Set.of("fashion-mnist-test"));
    assertTrue(
        withheld.contains("READ /data/fashion-mnist/train-images-idx3-ubyte.gz TRAIN"), withheld);
    assertFalse(withheld.contains("t10k-images-idx3-ubyte.gz TEST"), withheld);
    assertFalse(withheld.contains("t10k-labels-idx1-ubyte.gz TEST"), withheld);
    assertFalse(withheld.contains("LISTED t10k"), withheld);
    assertTrue(withheld.contains("DENIED /data/fashion-mnist/t10k-images-idx3-ubyte.gz"), withheld);
    // ps4's held-out text is drawn from the word list: no sandbox binds /usr/share (checked where
    // the host has the list, so that "denied" means hidden, not absent).
    if (Files.isReadable(Path.of(HeldOutText.DICTIONARY))) {
      assertTrue(withheld.contains("DENIED /usr/share/dict/american-english"), withheld);
    }
    // The control: without heldOut the same probe reads the test files (so it can see them).
    String shared = probe(tmp.resolve("b"), Set.of());
    assertTrue(shared.contains("t10k-images-idx3-ubyte.gz TEST"), shared);
  }

  /**
   * A root grader's data may lie where the sandbox uid cannot go (a checkout in {@code mktemp -d}
   * or under {@code /root}, both mode 700; {@code ~/.cache/dlcourse}): the test JVMs still read it,
   * through the cache's copy, and the course's shipped tables too.
   */
  @Test
  void dataInAFolderTheSandboxUidCannotEnterIsStillRead(@TempDir Path tmp) throws Exception {
    assumeTrue(Sandbox.available(), "needs a working bubblewrap");
    FileTrees.makeReadableDir(tmp);
    String out = probe(tmp.resolve("c"), Set.of(), true);
    assertTrue(out.contains("READ /data/fashion-mnist/train-images-idx3-ubyte.gz TRAIN"), out);
    assertTrue(out.contains("READ /data/fashion-mnist/t10k-images-idx3-ubyte.gz TEST"), out);
    if (TestRuntime.courseDatasets().isPresent()) {
      assertTrue(out.matches("(?s).*HOME [1-9]\\d* bytes.*"), out);
    }
    String withheld = probe(tmp.resolve("d"), Set.of("fashion-mnist-test"), true);
    assertTrue(withheld.contains("/data/fashion-mnist/train-images-idx3-ubyte.gz TRAIN"), withheld);
    assertFalse(withheld.contains("TEST"), withheld);
  }

  private static String probe(Path tmp, Set<String> heldOut) throws Exception {
    return probe(tmp, heldOut, false);
  }

  /**
   * Runs the probe in a sandboxed JVM with a library set's flags; returns its output. With {@code
   * hidden} the Fashion-MNIST folder lies in a mode-700 folder the sandbox uid cannot enter.
   */
  private static String probe(Path tmp, Set<String> heldOut, boolean hidden) throws Exception {
    Path parent = hidden ? tmp.resolve("private") : tmp;
    Path data = Files.createDirectories(parent.resolve("fashion-mnist"));
    for (String n : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte")) {
      Files.writeString(data.resolve(n + ".gz"), "TRAIN");
    }
    for (String n : List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
      Files.writeString(data.resolve(n + ".gz"), "TEST");
    }
    Path natives = Files.createDirectories(tmp.resolve("natives"));
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Path src = Files.createDirectories(tmp.resolve("probe"));
    Files.writeString(src.resolve("Probe.java"), PROBE);
    FileTrees.makeReadable(tmp);
    if (hidden) {
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
    }
    Limits limits = Limits.libraryDefaults();
    Sandbox sandbox = Sandbox.isolated(limits, 0);
    TestRuntime runtime = new TestRuntime(List.of(), natives, data, cache, "k");
    List<String> program = new ArrayList<>(List.of(sandbox.javaBin() + "java", "-Xmx256m"));
    for (String flag : runtime.jvmFlags(sandbox, limits, heldOut)) {
      if (flag.startsWith("-Ddlcourse.data") || flag.startsWith("-Ddlcourse.home")) {
        program.add(flag);
      }
    }
    program.add(sandbox.readOnly(src, "/probe") + "/Probe.java");
    program.add(data.toString());
    Process p =
        sandbox
            .environment(new ProcessBuilder(sandbox.command(program, 120)))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
