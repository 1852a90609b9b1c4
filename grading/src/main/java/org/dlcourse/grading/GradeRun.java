package org.dlcourse.grading;

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

/**
 * {@code grade}: grades every submission in a directory, in parallel, re-grading only what changed,
 * and writes per-submission results and the gradebook.
 */
public final class GradeRun {
  private final ProblemSet problemSet;
  private final Path out;
  private final int jobs;
  private final boolean published;
  private final Autograder grader;
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
    this.problemSet = problemSet;
    this.out = out.toAbsolutePath();
    this.jobs = jobs;
    this.published = published;
    this.log = log;
    Files.createDirectories(this.out);
    Autograder.makeReadableDir(this.out);
    this.grader = new Autograder(problemSet, this.out.resolve(".grader"), isolated);
  }

  /** Grades all {@code *.zip} files and directories in {@code submissions}. */
  public Summary run(Path submissions) throws IOException, InterruptedException {
    Manifest manifest = grader.prepare();
    List<Path> all;
    try (Stream<Path> s = Files.list(submissions)) {
      all =
          s.filter(p -> p.toString().endsWith(".zip") || Files.isDirectory(p))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
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
      String key = grader.key() + Autograder.digest(sub) + published;
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
                  SubmissionResult r = grader.grade(student, sub, slot);
                  Files.createDirectories(dir);
                  Reports.write(dir, r, manifest, problemSet.name(), published);
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
