package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dlcourse.grading.sandbox.SandboxMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work folders the sandbox uid can reach: the one asked for, or a stable stand-in. */
class WorkDirsTests {

  @Test
  void aReachableFolderIsUsedAsIs(@TempDir Path tmp) throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = tmp.resolve("out/.grader");
    assertNull(WorkDirs.blockedBy(work));
    assertEquals(work, WorkDirs.reachable(SandboxMode.grading(true), work));
  }

  @Test
  void aFolderBehindAMode700ParentGetsTheSameStandInEveryRun(@TempDir Path tmp) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("root"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path work = home.resolve("course/build/grading-work/ps1-validate");
    assertEquals(home, WorkDirs.blockedBy(work));
    // Unsandboxed graders run as the grader's own user: no stand-in.
    assertEquals(work, WorkDirs.reachable(SandboxMode.grading(false), work));
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path a = WorkDirs.standIn(scratch, work);
    assertEquals(a, WorkDirs.standIn(scratch, work));
    assertTrue(a.getFileName().toString().startsWith("ps1-validate-"));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
    assertNotEquals(a, WorkDirs.standIn(scratch, home.resolve("other/ps1-validate")));
  }

  @Test
  void aStandInRootThatIsALinkIsRefused(@TempDir Path tmp) throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(
        scratch.resolve("dlcourse-work-" + System.getProperty("user.name")), elsewhere);
    var e =
        assertThrows(
            IllegalStateException.class, () -> WorkDirs.standIn(scratch, tmp.resolve("x/y")));
    assertTrue(e.getMessage().contains("is a link"), e.getMessage());
  }
}
