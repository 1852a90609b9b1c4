package org.dlcourse.grading.grades;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.run.Autograder;
import org.dlcourse.grading.run.GraderSetup;
import org.dlcourse.grading.run.SubmissionResult;
import org.dlcourse.grading.sandbox.MemoryCgroup;

/**
 * {@code grade}: grades every submission in a directory, in parallel, re-grading only what changed,
 * and writes per-submission results and the gradebook.
 */
public final class GradeRun {
  private final ProblemSet problemSet;
  private final Path out;
  private final int jobs;
  private final boolean published;
  private final boolean isolated;
  private final PrintStream log;

  /** Counts of one run. */
  public record Summary(int graded, int unchanged, List<SubmissionResult> results) {}

  public GradeRun(
      ProblemSet problemSet,
      Path out,
      int jobs,
      boolean isolated,
      boolean published,
      PrintStream log)
      throws IOException {
    if (jobs < 1) {
      throw new IllegalArgumentException("--jobs must be at least 1 but was " + jobs);
    }
    checkMemory(jobs, problemSet.limits(), machineMemoryMb());
    this.problemSet = problemSet;
    this.out = out.toAbsolutePath();
    this.jobs = jobs;
    this.published = published;
    this.log = log;
    Files.createDirectories(this.out);
    FileTrees.makeReadableDir(this.out);
    this.isolated = isolated;
  }

  /**
   * Refuses {@code --jobs} whose sandboxes could together hold more memory than the machine has:
   * each job runs one sandboxed JVM at a time, bounded by {@link Limits#slotMb} (enforced by a
   * memory cgroup per slot when the grader can make one, see {@link MemoryCgroup}).
   */
  public static void checkMemory(int jobs, Limits limits, long machineMb) {
    long need = jobs * limits.slotMb();
    if (machineMb > 0 && need > machineMb) {
      long fits = Math.max(1, machineMb / limits.slotMb());
      throw new IllegalArgumentException(
          "--jobs "
              + jobs
              + " would let the sandboxes hold up to "
              + jobs
              + " x "
              + limits.slotMb()
              + " MiB = "
              + need
              + " MiB, more than this machine's "
              + machineMb
              + " MiB of memory; use --jobs "
              + fits
              + " or fewer, or lower limits.heapMb / offHeapMb / tmpMb / processes in "
              + ProblemSet.CONFIG);
    }
  }

  /** MemTotal from /proc/meminfo in MiB, or 0 when it cannot be read. */
  static long machineMemoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown: no check
    }
    return 0;
  }

  /** Grades all {@code *.zip} files and directories in {@code submissions}. */
  public Summary run(Path submissions) throws IOException, InterruptedException {
    Autograder grader =
        new Autograder(GraderSetup.forGrade(problemSet, out.resolve(".grader"), isolated));
    Manifest manifest = grader.manifest();
    grader.answers().requireReferencePasses();
    List<Path> all;
    try (Stream<Path> s = Files.list(submissions)) {
      all =
          s.filter(p -> p.toString().endsWith(".zip") || Files.isDirectory(p))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    Disclosure disclosure = Disclosure.at(problemSet, java.time.Instant.now(), published);
    BlockingQueue<Integer> slots = new ArrayBlockingQueue<>(jobs);
    for (int i = 0; i < jobs; i++) {
      slots.add(i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<SubmissionResult>> futures = new ArrayList<>();
    int[] unchanged = {0};
    for (Path sub : all) {
      String student = studentId(sub);
      Path dir = out.resolve(student);
      String key = grader.key() + FileTrees.digest(sub) + disclosure;
      if (key.equals(readKey(dir))) {
        synchronized (unchanged) {
          unchanged[0]++;
        }
        continue;
      }
      futures.add(
          pool.submit(
              () -> {
                int slot = slots.take();
                try {
                  SubmissionResult r = gradeOne(grader, student, sub, slot);
                  Files.createDirectories(dir);
                  Reports.write(dir, r, manifest, problemSet.name(), disclosure);
                  Gradebook.writeScores(dir, r, manifest);
                  AtomicFiles.write(dir.resolve("grading-key.txt"), key);
                  synchronized (log) {
                    log.printf(
                        "%-20s %6s / %s  (%.1f s)%n",
                        student, Reports.fmt(r.score()), Reports.fmt(r.maxScore()), r.seconds());
                  }
                  return r;
                } finally {
                  slots.add(slot);
                }
              }));
    }
    pool.shutdown();
    List<SubmissionResult> results = new ArrayList<>();
    try {
      for (Future<SubmissionResult> f : futures) {
        results.add(f.get());
      }
    } catch (ExecutionException e) {
      pool.shutdownNow();
      throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
    }
    Gradebook.write(out, manifest);
    log.printf(
        "graded %d, unchanged %d; gradebook: %s%n",
        results.size(), unchanged[0], out.resolve("gradebook.csv"));
    return new Summary(results.size(), unchanged[0], results);
  }

  /**
   * Grades one submission; any failure of the grader on it (unpacking, compiling, running, an I/O
   * error) gives that submission 0 with the reason, so one bad submission never stops the batch.
   */
  private SubmissionResult gradeOne(Autograder grader, String student, Path sub, int slot)
      throws InterruptedException {
    try {
      return grader.grade(student, sub, slot);
    } catch (IOException | RuntimeException e) {
      String why =
          "grading this submission failed ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); it scores 0 until an instructor re-grades it";
      synchronized (log) {
        log.println(student + ": " + why);
      }
      return grader.failAll(student, why, List.of(why), System.nanoTime());
    }
  }

  /** The student id from {@code psN-ID.zip} (or the directory name), made safe for paths. */
  String studentId(Path submission) {
    String name = submission.getFileName().toString().replaceFirst("\\.zip$", "");
    String prefix = problemSet.name() + "-";
    if (name.startsWith(prefix) && name.length() > prefix.length()) {
      name = name.substring(prefix.length());
    }
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.startsWith(".") ? "_" + safe : safe;
  }

  private static String readKey(Path dir) throws IOException {
    Path f = dir.resolve("grading-key.txt");
    return Files.isRegularFile(f) && Files.isRegularFile(dir.resolve("results.json"))
        ? Files.readString(f)
        : null;
  }
}
