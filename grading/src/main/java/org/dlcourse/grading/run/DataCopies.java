package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;

/**
 * Copies, in the runtime cache, of the data folders test JVMs read (Fashion-MNIST, the course's
 * shipped tables). A sandbox uid must reach every path it is given, and a root grader's data often
 * lies where it cannot: a checkout under {@code /root} or in {@code mktemp -d} (both mode 700), the
 * user cache {@code ~/.cache/dlcourse}. The cache under {@code /tmp} is reachable, so test JVMs
 * read these copies instead, and a dataset changed on the host cannot change under a running grader
 * either.
 *
 * <p>Copies are readable by all, except files named in {@code keepMode}: those keep their source's
 * permission bits, so a held-out file made root-only (Gradescope's container mode) stays root-only
 * in a copy another problem set asked for. Each entry is {@code data-<name>-<digest>/<folder>}, the
 * digest over the chosen files' relative paths, sizes and times, made once in a temporary folder
 * and renamed into place when complete.
 */
final class DataCopies {
  private DataCopies() {}

  /**
   * The cache's copy of the regular files under {@code folder} whose names {@code keep} accepts, in
   * a folder named like {@code folder}; returns that folder.
   *
   * @param name the entry's name in the cache, e.g. {@code fashion-mnist-train}
   * @param keepMode names of files whose permission bits are copied, not opened to all
   */
  static Path stored(
      Path cache, String name, Path folder, Predicate<String> keep, Set<String> keepMode)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "the data folder " + folder + " is missing; run ./course doctor to see what to install");
    }
    Path source = folder.toRealPath(); // a linked folder: walk what it points to
    List<Path> files = files(source, keep);
    String named = folder.getFileName().toString();
    Path entry = cache.resolve("data-" + name + "-" + key(source, files));
    Path copy = entry.resolve(named);
    if (!Files.isDirectory(copy)) {
      Path tmp = Files.createTempDirectory(cache, ".data-" + name + "-");
      Path dest = tmp.resolve(named);
      Files.createDirectories(dest);
      for (Path f : files) {
        Path t = dest.resolve(source.relativize(f).toString());
        Files.createDirectories(t.getParent());
        Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
        if (!keepMode.contains(f.getFileName().toString())) {
          FileTrees.readableByAll(t);
        }
      }
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path d : s.filter(Files::isDirectory).toList()) {
          FileTrees.makeReadableDir(d);
        }
      }
      if (!key(source, files(source, keep)).equals(key(source, files))) {
        FileTrees.deleteTree(tmp);
        throw new IllegalStateException(
            source + " changed while the grader copied it (a download running?); run again");
      }
      AtomicFiles.publishDir(tmp, entry);
    }
    RuntimeCache.touch(entry);
    return copy;
  }

  /** The regular files under {@code source} (links followed) whose names {@code keep} accepts. */
  private static List<Path> files(Path source, Predicate<String> keep) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(source)) {
      s.filter(Files::isRegularFile)
          .filter(p -> keep.test(p.getFileName().toString()))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** A digest of the source folder and its chosen files' relative paths, sizes and times. */
  private static String key(Path source, List<Path> files) throws IOException {
    StringBuilder s = new StringBuilder(source.toAbsolutePath().toString()).append('\n');
    for (Path f : files) {
      s.append(source.relativize(f))
          .append(' ')
          .append(Files.size(f))
          .append(' ')
          .append(Files.getLastModifiedTime(f).toMillis())
          .append('\n');
    }
    return HexFormat.of()
        .formatHex(FileTrees.sha256(s.toString().getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }
}
