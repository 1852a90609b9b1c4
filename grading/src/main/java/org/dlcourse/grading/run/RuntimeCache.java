package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dlcourse.grading.files.FileTrees;

/**
 * Keeps the runtime cache ({@link TestRuntime#cacheRoot}) from growing without end: every build of
 * the grader or the library adds jar copies (the library's are about 180 MB) and class-data sharing
 * archives (about 17 MB each), and each ND4J version its natives (about 440 MB).
 *
 * <p>Every grader process holds a shared lock on {@code <cache>/.lock} while it uses the cache, and
 * marks each entry it uses by setting its time to now. Once per process, after preparing its
 * runtime, a grader tries the exclusive lock: only when no other grader holds the cache does it
 * remove the entries not used for {@link #keep()} (default 24 hours), and only entries of the
 * cache's own shapes ({@code jars/<digest>/}, {@code natives-<digest>/}, {@code cds-*.jsa}, {@code
 * data-*} and unfinished temporary ones); then it shares the lock again. An entry a grader uses is
 * never older than that, so a grader built before this lock existed (which does not take it) loses
 * nothing it used within the last day either.
 */
final class RuntimeCache {
  static final String LOCK = ".lock";

  private static final Map<Path, FileChannel> CHANNELS = new HashMap<>();
  private static final Map<Path, FileLock> SHARED = new HashMap<>();
  private static final Set<Path> CLEANED = new HashSet<>();

  private RuntimeCache() {}

  /** Holds a shared lock on {@code cache} for the rest of this JVM (waits while one is cleaned). */
  static synchronized void share(Path cache) throws IOException {
    if (SHARED.containsKey(cache)) {
      return;
    }
    FileChannel ch =
        FileChannel.open(
            cache.resolve(LOCK),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    // Only graders (the cache's owner) may lock it; a test JVM's uid cannot hold off a clean-up.
    Files.setPosixFilePermissions(
        cache.resolve(LOCK), PosixFilePermissions.fromString("rw-------"));
    CHANNELS.put(cache, ch);
    SHARED.put(cache, ch.lock(0, Long.MAX_VALUE, true));
  }

  /**
   * Once per JVM and cache: when no other process holds the cache, removes its entries unused for
   * longer than {@code keep}; returns their names (empty when another grader holds it).
   */
  static synchronized List<String> cleanOnce(Path cache, Duration keep) throws IOException {
    FileLock shared = SHARED.get(cache);
    if (shared == null || !CLEANED.add(cache)) {
      return List.of(); // not shared by this JVM, or cleaned by it already
    }
    FileChannel ch = CHANNELS.get(cache);
    shared.release();
    List<String> removed = List.of();
    FileLock exclusive = ch.tryLock(0, Long.MAX_VALUE, false);
    if (exclusive != null) {
      try {
        removed = removeStale(cache, Instant.now().minus(keep));
      } finally {
        exclusive.release();
      }
    }
    SHARED.put(cache, ch.lock(0, Long.MAX_VALUE, true));
    return removed;
  }

  /** Marks an entry as used now (a failure only means it may be removed a day earlier). */
  static void touch(Path entry) {
    try {
      Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // read-only or foreign: nothing to mark
    }
  }

  /** How long an unused entry is kept: {@code DLCOURSE_RUNTIME_CACHE_KEEP_HOURS}, default 24. */
  static Duration keep() {
    String v = System.getProperty("dlcourse.runtime.cache.keepHours");
    if (v == null || v.isBlank()) {
      v = System.getenv("DLCOURSE_RUNTIME_CACHE_KEEP_HOURS");
    }
    if (v == null || v.isBlank()) {
      return Duration.ofHours(24);
    }
    try {
      return Duration.ofHours(Math.max(1, Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DLCOURSE_RUNTIME_CACHE_KEEP_HOURS must be a whole number of hours (at least 1) but was '"
              + v
              + "'");
    }
  }

  /** Removes the cache's own entries last used before {@code cutoff}; returns their names. */
  static List<String> removeStale(Path cache, Instant cutoff) throws IOException {
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> s = Files.list(cache)) {
      s.filter(p -> isEntry(p.getFileName().toString())).forEach(candidates::add);
    }
    Path jars = cache.resolve("jars");
    if (Files.isDirectory(jars, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(jars)) {
        s.forEach(candidates::add);
      }
    }
    List<String> removed = new ArrayList<>();
    for (Path p : candidates) {
      FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
      if (t.toInstant().isBefore(cutoff)) {
        FileTrees.deleteTree(p);
        removed.add(cache.relativize(p).toString());
      }
    }
    return removed;
  }

  /** Names the cache itself writes at its top level (never {@code .lock} or {@code jars}). */
  static boolean isEntry(String name) {
    return name.matches(
        "(natives|cds|train-only|data)-.*|\\.(natives|cds|train-only|data)-.*|\\.\\d+-cds-.*\\.jsa");
  }
}
