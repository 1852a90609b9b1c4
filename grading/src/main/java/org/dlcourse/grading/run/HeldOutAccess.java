package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlcourse.grading.sandbox.SandboxMode;

/**
 * Where no bubblewrap hides files from a test JVM (Gradescope's container mode: test JVMs run as
 * uids 61000 and 61001 and see the whole file system), the judge's held-out files must be
 * unreadable to those uids, or a submission could read the test images and labels and record a
 * model that memorised them. Gradescope's {@code setup.sh} makes them root-only; this check refuses
 * to grade at all, before any submission runs, when that did not happen (an image built without
 * {@code setup.sh}, a dataset package reinstalled later), instead of grading with a leak.
 */
public final class HeldOutAccess {
  /** The uids test JVMs run as in container mode (public and hidden slot). */
  static final Set<Integer> TEST_UIDS = Set.of(61_000, 61_001);

  private HeldOutAccess() {}

  /** The files on this machine that hold the named held-out sets (those that exist). */
  static List<Path> files(Set<String> heldOut, Path fashionMnist, Path dictionary) {
    List<Path> out = new ArrayList<>();
    if (heldOut.contains("fashion-mnist-test") && fashionMnist != null) {
      for (String name : HeldOut.FASHION_MNIST_TEST_FILES) {
        Path p = fashionMnist.resolve(name);
        if (Files.exists(p)) {
          out.add(p);
        }
      }
    }
    if (heldOut.contains(HeldOutText.WAMERICAN_WORDS) && Files.exists(dictionary)) {
      out.add(dictionary);
    }
    out.sort(null);
    return out;
  }

  /**
   * Refuses to grade in {@code mode} when it runs test JVMs without bubblewrap and one of this
   * machine's {@code heldOut} files is readable to them.
   */
  public static void check(SandboxMode mode, Set<String> heldOut) throws IOException {
    check(
        mode.kind(),
        mode.switchesUser(),
        heldOut,
        TestRuntime.fashionMnistDir(),
        Path.of(HeldOutText.DICTIONARY));
  }

  /**
   * The same with the mode's parts and the Fashion-MNIST folder and word list given (tests). In
   * container mode without root, test JVMs run as the grader's own uid, which must read the
   * held-out data: nothing can hide it, so such a set is refused outright.
   */
  static void check(
      SandboxMode.Kind kind,
      boolean switchesUser,
      Set<String> heldOut,
      Path fashionMnist,
      Path dictionary)
      throws IOException {
    if (kind != SandboxMode.Kind.CONTAINER) {
      return; // bubblewrap binds only the training files; NONE is the instructor's unsafe choice
    }
    List<Path> files = files(heldOut, fashionMnist, dictionary);
    if (!switchesUser && !files.isEmpty()) {
      throw new IllegalStateException(
          "this problem set withholds "
              + heldOut
              + " from its tests, but without bubblewrap and without root the test JVMs run as"
              + " the grader's own user, who can read "
              + files
              + ". Nothing was graded. Grade as root (Gradescope does) or where bubblewrap starts.");
    }
    checkPrivate(files);
  }

  /**
   * Refuses files a test uid could read: owned by a test uid, or with group or other read
   * permission (a symbolic link is judged by its target).
   *
   * @throws IllegalStateException naming every readable file, its mode and the {@code chmod} that
   *     fixes it
   */
  public static void checkPrivate(List<Path> files) throws IOException {
    List<String> readable = new ArrayList<>();
    List<String> fix = new ArrayList<>();
    for (Path p : files) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
      int owner = (Integer) Files.getAttribute(p, "unix:uid");
      if (mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ)
          || TEST_UIDS.contains(owner)) {
        Path real = p.toRealPath();
        String link = real.equals(p.toAbsolutePath()) ? "" : ", linked from " + p;
        readable.add(
            real
                + " (mode "
                + PosixFilePermissions.toString(mode)
                + ", owner uid "
                + owner
                + link
                + ")");
        fix.add(real.toString());
      }
    }
    if (!readable.isEmpty()) {
      throw new IllegalStateException(
          "held-out data is readable by the test JVMs' uids (no bubblewrap here, so nothing else"
              + " hides it): "
              + String.join("; ", readable)
              + ". Nothing was graded. Make each file root-only: chown root "
              + String.join(" ", fix)
              + " && chmod 0600 "
              + String.join(" ", fix)
              + " (Gradescope's setup.sh does this when it builds the image), then grade again.");
    }
  }
}
