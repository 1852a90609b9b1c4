package org.dlcourse.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlcourse.grading.grades.CheckReports;
import org.dlcourse.grading.problemset.ProblemSet;

/**
 * The student's one-call check from a notebook: {@code Grader.check("q2")} runs the public tests of
 * question q2 with the grader's own runner, JVM flags and limits.
 *
 * <p>The problem set is the nearest directory at or above the notebook's working directory that
 * holds {@code assignment.properties}.
 */
public final class Grader {
  private Grader() {}

  /** Checks one question ({@code "q1"}) of the problem set around the working directory. */
  public static CheckReport check(String question) {
    return check(question, Path.of("").toAbsolutePath());
  }

  /** Checks all questions of the problem set around the working directory. */
  public static CheckReport checkAll() {
    return check(null, Path.of("").toAbsolutePath());
  }

  /** Checks {@code question} (null for all) of the problem set at or above {@code from}. */
  public static CheckReport check(String question, Path from) {
    try {
      Path dir = from.toAbsolutePath();
      while (dir != null && !Files.isRegularFile(dir.resolve(ProblemSet.CONFIG))) {
        dir = dir.getParent();
      }
      if (dir == null) {
        throw new IllegalStateException(
            "no "
                + ProblemSet.CONFIG
                + " in "
                + from.toAbsolutePath()
                + " or above; open the notebook from its problem-set folder");
      }
      return CheckReports.report(ProblemSet.open(dir), question);
    } catch (IOException e) {
      throw new IllegalStateException("check failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("check interrupted", e);
    }
  }
}
