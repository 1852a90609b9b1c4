package org.dlcourse.grading.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dlcourse.grading.problemset.Limits;

/**
 * A kernel memory limit per job slot: a memory cgroup (v1 or v2) under the grader's own, limited to
 * {@link Limits#sandboxMb} (no swap), which every sandboxed process of that slot joins before it
 * starts. It counts what the JVM flags cannot (native allocations of any library, thread stacks,
 * tmpfs pages), so {@code --jobs N} cannot hold more than {@code N × sandboxMb}; past the limit the
 * kernel kills the process and the test fails as "killed". Available when the grader is root and
 * the cgroup file system is writable; otherwise {@link #forSlot} returns null and the JVM flags are
 * the only bound (grading/README.md says which applies).
 */
public final class MemoryCgroup {
  private static final Map<String, MemoryCgroup> SLOTS = new ConcurrentHashMap<>();
  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private final Path dir;
  private final Path procs;

  private MemoryCgroup(Path dir) {
    this.dir = dir;
    this.procs = dir.resolve("cgroup.procs");
  }

  /** The slot's cgroup limited to {@code mb} MiB, made once per grader process; null if none. */
  static MemoryCgroup forSlot(int slot, long mb) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return null;
    }
    return SLOTS.computeIfAbsent(slot + "/" + mb, k -> create(slot, mb));
  }

  /** Whether this grader can bound sandboxes with a memory cgroup. */
  public static boolean available() {
    return forSlot(999, 4096) != null;
  }

  /** {@code cmd} started inside this cgroup: a host shell joins it, then execs the command. */
  List<String> wrap(List<String> cmd) {
    List<String> all = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\""));
    all.add(procs.toString());
    all.addAll(cmd);
    return all;
  }

  private static MemoryCgroup create(int slot, long mb) {
    try {
      Path parent = ownGroup();
      if (parent == null) {
        return null;
      }
      Path dir =
          parent.resolve("dlcourse-" + ProcessHandle.current().pid() + "-" + slot + "-" + mb);
      Files.createDirectories(dir);
      String bytes = Long.toString(mb * 1024 * 1024);
      boolean v2 = Files.exists(dir.resolve("memory.max"));
      if (v2) {
        Files.writeString(dir.resolve("memory.max"), bytes);
        writeIfPresent(dir.resolve("memory.swap.max"), "0");
      } else {
        Files.writeString(dir.resolve("memory.limit_in_bytes"), bytes);
        writeIfPresent(dir.resolve("memory.memsw.limit_in_bytes"), bytes);
      }
      MemoryCgroup g = new MemoryCgroup(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(dir)));
      return g;
    } catch (IOException | RuntimeException e) {
      return null; // not writable here: the JVM flags remain the bound
    }
  }

  /** The grader's own memory cgroup folder (v1 memory hierarchy, else v2), or null. */
  private static Path ownGroup() throws IOException {
    Path v1 = null;
    Path v2 = null;
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && List.of(f[1].split(",")).contains("memory")) {
        v1 = ROOT.resolve("memory").resolve(f[2].substring(1));
      } else if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
        v2 = ROOT.resolve(f[2].substring(1));
      }
    }
    if (v1 != null && Files.isWritable(v1)) {
      return v1;
    }
    if (v2 != null && Files.isWritable(v2) && Files.exists(v2.resolve("memory.max"))) {
      return v2;
    }
    return null;
  }

  private static void writeIfPresent(Path file, String value) {
    try {
      if (Files.exists(file)) {
        Files.writeString(file, value);
      }
    } catch (IOException e) {
      // no swap accounting here: memory alone is limited
    }
  }

  private static void removeQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // still holds a process; the kernel keeps it until that ends
    }
  }
}
