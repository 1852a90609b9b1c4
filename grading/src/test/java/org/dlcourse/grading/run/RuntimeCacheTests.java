package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime cache keeps what was used recently and cleans only when no other grader uses it. */
class RuntimeCacheTests {
  private static final FileTime TWO_DAYS_AGO =
      FileTime.from(Instant.now().minus(Duration.ofHours(48)));

  @TempDir Path tmp;

  /** A cache entry (a folder with a file, or a file) last used two days ago. */
  private static Path old(Path p) throws Exception {
    if (p.getFileName().toString().endsWith(".jsa")) {
      Files.writeString(p, "archive");
    } else {
      Files.createDirectories(p);
      Files.writeString(p.resolve("f"), "x");
    }
    Files.setLastModifiedTime(p, TWO_DAYS_AGO);
    return p;
  }

  @Test
  void entriesUnusedForADayGoWhatWasUsedAndForeignFilesStay() throws Exception {
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Files.createDirectories(cache.resolve("jars"));
    old(cache.resolve("jars/aaaa"));
    old(cache.resolve("natives-aaaa"));
    old(cache.resolve("cds-aaaa-isolated.jsa"));
    old(cache.resolve(".cds-123"));
    Path used = old(cache.resolve("jars/bbbb"));
    Path usedNatives = old(cache.resolve("natives-bbbb"));
    Path young = Files.createDirectories(cache.resolve("jars/cccc"));
    Path foreign = old(cache.resolve("notes"));
    RuntimeCache.touch(used); // what a grader does to each entry it uses
    RuntimeCache.touch(usedNatives);

    RuntimeCache.share(cache);
    List<String> removed = RuntimeCache.cleanOnce(cache, Duration.ofHours(24));

    assertEquals(
        Set.of("jars/aaaa", "natives-aaaa", "cds-aaaa-isolated.jsa", ".cds-123"),
        new TreeSet<>(removed));
    for (String gone : removed) {
      assertFalse(Files.exists(cache.resolve(gone)), gone);
    }
    for (Path kept : List.of(used, usedNatives, young, foreign, cache.resolve(".lock"))) {
      assertTrue(Files.exists(kept), kept + " was removed");
    }
    old(cache.resolve("natives-dddd"));
    assertEquals(List.of(), RuntimeCache.cleanOnce(cache, Duration.ofHours(24)), "once per JVM");
  }

  @Test
  void nothingIsRemovedWhileAnotherGraderHoldsTheCache() throws Exception {
    Path cache = Files.createDirectories(tmp.resolve("shared-cache"));
    Path stale = old(cache.resolve("natives-aaaa"));
    // Another grader process: holds the shared lock, as TestRuntime.prepare does.
    Path holder = tmp.resolve("Hold.java");
    Files.writeString(
        holder,
        "import java.nio.channels.FileChannel; import java.nio.file.*;\n"
            + "public class Hold { public static void main(String[] a) throws Exception {\n"
            + "  FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
            + " StandardOpenOption.READ, StandardOpenOption.WRITE);\n"
            + "  ch.lock(0, Long.MAX_VALUE, true); System.out.println(\"held\");"
            + " Thread.sleep(120_000); } }\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other =
        new ProcessBuilder(java, holder.toString(), cache.resolve(RuntimeCache.LOCK).toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("held", r.readLine(), "the other grader did not take the lock");
      RuntimeCache.share(cache);
      assertEquals(List.of(), RuntimeCache.cleanOnce(cache, Duration.ofHours(24)));
      assertTrue(Files.exists(stale), "removed while another grader held the cache");
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void onlyTheCachesOwnNamesAreEntries() {
    for (String n :
        List.of(
            "natives-ab",
            "cds-ab-host.jsa",
            ".natives-1",
            ".cds-1",
            ".123-cds-a.jsa",
            "data-course-ab",
            ".data-course-1")) {
      assertTrue(RuntimeCache.isEntry(n), n);
    }
    for (String n : List.of(".lock", "jars", "notes", "x-natives-ab")) {
      assertFalse(RuntimeCache.isEntry(n), n);
    }
  }
}
