package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.sandbox.SandboxMode;

/**
 * Where a grader's sandboxed work happens (compiled tests, the reference, each submission's
 * scratch). Sandboxed processes run as another uid when the grader is root, and that uid must reach
 * the work folder; a folder inside a checkout under {@code /root} or in {@code mktemp -d} (mode
 * 700) is out of its reach. Such a folder gets a stand-in under the temp folder ({@code
 * <tmp>/dlcourse-work-<user>/<digest of the folder's path>}), the same one on every run, so the
 * grader works wherever the instructor keeps the course and its output, without a {@code chmod}.
 */
public final class WorkDirs {
  private WorkDirs() {}

  /** {@code dir} when {@code mode}'s processes can reach it, else its stand-in (created). */
  public static Path reachable(SandboxMode mode, Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!mode.separatesUsers() || blockedBy(abs) == null) {
      return abs;
    }
    return standIn(Path.of(System.getProperty("java.io.tmpdir")), abs);
  }

  /** The first existing parent of {@code dir} that others cannot traverse, or null. */
  static Path blockedBy(Path dir) throws IOException {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)
          && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The stand-in for {@code dir} under {@code tmp}: refused when its parent is a link or another
   * user's (who could have planted files there), like the runtime cache.
   */
  static Path standIn(Path tmp, Path dir) throws IOException {
    Path root =
        FileTrees.ownFolder(
            tmp.resolve("dlcourse-work-" + System.getProperty("user.name")),
            "the grader's work folder",
            "remove it and run again");
    String digest =
        HexFormat.of()
            .formatHex(FileTrees.sha256(dir.toString().getBytes(StandardCharsets.UTF_8)))
            .substring(0, 16);
    Path standIn = root.resolve(dir.getFileName() + "-" + digest);
    Files.createDirectories(standIn);
    FileTrees.makeReadableDir(standIn);
    return standIn;
  }
}
