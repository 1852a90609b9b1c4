package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a test JVM's exit status is read once its output has ended. GNU {@code timeout}, the
 * sandbox's outermost wrapper, closes its output in an exit handler a moment before it exits; a
 * grader that kills at end of output can catch it in that moment and read 137 ("killed") instead of
 * the status a submission's {@code System.exit} chose. This happened on a busy CI machine.
 */
class TestSessionExitTests {

  /** A process that closes its output, then takes a while before exiting with {@code status}. */
  private static Process closesOutputThenExits(int status) throws Exception {
    return new ProcessBuilder(List.of("/bin/sh", "-c", "exec >&- 2>&-; sleep 0.5; exit " + status))
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void statusIsTheProcessesOwnAfterEndOfOutput() throws Exception {
    Process p = closesOutputThenExits(3);
    try (InputStream in = p.getInputStream()) {
      assertEquals(-1, in.read(), "the output ended");
    }
    assertTrue(p.isAlive(), "the process is still exiting when its output ends");
    assertEquals(3, TestSession.reap(p, true));
  }

  @Test
  void aProcessStoppedForAnotherReasonIsKilledAtOnce() throws Exception {
    // It would exit with 5 in two seconds if it were waited for.
    Process p = new ProcessBuilder(List.of("/bin/sh", "-c", "sleep 2; exit 5")).start();
    assertEquals(137, TestSession.reap(p, false));
  }

  @Test
  void aProcessThatNeverExitsAfterEndOfOutputIsKilledAfterTheGrace() throws Exception {
    Process p = new ProcessBuilder(List.of("/bin/sh", "-c", "exec >&- 2>&-; sleep 60")).start();
    try (InputStream in = p.getInputStream()) {
      assertEquals(-1, in.read());
    }
    assertEquals(137, TestSession.reap(p, true, 1));
  }
}
