package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlcourse.grading.grades.GradeRun;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory bounds with --jobs, and no module that hands student code raw memory. */
class SandboxLimitsTests {

  @Test
  void jobsThatCouldExhaustTheMachinesMemoryAreRefused() {
    Limits l = Limits.defaults();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradeRun.checkMemory(64, l, 24_000));
    assertTrue(
        e.getMessage().contains("--jobs 64 would let the sandboxes hold up to"), e.getMessage());
    assertTrue(e.getMessage().contains("use --jobs " + 24_000 / l.slotMb()), e.getMessage());
    GradeRun.checkMemory(2, l, 24_000); // fits
  }

  @Test
  void theCliRefusesTooManyJobsBeforeGradingAnything(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");
    Files.createDirectories(f.repo.resolve("subs"));
    Exception e =
        assertThrows(
            IllegalArgumentException.class,
            () -> f.cli("grade", "sample", "subs", "--out", "g", "--jobs", "100000"));
    assertTrue(e.getMessage().contains("more than this machine's"), e.getMessage());
    assertTrue(Files.notExists(f.repo.resolve("g")), "nothing may be written before the refusal");
  }

  @Test
  void everySandboxedJvmHasItsOffHeapMetaspaceAndCodeCacheCapped() {
    List<String> flags = Sandbox.plain(Limits.defaults()).jvmFlags();
    for (String flag :
        List.of(
            "-Xmx256m",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=32m",
            "-Dorg.bytedeco.javacpp.maxbytes=512m")) {
      assertTrue(flags.contains(flag), flag + " missing from " + flags);
    }
  }
}
