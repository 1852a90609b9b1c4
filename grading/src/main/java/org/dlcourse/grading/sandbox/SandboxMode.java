package org.dlcourse.grading.sandbox;

import org.dlcourse.grading.problemset.Limits;

/**
 * How one grader isolates every process it starts, fixed when the grader is set up.
 *
 * @param kind bubblewrap, the container as the sandbox (Gradescope without bubblewrap), or none
 * @param ownCode a student checking their own code ({@link Sandbox#forOwnCode})
 */
public record SandboxMode(Kind kind, boolean ownCode) {
  /** The job slot (uid 61000 + slot) of hidden-test JVMs in container mode. */
  public static final int HIDDEN_SLOT = 1;

  /** The three ways a grader runs student code. */
  public enum Kind {
    /** bubblewrap, as uid 61000 + slot when the grader is root. */
    BUBBLEWRAP,
    /**
     * No bubblewrap, but unprivileged uids (when root): public tests as 61000, hidden tests as
     * 61001, for a container that is itself the sandbox (Gradescope).
     */
    CONTAINER,
    /** No isolation: trusted code, or the instructor's {@code --unsafe-no-sandbox}. */
    NONE
  }

  /** {@code grade} and {@code validate}: bubblewrap, or nothing with the unsafe flag. */
  public static SandboxMode grading(boolean isolated) {
    return new SandboxMode(isolated ? Kind.BUBBLEWRAP : Kind.NONE, false);
  }

  /** Gradescope: bubblewrap where it starts, else the container with per-suite uids. */
  public static SandboxMode gradescope(boolean isolated) {
    return new SandboxMode(isolated ? Kind.BUBBLEWRAP : Kind.CONTAINER, false);
  }

  /** A student's own {@code check}: bubblewrap where it is installed, else none. */
  public static SandboxMode check(boolean isolated) {
    return new SandboxMode(isolated ? Kind.BUBBLEWRAP : Kind.NONE, true);
  }

  /** A sandbox for one process in job slot {@code slot}. */
  public Sandbox open(Limits limits, int slot) {
    Sandbox s =
        switch (kind) {
          case BUBBLEWRAP -> Sandbox.isolated(limits, slot);
          case CONTAINER -> Sandbox.userOnly(limits, slot);
          case NONE -> Sandbox.plain(limits);
        };
    return ownCode ? s.forOwnCode() : s;
  }

  /** The sandbox of a test suite: in container mode hidden tests run as their own uid. */
  public Sandbox forSuite(Limits limits, int slot, boolean hidden) {
    return open(limits, kind == Kind.CONTAINER && hidden ? HIDDEN_SLOT : slot);
  }

  /** Whether processes run as another uid than the grader's (only a root grader switches). */
  public boolean switchesUser() {
    return kind != Kind.NONE && isRoot();
  }

  /** Whether this mode runs student code as other uids, which must reach the work folder. */
  public boolean separatesUsers() {
    return kind != Kind.NONE;
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Refuses, before any work, a writable /tmp that could not be mounted noexec here. */
  public void checkScratch(Limits limits) {
    if (limits.tmpMb() > 0 && !ownCode && !Scratch.supported()) {
      throw new IllegalStateException(Sandbox.NO_NOEXEC_TMP);
    }
  }
}
