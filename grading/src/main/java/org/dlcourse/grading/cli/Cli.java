package org.dlcourse.grading.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlcourse.grading.CheckReport;
import org.dlcourse.grading.grades.CheckReports;
import org.dlcourse.grading.grades.CourseGrades;
import org.dlcourse.grading.grades.GradeRun;
import org.dlcourse.grading.grades.Gradebook;
import org.dlcourse.grading.grades.Reports;
import org.dlcourse.grading.gradescope.Gradescope;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.release.Release;
import org.dlcourse.grading.sandbox.Sandbox;
import org.dlcourse.grading.submission.Student;
import org.dlcourse.grading.submission.Submit;

/**
 * The command line behind {@code ./course release | check | submit | grade | gradescope | validate
 * | gradebook}; paths are relative to the repository root (the working directory).
 */
public final class Cli {
  /** The usage text, shared with {@code ./course --help}: one file for both. */
  static final String USAGE = readUsage();

  private static String readUsage() {
    try (InputStream in = Cli.class.getResourceAsStream("/dlcourse-usage.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("dlcourse-usage.txt is missing; rebuild: ./course build", e);
    }
  }

  private Cli() {}

  /** Runs a command; exits with 0 on success, 1 on a failed check or validation, 2 on bad use. */
  public static void main(String[] args) {
    int status;
    try {
      status = run(args, Path.of("").toAbsolutePath(), System.out);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      status = 2;
    } catch (Exception e) {
      System.err.println("error: " + e);
      status = 2;
    }
    System.exit(status);
  }

  /** Runs a command against the repository at {@code repo}; returns the exit status. */
  public static int run(String[] args, Path repo, PrintStream out) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    Args a = Args.parse(args);
    String source = a.opts.get("source");
    if (source == null) {
      return dispatch(a, repo, out);
    }
    String before = System.getProperty("dlcourse.instructor.dir");
    System.setProperty("dlcourse.instructor.dir", repo.resolve(source).toString());
    try {
      return dispatch(a, repo, out);
    } finally {
      if (before == null) {
        System.clearProperty("dlcourse.instructor.dir");
      } else {
        System.setProperty("dlcourse.instructor.dir", before);
      }
    }
  }

  private static int dispatch(Args a, Path repo, PrintStream out) throws Exception {
    switch (a.command) {
      case "grade" -> {
        a.need(2, "grade psN SUBMISSIONS --out D");
        ProblemSet ps = ProblemSet.source(repo, a.pos.get(0));
        boolean unsafe = a.flag("unsafe-no-sandbox");
        boolean isolated = Sandbox.available();
        if (!isolated && !unsafe) {
          throw new IllegalStateException(
              "bubblewrap is not available, so untrusted submissions cannot be sandboxed; "
                  + Sandbox.INSTALL_HINT
                  + ". To grade anyway WITHOUT isolation (only code you trust), pass"
                  + " --unsafe-no-sandbox");
        }
        if (!isolated) {
          out.println("WARNING: grading WITHOUT a sandbox (--unsafe-no-sandbox)");
        }
        GradeRun run =
            new GradeRun(
                ps,
                repo.resolve(a.required("out")),
                Integer.parseInt(a.opt("jobs", "1")),
                isolated,
                a.flag("published"),
                out);
        run.run(repo.resolve(a.pos.get(1)));
        return 0;
      }
      case "gradescope" -> {
        a.need(1, "gradescope psN [--out F]");
        String name = ProblemSet.checkName(a.pos.get(0));
        Path zip = repo.resolve(a.opt("out", "build/gradescope/" + name + "-autograder.zip"));
        return Gradescope.build(repo, name, zip, out) ? 0 : 1;
      }
      case "release" -> {
        a.need(1, "release psN");
        return Release.release(repo, a.pos.get(0), out) ? 0 : 1;
      }
      case "validate" -> {
        a.need(1, "validate psN");
        ProblemSet ps = ProblemSet.source(repo, a.pos.get(0));
        Path work = repo.resolve("build/grading-work").resolve(ps.name() + "-validate");
        return Release.validate(ps, null, work, out) ? 0 : 1;
      }
      case "check" -> {
        a.need(1, "check psN [--dir D] [--question Q]");
        String name = a.pos.get(0);
        ProblemSet ps = Student.copy(repo, name, a.opts.get("dir"), "check " + name);
        CheckReport r = CheckReports.report(ps, a.opts.get("question"));
        out.print(r.text()); // ends with the public total and what hidden tests are worth
        return r.allPassed() ? 0 : 1;
      }
      case "submit" -> {
        a.need(1, "submit psN --student ID");
        String name = a.pos.get(0);
        ProblemSet ps =
            Student.copy(repo, name, a.opts.get("dir"), "submit " + name + " --student ID");
        String id = a.required("student");
        String fallback = Student.WORKSPACE + "/submissions/" + ps.name() + "-" + id + ".zip";
        Path zip = repo.resolve(a.opt("out", fallback));
        Submit.submit(ps, id, zip, out);
        CheckReport r = CheckReports.report(ps, null);
        out.println(
            "public tests: "
                + Reports.fmt(r.score())
                + " / "
                + Reports.fmt(r.maxScore())
                + " points (./course check "
                + ps.name()
                + " shows each test); hand in "
                + (zip.startsWith(repo) ? repo.relativize(zip) : zip));
        return 0;
      }
      case "start" -> {
        a.need(1, "start psN [--from ZIP|DIR]");
        Student.start(repo, a.pos.get(0), a.opts.get("from"), out);
        return 0;
      }
      case "gradebook" -> {
        a.need(1, "gradebook D");
        Path dir = repo.resolve(a.pos.get(0));
        Path manifest = dir.resolve(".grader/manifest.tsv");
        if (!Files.isRegularFile(manifest)) {
          throw new IllegalArgumentException(
              "expected a graded directory with .grader/manifest.tsv at "
                  + dir
                  + "; run grade first");
        }
        Gradebook.write(dir, Manifest.read(manifest));
        out.println("wrote " + dir.resolve("gradebook.csv"));
        return 0;
      }
      case "course-grades" -> {
        List<Path> graded = a.pos.stream().map(repo::resolve).toList();
        String policy = a.opts.get("policy");
        CourseGrades.Policy p =
            CourseGrades.policy(policy == null ? null : repo.resolve(policy), repo, graded);
        CourseGrades.write(p, repo.resolve(a.opt("out", "grades/course")), out);
        return 0;
      }
      default ->
          throw new IllegalArgumentException("unknown command '" + a.command + "'\n" + USAGE);
    }
  }
}
