package org.dlcourse.grading.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlcourse.grading.files.FileTrees;

/**
 * The writable {@code /tmp} of one sandboxed process when a problem set sets {@code limits.tmpMb >
 * 0}: a fresh tmpfs of that size mounted on the host with {@code noexec,nosuid,nodev} and bound
 * into the sandbox. bubblewrap keeps a bound mount's {@code noexec} (the kernel locks it in the new
 * namespace), so code written there cannot be mapped executable: no native library can be loaded
 * from it. Mounting needs root; without root such problem sets are refused by {@code grade} and
 * Gradescope (see {@link #supported}), and a student's own {@code check} gets bubblewrap's plain
 * tmpfs (their own code, nothing to protect).
 */
public final class Scratch implements AutoCloseable {
  private final Path dir;

  private Scratch(Path dir) {
    this.dir = dir;
  }

  /** Whether this grader can mount a noexec tmpfs (it runs as root and has mount(8)). */
  public static boolean supported() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/mount"))
        && Files.isExecutable(Path.of("/usr/bin/umount"));
  }

  /** Mounts a fresh noexec tmpfs of {@code mb} MiB that any uid may write. */
  static Scratch mount(int mb) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("dlcourse-tmp-");
    FileTrees.makeReadableDir(dir);
    String options = "size=" + (long) mb * 1024 * 1024 + ",mode=1777,noexec,nosuid,nodev";
    String out =
        run(List.of("/usr/bin/mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
    if (!out.isEmpty()) {
      Files.deleteIfExists(dir);
      throw new IllegalStateException(
          "could not mount a noexec tmpfs for limits.tmpMb at " + dir + ": " + out);
    }
    return new Scratch(dir);
  }

  /** The mounted folder on the host. */
  Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    try {
      run(List.of("/usr/bin/umount", "-l", dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(dir);
  }

  /** Runs a command; returns its output when it failed, else the empty string. */
  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out: " + cmd;
    }
    return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + out.strip();
  }
}
