package org.dlcourse.grading.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.ProblemSet;

/**
 * Builds the command line that runs a program under bubblewrap as an unprivileged user.
 *
 * <p>Inside: no network (all namespaces unshared), a read-only root and {@code /dev}, no writable
 * path unless the problem set asks for a size-bounded {@code /tmp} (and the compiler's output
 * folder), read-only binds of the JDK's libraries and of the given paths, no {@code /proc}, no
 * shell; outside: {@code setpriv} drops to a per-slot uid, {@code prlimit} caps processes, file
 * size and core dumps, and {@code timeout -k} bounds the wall clock. Without bubblewrap the same
 * command runs unsandboxed (only for a student's own code, or with the instructor's explicit unsafe
 * flag).
 */
public final class Sandbox {
  /** Where bubblewrap is looked for. */
  static final Path BWRAP = Path.of("/usr/bin/bwrap");

  /** How to install bubblewrap, for messages. */
  public static final String INSTALL_HINT =
      "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf"
          + " install bubblewrap) and check that user namespaces are enabled";

  private final boolean isolated;
  private final boolean ownUser;
  private final Limits limits;
  private final int uid;
  private final List<String[]> binds = new ArrayList<>();
  private final int slot;
  private boolean ownCode;
  private Path scratch;

  private Sandbox(boolean isolated, boolean ownUser, Limits limits, int slot) {
    this.isolated = isolated;
    this.ownUser = isolated || ownUser;
    this.limits = limits;
    this.uid = 61000 + slot;
    this.slot = slot;
  }

  /**
   * Marks this sandbox as running the student's own code for their own {@code check}: without root
   * (no noexec tmpfs), a {@code limits.tmpMb > 0} problem set then gets bubblewrap's plain tmpfs
   * instead of a refusal.
   */
  public Sandbox forOwnCode() {
    ownCode = true;
    return this;
  }

  /**
   * The writable {@code /tmp} of the next process, when {@code limits.tmpMb > 0}: a fresh noexec
   * tmpfs of that size ({@link Scratch}), to close after the process; null when the problem set has
   * no writable path or (own code, no root) bubblewrap's tmpfs serves.
   */
  public Scratch openScratch() throws IOException, InterruptedException {
    scratch = null;
    if (limits.tmpMb() == 0) {
      return null;
    }
    if (Scratch.supported()) {
      Scratch s = Scratch.mount(limits.tmpMb());
      scratch = s.dir();
      return s;
    }
    if (ownCode) {
      return null;
    }
    throw new IllegalStateException(NO_NOEXEC_TMP);
  }

  /** Why a {@code limits.tmpMb > 0} problem set cannot be graded here. */
  static final String NO_NOEXEC_TMP =
      "limits.tmpMb > 0 gives test JVMs a writable /tmp, which the grader mounts as a noexec"
          + " tmpfs (so no native code can be loaded from it); that needs root, and this grader"
          + " is not root. Grade as root, or set limits.tmpMb=0 in "
          + ProblemSet.CONFIG;

  /** A sandbox for job slot {@code slot} (each slot gets its own uid). */
  public static Sandbox isolated(Limits limits, int slot) {
    return new Sandbox(true, true, limits, slot);
  }

  /**
   * No bubblewrap, but the program still runs as the slot's own unprivileged uid (when the grader
   * is root) under the same process, file-size and time limits: for containers that forbid user
   * namespaces and are themselves the sandbox (Gradescope), see grading/README.md.
   */
  public static Sandbox userOnly(Limits limits, int slot) {
    return new Sandbox(false, true, limits, slot);
  }

  /** No isolation: the same JVM flags and time limits, run directly. */
  public static Sandbox plain(Limits limits) {
    return new Sandbox(false, false, limits, 0);
  }

