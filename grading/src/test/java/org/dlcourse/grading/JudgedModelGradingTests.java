package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.dlcourse.grading.grades.GradeRun;
import org.dlcourse.grading.problemset.ProblemSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, design-your-own tests, through the real grader: the fixture {@code heldout} trains a
 * model in the test JVM and records it as data; the judge measures it on held-out images. A
 * submission that takes over its test JVM and reports the old thresholded value, one that hands
 * over NaN weights and one with made-up weights each get 0 with a reason, in the same batch as the
 * reference, which keeps full marks.
 */
class JudgedModelGradingTests {
  static final String SOURCE = "grading/src/test/resources/problem-sets/heldout";
  static final String PKG = "src/main/java/org/dlcourse/ps/heldout/";
  static final String WHAT = "the nearest-mean model, measured on held-out images";

  @Test
  void forgedMalformedAndMadeUpModelsEarnNothingAndTheReferenceKeepsFullMarks(@TempDir Path tmp)
      throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/mem")), "needs /proc/self/mem (Linux)");
    Fixture f = new Fixture(tmp, SOURCE, "");
    Path ps = f.repo.resolve("problem-sets/heldout");
    String ref = Files.readString(ps.resolve(PKG + "NearestMean.java"));
    int body = ref.indexOf("// BEGIN SOLUTION");
    String head = ref.substring(0, body);
    String tail = "  }\n}\n";
    // What the old tests recorded: the value itself, which a forger reports with a stolen nonce.
    String oldRecord =
        Base64.getEncoder()
            .encodeToString((WHAT + "\t1.0E-9\t0.6").getBytes(StandardCharsets.UTF_8));
    String forger =
        RawMemoryTests.FORGER
            .replace("START org.dlcourse.ps.sample.", "START org.dlcourse.ps.heldout.")
            .replace(" PASS 5/5   -", " PASS 0/0   " + oldRecord)
            // A library JVM's command line is longer than /proc/self/cmdline shows: name the test.
            .replace(
                "ProcessHandle.current().info().arguments().orElse(new String[0])",
                "new String[] {\"org.dlcourse.ps.heldout.ModelTests#nearestMeanLearns\"}");
    assertTrue(forger.contains(oldRecord) && forger.contains("ModelTests#nearestMeanLearns"));
    Path subs = tmp.resolve("subs");
    write(subs.resolve("reference"), ref);
    write(subs.resolve("forger"), head + forger + "    return null;\n" + tail);
    write(
        subs.resolve("nan"),
        head
            + "    double[][] m = new double[classes][784];\n"
            + "    m[0][0] = Double.NaN;\n    return m;\n"
            + tail);
    write(subs.resolve("madeup"), head + "    return new double[classes][784];\n" + tail);

    // Unsandboxed, as in Gradescope's container mode: /proc/self/mem is readable there.
    var log = new java.io.ByteArrayOutputStream();
    new GradeRun(
            ProblemSet.source(f.repo, "heldout"),
            f.repo.resolve("grades"),
            1,
            false,
            false,
            new java.io.PrintStream(log, true, StandardCharsets.UTF_8))
        .run(subs);
    assertEquals("Score: 2 / 2", score(f, "reference"));
    String forged = feedback(f, "forger");
    assertEquals("Score: 0 / 2", score(f, "forger"));
    // The forged PASS reached the grader (no stub exception, no time-out) and the judge overruled
    // it.
    assertFalse(forged.contains("NullPointerException") || forged.contains("timed out"), forged);
    assertTrue(forged.contains("model data refused: expected terms|input|layers"), forged);
    assertEquals("Score: 0 / 2", score(f, "nan"));
    assertTrue(feedback(f, "nan").contains("model data refused: parameter 0 is NaN"));
    assertEquals("Score: 0 / 2", score(f, "madeup"));
    assertTrue(feedback(f, "madeup").contains("is below the target 0.6000"), feedback(f, "madeup"));
  }

  private static void write(Path sub, String code) throws Exception {
    Path file = sub.resolve(PKG + "NearestMean.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, code);
  }

  private static String feedback(Fixture f, String id) throws Exception {
    return Files.readString(f.repo.resolve("grades/" + id + "/feedback.txt"));
  }

  private static String score(Fixture f, String id) throws Exception {
    return feedback(f, id).lines().filter(l -> l.startsWith("Score:")).findFirst().orElse("");
  }
}
