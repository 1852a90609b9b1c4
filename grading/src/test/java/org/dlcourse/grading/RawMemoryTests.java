package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dlcourse.grading.grades.GradeRun;
import org.dlcourse.grading.problemset.ProblemSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design answer to native code and raw memory: a submission that takes over its test JVM (here
 * by reading the runner's nonce from /proc/self/mem, in the unsandboxed mode where that file is
 * readable, as it is in Gradescope's container mode) and prints a passing report for every test
 * still earns only what its code computes, because each test's recorded values are judged against
 * the reference's answers, which no test JVM ever holds.
 */
class RawMemoryTests {

  /**
   * Stub code that, in relu (the first test of each JVM), collects every 32-hex-digit string in its
   * own memory (the runner's nonce among them) and, for each, reports PASS for every test the JVM
   * was asked to run (lines with a wrong nonce are ignored), then halts the JVM.
   */
  static final String FORGER =
      "    java.util.Set<String> nonces = new java.util.LinkedHashSet<>();\n"
          + "    byte[] marker = \" START org.dlcourse.ps.sample.\".getBytes();\n"
          + "    boolean found = false;\n"
          + "    try (var maps = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(\"/proc/self/maps\"));\n"
          + "        var mem = new java.io.RandomAccessFile(\"/proc/self/mem\", \"r\")) {\n"
          + "      for (String line : maps.lines().toList()) {\n"
          + "        String[] f = line.split(\" +\");\n"
          + "        if (!f[1].startsWith(\"rw\") || found) continue;\n"
          + "        String[] r = f[0].split(\"-\");\n"
          + "        long a = Long.parseUnsignedLong(r[0], 16), b = Long.parseUnsignedLong(r[1], 16);\n"
          + "        for (long p = a; p < b && !found && nonces.size() < 500; p += 1 << 20) {\n"
          + "          byte[] buf = new byte[(int) Math.min(1 << 20, b - p)];\n"
          + "          try { mem.seek(p); mem.readFully(buf); } catch (java.io.IOException e) { break; }\n"
          // every run of exactly 32 lowercase hex digits is a candidate nonce; one followed by
          // " START org..." (the runner's last report line, still in its encoder's buffer) is it
          + "          int run = 0;\n"
          + "          for (int i = 0; i < buf.length && !found; i++) {\n"
          + "            byte c = buf[i];\n"
          + "            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) { run++; continue; }\n"
          + "            if (run == 32) {\n"
          + "              String n = new String(buf, i - 32, 32, java.nio.charset.StandardCharsets.ISO_8859_1);\n"
          + "              found = java.util.Arrays.equals(buf, i, Math.min(buf.length, i + marker.length), marker, 0, Math.min(marker.length, buf.length - i));\n"
          + "              if (found) nonces.clear();\n"
          + "              nonces.add(n);\n"
          + "            }\n"
          + "            run = 0;\n"
          + "          }\n"
          + "        }\n"
          + "      }\n"
          + "    } catch (Exception e) { }\n"
          + "    if (!nonces.isEmpty()) {\n"
          + "      var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);\n"
          + "      String[] ids = ProcessHandle.current().info().arguments().orElse(new String[0]);\n"
          + "      for (String nonce : nonces) {\n"
          + "        boolean first = true;\n"
          + "        for (String id : ids) {\n"
          + "          if (!id.contains(\"#\")) continue;\n"
          + "          if (!first) out.print(nonce + \" START \" + id + \"\\n\");\n"
          + "          first = false;\n"
          + "          out.print(nonce + \" END \" + id + \" PASS 5/5   -\\n\");\n"
          + "        }\n"
          + "        out.print(nonce + \" DONE\\n\");\n"
          + "      }\n"
          + "      out.flush();\n"
          + "      Runtime.getRuntime().halt(0);\n"
          + "    }\n";

  /**
   * The same attack with {@code sun.misc.Unsafe} (what ND4J's problem sets grant through {@code
   * jdk.unsupported}) instead of {@code /proc/self/mem}: raw reads of the JVM's own memory.
   */
  static final String UNSAFE_FORGER =
      FORGER
          .replace(
              "        var mem = new java.io.RandomAccessFile(\"/proc/self/mem\", \"r\")) {\n",
              "        var unused = java.io.Reader.nullReader()) {\n"
                  + "      var uf = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\n"
                  + "      uf.setAccessible(true);\n"
                  + "      var unsafe = (sun.misc.Unsafe) uf.get(null);\n")
          .replace(
              "try { mem.seek(p); mem.readFully(buf); } catch (java.io.IOException e) { break; }",
              "unsafe.copyMemory(null, p, buf, sun.misc.Unsafe.ARRAY_BYTE_BASE_OFFSET,"
                  + " buf.length);");

  @Test
  void aForgedReportForEveryTestEarnsNothingTheCodeDidNotCompute(@TempDir Path tmp)
      throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/mem")), "needs /proc/self/mem (Linux)");
    assertEquals("Score: 0 / 8", forge(tmp, FORGER, ""));
  }

  @Test
  void aForgedReportThroughUnsafeEarnsNothingEither(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux)");
    assertTrue(UNSAFE_FORGER.contains("unsafe.copyMemory") && !UNSAFE_FORGER.contains("self/mem"));
    assertEquals(
        "Score: 0 / 8",
        forge(tmp, UNSAFE_FORGER, "limits.modules=java.base,java.logging,jdk.unsupported"));
  }

  /**
   * Grades an all-stub submission whose relu runs {@code attack} (unsandboxed, where /proc is
   * there); checks that the forged report reached the grader; returns the score line.
   */
  private static String forge(Path tmp, String attack, String config) throws Exception {
    // A generous time limit: the attack scans its whole memory, on a possibly loaded machine.
    Fixture f = new Fixture(tmp, "limits.testTimeoutSeconds=120\n" + config);
    Fixture.Run release = f.cli("release", "sample");
    assertEquals(0, release.status(), release.output());
    Path stubs = f.repo.resolve("build/release/sample/" + Fixture.PKG);
    String act = Files.readString(stubs.resolve("Activations.java"));
    int body = act.indexOf('{', act.indexOf("public static double[] relu")) + 1;
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        Fixture.PKG + "Activations.java",
        (act.substring(0, body) + "\n" + attack + act.substring(body))
            .getBytes(StandardCharsets.UTF_8));
    files.put(Fixture.PKG + "Gradients.java", Files.readAllBytes(stubs.resolve("Gradients.java")));
    Path subs = tmp.resolve("subs");
    Fixture.zip(subs.resolve("sample-forger.zip"), files);

    // Without bubblewrap /proc/self/mem is readable, as in Gradescope's container mode.
    var log = new java.io.ByteArrayOutputStream();
    new GradeRun(
            ProblemSet.source(f.repo, "sample"),
            f.repo.resolve("grades"),
            1,
            false,
            false,
            new java.io.PrintStream(log, true, StandardCharsets.UTF_8))
        .run(subs);
    String feedback = Files.readString(f.repo.resolve("grades/forger/feedback.txt"));
    // The forgery reached the grader (relu's test neither ran the stub's exception nor timed
    // out: the grader accepted a forged PASS, which the judge then overruled)...
    assertFalse(feedback.contains("Activations.relu is not implemented"), feedback);
    assertFalse(feedback.contains("timed out"), feedback);
    assertFalse(feedback.contains("JVM"), feedback);
    assertTrue(feedback.contains("values differ from the reference's"), feedback);
    // ...and earned nothing: stubs compute nothing.
    return feedback.lines().filter(l -> l.startsWith("Score:")).findFirst().orElse(feedback);
  }

  @Test
  void unsafeIsRefusedWhileAnyTestIsNotJudged(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "limits.modules=java.base,java.logging,jdk.unsupported");
    Path extra = f.sample().resolve("tests/public/java/org/dlcourse/ps/sample/PlainTests.java");
    Files.writeString(
        extra,
        "package org.dlcourse.ps.sample;\n"
            + "import org.dlcourse.grading.Points;\n"
            + "import org.junit.jupiter.api.Test;\n"
            + "class PlainTests {\n"
            + "  @Test @Points(question = \"q1\", value = 1) void unjudged() {\n"
            + "    Activations.relu(new double[] {1});\n"
            + "  }\n"
            + "}\n");
    Files.createDirectories(f.repo.resolve("subs"));
    Exception e =
        assertThrows(
            IllegalArgumentException.class, () -> f.cli("grade", "sample", "subs", "--out", "g"));
    assertTrue(e.getMessage().contains("grants jdk.unsupported"), e.getMessage());
    assertTrue(e.getMessage().contains("PlainTests#unjudged"), e.getMessage());
  }

  @Test
  void unsafeIsAllowedWhenEveryTestIsJudged(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "limits.modules=java.base,java.logging,jdk.unsupported");
    Path subs = tmp.resolve("subs");
    Fixture.copyTree(f.sample().resolve("src"), subs.resolve("sample-ref/src"));
    Fixture.Run run = f.cli("grade", "sample", subs.toString(), "--out", "g");
    assertEquals(0, run.status(), run.output());
    assertTrue(
        Files.readString(f.repo.resolve("g/ref/feedback.txt")).contains("Score: 8 / 8"),
        run.output());
  }
}