  /** Whether bubblewrap exists and works here. */
  public static boolean available() {
    if (!Files.isExecutable(BWRAP)) {
      return false;
    }
    try {
      Sandbox probe = isolated(Limits.defaults(), 0);
      Process p =
          new ProcessBuilder(probe.command(List.of(probe.javaBin() + "java", "-version"), 20))
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether this sandbox isolates (bubblewrap) or runs plainly. */
  public boolean isIsolated() {
    return isolated;
  }

  /** The uid the sandboxed process runs as (for chown of its writable directories). */
  public int uid() {
    return uid;
  }

  /** Adds a read-only bind; returns the path to use inside. */
  public String readOnly(Path host, String inside) {
    binds.add(new String[] {"--ro-bind", host.toAbsolutePath().toString(), inside});
    return isolated ? inside : host.toAbsolutePath().toString();
  }

  /** Adds a writable bind; returns the path to use inside. */
  public String writable(Path host, String inside) {
    binds.add(new String[] {"--bind", host.toAbsolutePath().toString(), inside});
    return isolated ? inside : host.toAbsolutePath().toString();
  }

  /** The JDK's {@code bin/} directory as seen inside. */
  public String javaBin() {
    return Path.of(System.getProperty("java.home")).toAbsolutePath() + "/bin/";
  }

  /** The full command: limits and sandbox around {@code program}, killed after {@code seconds}. */
  public List<String> command(List<String> program, int seconds) {
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/timeout"))) {
      cmd.addAll(List.of("/usr/bin/timeout", "-s", "KILL", Integer.toString(seconds)));
    }
    if (ownUser && isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      // Run bubblewrap itself as an unprivileged uid: root would be exempt from RLIMIT_NPROC.
      cmd.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + uid,
              "--regid=" + uid,
              "--clear-groups",
              "--inh-caps=-all",
              "--"));
    }
    if (Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
      cmd.add("/usr/bin/prlimit");
      if (ownUser) {
        // Per-uid count: only meaningful for the sandbox's own uid.
        cmd.add("--nproc=" + limits.processes());
      }
      cmd.addAll(List.of("--fsize=" + (long) limits.fileSizeMb() * 1024 * 1024, "--core=0", "--"));
    }
    if (isolated) {
      cmd.addAll(bwrapArgs());
      cmd.add("--");
    }
    cmd.addAll(program);
    MemoryCgroup group = MemoryCgroup.forSlot(slot, limits.slotMb());
    return group == null ? cmd : group.wrap(cmd);
  }

  private List<String> bwrapArgs() {
    String javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().toString();
    List<String> a = new ArrayList<>();
    a.add(BWRAP.toString());
    a.addAll(
        List.of(
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--clearenv",
            "--setenv",
            "HOME",
            "/tmp",
            "--setenv",
            "LANG",
            "C.UTF-8",
            "--setenv",
            "OMP_NUM_THREADS",
            Integer.toString(limits.threads()),
            "--setenv",
            "LD_LIBRARY_PATH",
            javaHome + "/lib:" + javaHome + "/lib/server"));
    // Libraries only: the JDK and shared libraries, no /usr/bin (no shell, no compiler).
    for (String dir : List.of("/usr/lib", "/usr/lib64", "/usr/lib32")) {
      if (Files.isDirectory(Path.of(dir))) {
        a.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    for (String link : List.of("/lib", "/lib64")) {
      Path p = Path.of(link);
      if (Files.isSymbolicLink(p)) {
        try {
          a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), link));
        } catch (IOException e) {
          // an unreadable link is simply not recreated
        }
      } else if (Files.isDirectory(p)) {
        a.addAll(List.of("--ro-bind", link, link));
      }
    }
    if (!javaHome.startsWith("/usr/lib/")) {
      a.addAll(List.of("--ro-bind", javaHome, javaHome));
    }
    // Debian keeps jvm.cfg and security settings in /etc/java-NN-openjdk.
    try (var etc = Files.list(Path.of("/etc"))) {
      etc.filter(p -> p.getFileName().toString().startsWith("java-"))
          .forEach(p -> a.addAll(List.of("--ro-bind", p.toString(), p.toString())));
    } catch (IOException e) {
      // no /etc/java-*: nothing to bind
    }
    a.addAll(List.of("--dev", "/dev"));
    if (scratch != null) {
      // A noexec tmpfs mounted on the host: bwrap keeps (the kernel locks) its noexec flag.
      a.addAll(List.of("--bind", scratch.toString(), "/tmp"));
    } else if (limits.tmpMb() > 0 && ownCode) {
      // The student's own check without root: bwrap's tmpfs (executable; their own code).
      a.addAll(List.of("--size", Long.toString((long) limits.tmpMb() * 1024 * 1024)));
      a.addAll(List.of("--tmpfs", "/tmp"));
    } else {
      a.addAll(List.of("--dir", "/tmp"));
    }
    for (String[] b : binds) {
      a.addAll(List.of(b));
    }
    // Everything bwrap made (the root, mount points, /dev) becomes read-only: the only writable
    // places left are the size-bounded /tmp (when asked for) and explicit writable binds.
    a.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
    a.addAll(List.of("--chdir", "/tmp"));
    return a;
  }

  /** The JVM flags every test JVM gets, here and in {@code check}. */
  public List<String> jvmFlags() {
    long heap = limits.heapMb();
    long off = limits.offHeapMb();
    List<String> flags = new ArrayList<>();
    Collections.addAll(
        flags,
        "-Xmx" + heap + "m",
        "-Xss1m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:MaxDirectMemorySize=64m",
        "-XX:MaxMetaspaceSize=128m",
        "-XX:CompressedClassSpaceSize=64m",
        "-XX:ReservedCodeCacheSize=32m",
        "-XX:+DisableAttachMechanism",
        "-XX:-UsePerfData",
        "-Dorg.bytedeco.javacpp.maxbytes=" + off + "m",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (heap + off + 256) + "m",
        "-Djava.io.tmpdir=" + (isolated || scratch == null ? "/tmp" : scratch),
        "-Duser.home=/tmp",
        "-Dfile.encoding=UTF-8");
    if (!limits.allModules()) {
      flags.addAll(List.of("--limit-modules", limits.modules()));
    }
    return flags;
  }

  /**
   * Sets the environment a program gets outside bubblewrap (inside, {@code --clearenv} and the
   * {@code --setenv}s above decide): the same {@code OMP_NUM_THREADS} in every mode.
   */
  public ProcessBuilder environment(ProcessBuilder pb) {
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(limits.threads()));
    return pb;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
