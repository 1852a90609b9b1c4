package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlcourse.grading.sandbox.MemoryCgroup;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.sandbox.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, items 3 and 6: a problem set's writable {@code /tmp} ({@code limits.tmpMb > 0}) is a
 * size-bounded noexec tmpfs (no native library can be loaded from it), and with a memory cgroup per
 * job slot a native allocation past the slot's memory kills the test JVM.
 */
class WritableSpaceTests {

  /** Honest relu code after {@code attack}, in an otherwise honest (reference) submission. */
  private static void submit(Fixture f, Path subs, String name, String attack) throws Exception {
    String act = f.reference("Activations.java");
    int body = act.indexOf('{', act.indexOf("public static double[] relu")) + 1;
    Path dir = subs.resolve("sample-" + name + "/" + Fixture.PKG);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("Activations.java"),
        act.substring(0, body) + "\n" + attack + act.substring(body));
    Files.writeString(dir.resolve("Gradients.java"), f.reference("Gradients.java"));
  }

  @Test
  void aWritableTmpIsNoexecAndBounded(@TempDir Path tmp) throws Exception {
    assumeTrue(Sandbox.available(), "needs bubblewrap");
    assumeTrue(Scratch.supported(), "needs root to mount a noexec tmpfs");
    String so = BadInputTests.buildNativeLibrary(tmp);
    assumeTrue(so != null, "needs gcc (/usr/bin/gcc) to build the library");
    Fixture f = new Fixture(tmp, "limits.tmpMb=4");
    Path subs = tmp.resolve("subs");
    // The library can be written (the tmpfs is writable) but not loaded; 5 MiB do not fit.
    submit(
        f,
        subs,
        "tmp",
        "    byte[] so = java.util.Base64.getDecoder().decode(\""
            + so
            + "\");\n"
            + "    var lib = java.nio.file.Path.of(\"/tmp/libforge.so\");\n"
            + "    try { java.nio.file.Files.write(lib, so); }\n"
            + "    catch (java.io.IOException e) { throw new IllegalStateException(\"NOT WRITABLE\"); }\n"
            + "    try { System.load(lib.toString()); throw new IllegalStateException(\"LEAK loaded\"); }\n"
            + "    catch (UnsatisfiedLinkError e) { }\n"
            + "    try { java.nio.file.Files.write(java.nio.file.Path.of(\"/tmp/big\"), new byte[5 << 20]);\n"
            + "      throw new IllegalStateException(\"LEAK 5 MiB written\"); }\n"
            + "    catch (java.io.IOException e) { }\n");
    Fixture.Run run = f.cli("grade", "sample", subs.toString(), "--out", "g");
    assertEquals(0, run.status(), run.output());
    String feedback = Files.readString(f.repo.resolve("g/tmp/feedback.txt"));
    assertFalse(feedback.contains("LEAK") || feedback.contains("NOT WRITABLE"), feedback);
    assertTrue(feedback.contains("Score: 8 / 8"), feedback);
  }

  @Test
  void withoutRootAWritableTmpIsRefusedByGrade(@TempDir Path tmp) throws Exception {
    assumeFalse(Scratch.supported(), "as root the grader mounts a noexec tmpfs instead");
    Fixture f = new Fixture(tmp, "limits.tmpMb=4");
    Files.createDirectories(f.repo.resolve("subs"));
    Exception e =
        assertThrows(
            IllegalStateException.class,
            () -> f.cli("grade", "sample", "subs", "--out", "g", "--unsafe-no-sandbox"));
    assertTrue(e.getMessage().contains("noexec"), e.getMessage());
  }

  @Test
  void nativeMemoryPastTheSlotsCgroupKillsTheTestJvm(@TempDir Path tmp) throws Exception {
    assumeTrue(Sandbox.available(), "needs bubblewrap");
    assumeTrue(MemoryCgroup.available(), "needs root and a writable memory cgroup");
    // sandboxMb = 64 + 64 + 32 + 224 + 64 = 448; the slot's limit is 640 MiB (javac's need).
    Fixture f =
        new Fixture(
            tmp,
            "limits.heapMb=64\nlimits.offHeapMb=32\nlimits.processes=64\n"
                + "limits.modules=java.base,java.logging,jdk.unsupported");
    Path subs = tmp.resolve("subs");
    // 1 GiB through sun.misc.Unsafe: no JVM flag counts it; the kernel does.
    submit(
        f,
        subs,
        "native",
        "    try { var uf = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\n"
            + "      uf.setAccessible(true); var u = (sun.misc.Unsafe) uf.get(null);\n"
            + "      long n = 1L << 30; long a = u.allocateMemory(n); u.setMemory(a, n, (byte) 1);\n"
            + "    } catch (ReflectiveOperationException e) { throw new RuntimeException(e); }\n");
    Fixture.Run run = f.cli("grade", "sample", subs.toString(), "--out", "g");
    assertEquals(0, run.status(), run.output());
    String feedback = Files.readString(f.repo.resolve("g/native/feedback.txt"));
    assertTrue(feedback.contains("killed (time or resource limit)"), feedback);
    assertTrue(feedback.contains("[FAIL] relu"), feedback);
  }
}
