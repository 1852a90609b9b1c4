package org.dlcourse.grading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.dlcourse.grading.problemset.Limits;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.run.TestRuntime;
import org.dlcourse.grading.run.TestSession;
import org.dlcourse.grading.sandbox.Sandbox;

/**
 * Measures what a test JVM costs in the bubblewrap sandbox (grading/BENCHMARK.md, "DL4J test JVM"):
 * the runner starting and ending with no test, for a plain-Java problem set and for one that uses
 * the course library (with and without the class-data sharing archive), and the library warm-up
 * (first ND4J call and a few DL4J steps). Runs each {@code args[0]} times (default 3), one after
 * another, and prints every wall time and the median. Not a test: run it by hand (see
 * BENCHMARK.md).
 */
public final class TestJvmCost {
  private TestJvmCost() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Limits plain = Limits.defaults();
    Properties p = new Properties();
    p.setProperty("uses", ProblemSet.COURSE_LIBRARY);
    Limits lib = Limits.from(p);
    TestRuntime plainRt =
        TestRuntime.prepare(TestSession.runnerClasspath(), List.of(), TestRuntime.cacheRoot());
    TestRuntime libRt =
        TestRuntime.prepare(
            TestSession.runnerClasspath(), TestRuntime.libraryJars(), TestRuntime.cacheRoot());
    libRt.recordArchive(Sandbox.isolated(lib.withFileSizeMb(256), 0), lib);
    String runner = "org.dlcourse.grading.runner.SandboxMain";
    String warmup = "org.dlcourse.grading.runner.LibraryWarmup";
    time("plain set: runner, no test", n, plainRt, plain, runner, true);
    time("library set: runner, no test, CDS archive", n, libRt, lib, runner, true);
    time("library set: runner, no test, no archive", n, libRt, lib, runner, false);
    time(
        "library set: warm-up (first ND4J call, 5 DL4J steps), CDS archive",
        n,
        libRt,
        lib,
        warmup,
        true);
    time("library set: warm-up, no archive", n, libRt, lib, warmup, false);
  }

  private static void time(
      String what, int n, TestRuntime rt, Limits limits, String main, boolean archive)
      throws Exception {
    double[] seconds = new double[n];
    String last = "";
    for (int i = 0; i < n; i++) {
      Sandbox s = Sandbox.isolated(limits, 0);
      List<String> program = new ArrayList<>();
      program.add(s.javaBin() + "java");
      program.addAll(s.jvmFlags());
      for (String f : rt.jvmFlags(s, limits)) {
        if (archive || !f.startsWith("-XX:SharedArchiveFile")) {
          program.add(f);
        }
      }
      program.add("-cp");
      program.add(String.join(":", rt.bind(s)));
      program.add(main);
      long start = System.nanoTime();
      Process proc =
          s.environment(new ProcessBuilder(s.command(program, 300)))
              .redirectErrorStream(true)
              .start();
      proc.getOutputStream()
          .write("0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII));
      proc.getOutputStream().close();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      proc.waitFor();
      seconds[i] = (System.nanoTime() - start) / 1e9;
      last =
          out.lines()
              .filter(l -> l.startsWith("LibraryWarmup"))
              .findFirst()
              .orElse("exit " + proc.exitValue());
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-70s median %.2f s  runs %s  (%s)%n",
        what, sorted[n / 2], Arrays.toString(seconds), last);
  }
}
