package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken submissions, graded together in one sandboxed run: each gets a clear result of
 * its own, and the honest submission graded beside them keeps full marks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {
  private static final String RELU_BODY =
      "    double[] out = new double[z.length];\n    for (int i = 0; i < z.length; i++) {";
  private static final String SOFTMAX_BODY = "    double max = Double.NEGATIVE_INFINITY;";
  private static final String GRAD_BODY = "    double[] grad = new double[x.length];";

  Fixture f;
  Path grades;
  String nativeLibrary;
  String activations;
  String gradients;

  @BeforeAll
  void gradeEverything(@TempDir Path tmp) throws Exception {
    f = new Fixture(tmp, "limits.testTimeoutSeconds=4\nlimits.outputKb=256");
    nativeLibrary = buildNativeLibrary(tmp);
    activations = f.reference("Activations.java");
    gradients = f.reference("Gradients.java");
    Path subs = tmp.resolve("subs");
    Files.createDirectories(subs);

    sources(subs, "honest", activations, gradients);
    sources(subs, "compileError", activations.replace("return out;", "return out"), gradients);
    Fixture.zip(
        subs.resolve("sample-missingClass.zip"),
        Map.of(Fixture.PKG + "Activations.java", bytes(activations)));
    reluPrefix(subs, "infiniteLoop", "while (z.length >= 0) { Thread.onSpinWait(); }");
    softmaxPrefix(
        subs,
        "deadlock",
        "Object a = new Object(), b = new Object();"
            + " Thread t = new Thread(() -> { synchronized (b) { sleep(); synchronized (a) {} } });"
            + " t.start(); synchronized (a) { sleep(); synchronized (b) {} }");
    reluPrefix(subs, "systemExit", "System.exit(0);");
    softmaxPrefix(subs, "runtimeHalt", "Runtime.getRuntime().halt(3);");
    reluPrefix(
        subs,
        "heapExhaustion",
        "java.util.List<long[]> hog = new java.util.ArrayList<>();"
            + " while (z.length >= 0) { hog.add(new long[1 << 20]); }");
    reluPrefix(
        subs,
        "offHeapExhaustion",
        "java.util.List<java.nio.ByteBuffer> hog = new java.util.ArrayList<>();"
            + " while (z.length >= 0) { hog.add(java.nio.ByteBuffer.allocateDirect(1 << 20)); }");
    reluPrefix(
        subs,
        "diskExhaustion",
        "try (var o = new java.io.FileOutputStream(\"/tmp/fill\")) {"
            + " byte[] mb = new byte[1 << 20]; while (z.length >= 0) { o.write(mb); } }"
            + " catch (java.io.IOException e) { throw new RuntimeException(e); }");
    reluPrefix(
        subs,
        "threadBomb",
        "while (z.length >= 0) { Thread t = new Thread(() -> sleep()); t.setDaemon(true); t.start(); }");
    reluPrefix(
        subs,
        "outputFlood",
        "try { var o = new java.io.FileOutputStream(java.io.FileDescriptor.out);"
            + " byte[] line = \"spam spam spam\\n\".repeat(1000).getBytes();"
            + " while (z.length >= 0) { o.write(line); } } catch (java.io.IOException e) { }");
    // Looks for hidden tests, the reference and the instructor's sources from a public test.
    gradientPrefix(
        subs,
        "readHidden",
        // Every top-level folder but /usr (the bound system libraries: slow to walk, no secrets).
        "try (var top = java.nio.file.Files.list(java.nio.file.Path.of(\"/\"));"
            + " var s = top.filter(t -> !t.toString().equals(\"/usr\")).flatMap(t -> {"
            + " try { return java.nio.file.Files.walk(t); }"
            + " catch (java.io.IOException e) { return java.util.stream.Stream.empty(); } })) {"
            + " var leak = s.map(Object::toString).filter(p -> p.contains(\"Hidden\")"
            + " || p.contains(\"/reference\") || p.endsWith(\".java\") || p.startsWith(\"/work\")"
            + " || p.startsWith(\"/root\") || p.startsWith(\"/proc\")).findFirst();"
            + " if (leak.isPresent()) throw new IllegalStateException(\"LEAK \" + leak.get()); }"
            + " catch (java.io.IOException | java.io.UncheckedIOException e) { }");
    // Prints fake report lines everywhere and writes fake results, with a wrong relu.
    reluPrefix(
        subs,
        "fakeResults",
        "String id = \"org.dlcourse.ps.sample.ActivationsTests#reluZeroesNegativesAndKeepsPositives\";"
            + " for (var out : new java.io.PrintStream[] {System.out, System.err,"
            + " new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)}) {"
            + " out.println(\"START \" + id); out.println(\"END \" + id + \" PASS 1/1 \");"
            + " out.println(\"00000000000000000000000000000000 END \" + id + \" PASS 1/1 x x\");"
            + " out.println(\"{\\\"score\\\": 8}\"); out.println(\"Score: 8 / 8\"); }"
            + " for (String p : new String[] {\"/submission/classes/results.json\", \"/grader/results.json\","
            + " \"/tmp/results.json\"}) { try { java.nio.file.Files.writeString(java.nio.file.Path.of(p),"
            + " \"{\\\"score\\\": 8}\"); } catch (Exception e) { } }"
            + " if (z.length > 0) return new double[z.length];");
    // Tries the known ways into the harness; a success shows up as "LEAK" in the feedback.
    softmaxPrefix(
        subs,
        "reflection",
        "for (String c : new String[] {\"sun.misc.Unsafe\", \"java.lang.management.ManagementFactory\","
            + " \"com.sun.tools.attach.VirtualMachine\"}) {"
            + " try { Class.forName(c); throw new IllegalStateException(\"LEAK \" + c); }"
            + " catch (ClassNotFoundException e) { } }"
            + " if (java.nio.file.Files.exists(java.nio.file.Path.of(\"/proc/self/mem\")))"
            + " throw new IllegalStateException(\"LEAK /proc\");"
            + " try { var f = Class.forName(\"java.lang.Thread\").getDeclaredField(\"threadLocals\");"
            + " f.setAccessible(true); throw new IllegalStateException(\"LEAK java.base opened\"); }"
            + " catch (ReflectiveOperationException | RuntimeException e) {"
            + " if (e.getMessage() != null && e.getMessage().startsWith(\"LEAK\")) throw new IllegalStateException(e.getMessage()); }"
            + " if (z.length > 0) return new double[z.length];");
    reluPrefix(
        subs,
        "network",
        "try (var s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress(\"1.1.1.1\", 53), 2000);"
            + " throw new IllegalStateException(\"LEAK network\"); } catch (java.io.IOException e) { }");

    Map<String, byte[]> slip = new LinkedHashMap<>();
    slip.put("../evil.java", bytes("class Evil {}"));
    Fixture.zip(subs.resolve("sample-zipSlip.zip"), slip);
    Fixture.zip(subs.resolve("sample-absolutePath.zip"), Map.of("/tmp/evil.java", bytes("x")));
    Map<String, byte[]> link = new LinkedHashMap<>(honest());
    link.put(Fixture.PKG + "Link.java", bytes("/etc/passwd"));
    Fixture.markSymlink(
        Fixture.zip(subs.resolve("sample-symlink.zip"), link), Fixture.PKG + "Link.java");
    Map<String, byte[]> big = new LinkedHashMap<>(honest());
    big.put(Fixture.PKG + "Big.java", new byte[2 << 20]);
    Fixture.zip(subs.resolve("sample-oversized.zip"), big);
    Map<String, byte[]> nested = new LinkedHashMap<>(honest());
    nested.put("more.zip", bytes("PK"));
    Fixture.zip(subs.resolve("sample-nested.zip"), nested);
    Map<String, byte[]> smuggled = new LinkedHashMap<>(honest());
    smuggled.put(Fixture.PKG + "Activations.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
    smuggled.put("src/main/java/module-info.java", bytes("module evil {}"));
    smuggled.put(
        "src/main/java/org/dlcourse/grading/Points.java",
        bytes("package org.dlcourse.grading; class Points {}"));
    Fixture.zip(subs.resolve("sample-smuggled.zip"), smuggled);
    Map<String, byte[]> jar = new LinkedHashMap<>(honest());
    jar.put("lib/evil.jar", bytes("PK"));
    Fixture.zip(subs.resolve("sample-jar.zip"), jar);
    Map<String, byte[]> edited = new LinkedHashMap<>();
    edited.put(
        Fixture.PKG + "Activations.java", bytes(activations.replace("Math.max(0, z[i])", "z[i]")));
    edited.put(Fixture.PKG + "Gradients.java", bytes(gradients));
    edited.put(
        "tests/public/java/org/dlcourse/ps/sample/ActivationsTests.java",
        bytes("package org.dlcourse.ps.sample; class ActivationsTests {}"));
    Fixture.zip(subs.resolve("sample-editedTests.zip"), edited);

    issue15(subs);

    // A second correct submission, as an unpacked folder (what Gradescope hands over).
    Fixture.copyTree(f.sample().resolve("src"), subs.resolve("sample-honestFolder/src"));

    long start = System.nanoTime();
    Fixture.Run run = f.cli("grade", "sample", subs.toString(), "--out", "grades", "--jobs", "2");
    try (var s = Files.list(subs)) {
      // Reported for BENCHMARK.md (never asserted).
      System.out.printf(
          "BENCHMARK batch: %d submissions graded with --jobs 2 in %.1f s%n",
          s.count(), (System.nanoTime() - start) / 1e9);
    }
    assertEquals(0, run.status(), run.output());
    grades = f.repo.resolve("grades");
  }

  /** The routes of issue 15, each in the same batch as everything above. */
  private void issue15(Path subs) throws Exception {
    // 1. Fails early: softmax throws on the second input, before the second check is recorded.
    softmaxPrefix(
        subs, "failEarly", "if (z.length == 3) throw new IllegalStateException(\"gave up\");");
    // 2. Archives that used to stop the whole batch.
    Map<String, byte[]> conflict = new LinkedHashMap<>(honest());
    conflict.put(Fixture.PKG + "x/F", bytes("a"));
    conflict.put(Fixture.PKG + "x/F/G", bytes("b"));
    Fixture.zip(subs.resolve("sample-fileAndFolder.zip"), conflict);
    byte[] zip = Files.readAllBytes(Fixture.zip(subs.resolve("sample-truncated.zip"), honest()));
    int cen = 0;
    while (!(zip[cen] == 0x50 && zip[cen + 1] == 0x4b && zip[cen + 2] == 1 && zip[cen + 3] == 2)) {
      cen++;
    }
    zip[cen + 20] = 40; // the first entry's compressed size: its deflated data ends early
    zip[cen + 21] = 0;
    Files.write(subs.resolve("sample-truncated.zip"), zip);
    // 5. A class in the grader's package behind a commented-out or escaped package line.
    String evil = "package org.dlcourse.grading;\npublic class Evil {}\n";
    Map<String, byte[]> commented = new LinkedHashMap<>(honest());
    commented.put(
        Fixture.PKG + "Evil.java", bytes("/*\npackage org.dlcourse.ps.sample;\n*/\n" + evil));
    Fixture.zip(subs.resolve("sample-commentedPackage.zip"), commented);
    Map<String, byte[]> escaped = new LinkedHashMap<>(honest());
    escaped.put(
        Fixture.PKG + "Evil.java", bytes("\\u0070ackage org.dlcourse.grading; class Evil {}"));
    Fixture.zip(subs.resolve("sample-escapedPackage.zip"), escaped);
    // 6. Tries to write everywhere but the (absent) /tmp; any success is a LEAK.
    reluPrefix(
        subs,
        "writeEverywhere",
        "for (String d : new String[] {\"/\", \"/var\", \"/root\", \"/tmp\", \"/dev\","
            + " \"/dev/shm\", \"/submission\", \"/submission/classes\", \"/grader\","
            + " \"/grader/tests/public\", \"/usr\", System.getProperty(\"java.io.tmpdir\"),"
            + " System.getProperty(\"user.home\")}) {"
            + " try { java.nio.file.Files.write(java.nio.file.Path.of(d, \"w\"), new byte[1]);"
            + " throw new IllegalStateException(\"LEAK writable \" + d); }"
            + " catch (java.io.IOException | UnsupportedOperationException e) { }"
            + " try { java.nio.file.Files.createDirectories(java.nio.file.Path.of(d, \"sub\"));"
            + " throw new IllegalStateException(\"LEAK writable \" + d); }"
            + " catch (java.io.IOException e) { } }");
    // 3. Raw memory: /proc/self/mem from pure Java, and (with gcc) a native library.
    reluPrefix(
        subs,
        "procSelfMem",
        "try (var m = new java.io.RandomAccessFile(\"/proc/self/mem\", \"r\")) {"
            + " throw new IllegalStateException(\"LEAK /proc/self/mem\"); }"
            + " catch (java.io.IOException e) { }"
            + " if (z.length > 0) return new double[z.length];");
    if (nativeLibrary != null) {
      reluPrefix(
          subs,
          "nativeLibrary",
          "byte[] so = java.util.Base64.getDecoder().decode(\""
              + nativeLibrary
              + "\"); for (String d : new String[] {\"/tmp\", \"/dev/shm\", \"/\","
              + " \"/submission/classes\", System.getProperty(\"java.io.tmpdir\")}) {"
              + " try { var p = java.nio.file.Path.of(d, \"libforge.so\");"
              + " java.nio.file.Files.write(p, so); System.load(p.toString());"
              + " throw new IllegalStateException(\"LEAK native code loaded from \" + d); }"
              + " catch (java.io.IOException | UnsatisfiedLinkError e) { } }"
              + " if (z.length > 0) return new double[z.length];");
    }
    // 4. From the hidden-test JVM: prints and throws the hidden test classes' strings.
    softmaxPrefix(
        subs,
        "hiddenLeak",
        "var dir = java.nio.file.Path.of(\"/grader/tests/hidden\");"
            + " if (java.nio.file.Files.isDirectory(dir)) { StringBuilder b = new StringBuilder();"
            + " try (var s = java.nio.file.Files.walk(dir)) { for (var p : s.toList()) {"
            + " if (p.toString().endsWith(\".class\")) b.append(new String("
            + "java.nio.file.Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)"
            + ".replaceAll(\"[^ -~]+\", \" \")); } }"
            + " catch (java.io.IOException e) { throw new RuntimeException(e); }"
            + " System.out.println(b); throw new IllegalStateException(b.toString()); }");
  }

  /** A small shared library built with the machine's gcc, Base64-encoded; null without gcc. */
  static String buildNativeLibrary(Path tmp) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/gcc"))) {
      return null;
    }
    Path c = tmp.resolve("forge.c");
    Files.writeString(c, "int dlcourse_forge(void) { return 42; }\n");
    Path so = tmp.resolve("libforge.so");
    Process p =
        new ProcessBuilder(
                "/usr/bin/gcc", "-shared", "-fPIC", "-s", "-o", so.toString(), c.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(so));
  }

  private Map<String, byte[]> honest() {
    return Map.of(
        Fixture.PKG + "Activations.java", bytes(activations),
        Fixture.PKG + "Gradients.java", bytes(gradients));
  }

  private void sources(Path subs, String name, String act, String grad) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(Fixture.PKG + "Activations.java", bytes(act));
    m.put(Fixture.PKG + "Gradients.java", bytes(grad));
    Fixture.zip(subs.resolve("sample-" + name + ".zip"), m);
  }

  private static final String SLEEP =
      "  static void sleep() { try { Thread.sleep(500); } catch (InterruptedException e) { } }\n}";

  private void reluPrefix(Path subs, String name, String code) throws Exception {
    sources(
        subs,
        name,
        withSleep(activations.replace(RELU_BODY, "    " + code + "\n" + RELU_BODY)),
        gradients);
  }

  private void softmaxPrefix(Path subs, String name, String code) throws Exception {
    sources(
        subs,
        name,
        withSleep(activations.replace(SOFTMAX_BODY, "    " + code + "\n" + SOFTMAX_BODY)),
        gradients);
  }

  private void gradientPrefix(Path subs, String name, String code) throws Exception {
    sources(
        subs, name, activations, gradients.replace(GRAD_BODY, "    " + code + "\n" + GRAD_BODY));
  }

  private static String withSleep(String source) {
    int end = source.lastIndexOf('}');
    return source.substring(0, end) + SLEEP + "\n";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private String feedback(String student) throws Exception {
    return Files.readString(grades.resolve(student).resolve("feedback.txt"));
  }

  private double score(String student) throws Exception {
    String line =
        Files.readAllLines(grades.resolve(student).resolve("scores.properties")).stream()
            .filter(l -> l.startsWith("total="))
            .findFirst()
            .orElseThrow();
    return Double.parseDouble(line.substring(6));
  }

  private void expect(String student, double score, String phrase) throws Exception {
    String fb = feedback(student);
    assertEquals(score, score(student), 1e-9, fb);
    assertTrue(fb.contains(phrase), "expected '" + phrase + "' in:\n" + fb);
    assertFalse(fb.contains("LEAK"), fb);
  }

  @Test
  void honestSubmissionGradedBesideThemKeepsFullMarks() throws Exception {
    expect("honest", 8, "Score: 8 / 8");
    expect("honestFolder", 8, "Score: 8 / 8");
  }

  @Test
  void compileErrorsScoreZeroWithJavacsMessage() throws Exception {
    expect("compileError", 0, "did not compile");
    assertTrue(feedback("compileError").contains("';' expected"), feedback("compileError"));
  }

  @Test
  void missingClassFailsOnlyItsQuestion() throws Exception {
    expect("missingClass", 5, "a class the test needs is missing");
  }

  @Test
  void infiniteLoopTimesOutAndTheOtherTestsStillRun() throws Exception {
    expect("infiniteLoop", 6, "timed out after 4 s");
  }

  @Test
  void deadlockTimesOut() throws Exception {
    expect("deadlock", 5, "timed out after 4 s");
  }

  @Test
  void systemExitFailsTheRunningTestOnly() throws Exception {
    expect("systemExit", 6, "exited with status 0");
  }

  @Test
  void runtimeHaltFailsTheRunningTestOnly() throws Exception {
    expect("runtimeHalt", 5, "exited with status 3");
  }

  @Test
  void heapExhaustionIsReported() throws Exception {
    expect("heapExhaustion", 6, "ran out of memory");
  }

  @Test
  void offHeapExhaustionFailsTheTest() throws Exception {
    expect("offHeapExhaustion", 6, "direct buffer memory");
  }

  @Test
  void diskExhaustionFailsTheTest() throws Exception {
    assertEquals(6, score("diskExhaustion"), feedback("diskExhaustion"));
  }

  @Test
  void threadBombFailsTheTest() throws Exception {
    assertEquals(6, score("threadBomb"), feedback("threadBomb"));
  }

  @Test
  void outputFloodStopsTheJvm() throws Exception {
    expect("outputFlood", 6, "printed more than 256 KB");
  }

  @Test
  void hiddenTestsReferenceAndOtherFilesAreNotVisible() throws Exception {
    // The public-test JVM sees no hidden tests, sources or reference (the public test passes); the
    // hidden-test JVM can read its own hidden classes by design, and its output is never shown.
    expect("readHidden", 7, "[PASS] numerical gradient of x0^2 + 3 x1 (2/2)");
  }

  @Test
  void fakeReportLinesAndResultFilesDoNotEarnPoints() throws Exception {
    expect("fakeResults", 7, "[FAIL] relu zeroes negatives");
    String results = Files.readString(grades.resolve("fakeResults/results.json"));
    assertTrue(results.contains("\"score\": 7,"), results);
  }

  @Test
  void reflectionFindsNoWayIntoTheHarness() throws Exception {
    expect("reflection", 5, "[FAIL] softmax sums to one");
  }

  @Test
  void networkIsUnreachable() throws Exception {
    expect("network", 8, "Score: 8 / 8");
  }

  @Test
  void unsafeArchivesAreRefused() throws Exception {
    expect("zipSlip", 0, "'..'");
    expect("absolutePath", 0, "absolute path");
    expect("symlink", 0, "symbolic link");
    expect("oversized", 0, "larger than");
    expect("nested", 0, "archive 'more.zip'");
    expect("jar", 0, "archive 'lib/evil.jar'");
  }

  @Test
  void smuggledClassesAndModuleInfoAreIgnored() throws Exception {
    expect("smuggled", 8, "compiled classes are never used");
    expect("smuggled", 8, "module-info.java is not allowed");
    expect("smuggled", 8, "problem set's packages");
  }

  @Test
  void editedPublicTestsAreIgnored() throws Exception {
    expect("editedTests", 7, "your edits to tests are ignored");
  }

  @Test
  void aTestThatFailsEarlyEarnsOnlyItsPassedShareOfTheDeclaredChecks() throws Exception {
    // 1 of softmax's 5 declared checks passed before the exception: 2 x 1/5 = 0.4 (was 2 / 2).
    expect("failEarly", 6.4, "[PART] softmax sums to one and matches exp(z)/sum (0.40/2)");
    assertFalse(feedback("failEarly").contains("(2/2)\n        java.lang"), feedback("failEarly"));
    String results = Files.readString(grades.resolve("failEarly/results.json"));
    assertTrue(results.contains("\"score\": 6.4,"), results);
  }

  @Test
  void archivesThatUsedToStopTheBatchScoreZeroWithAReason() throws Exception {
    expect("fileAndFolder", 0, "to be a folder but it is a file");
    expect("truncated", 0, "not a readable zip");
    // and the batch went on: the honest submission beside them was graded (see above)
  }

  @Test
  void aClassInTheGradersPackageIsRefusedHoweverItsPackageLineIsHidden() throws Exception {
    expect("commentedPackage", 0, "declares package 'org.dlcourse.grading'");
    expect("escapedPackage", 0, "declares package 'org.dlcourse.grading'");
  }

  @Test
  void nothingInTheTestSandboxIsWritable() throws Exception {
    expect("writeEverywhere", 8, "Score: 8 / 8");
  }

  @Test
  void procSelfMemCannotBeOpened() throws Exception {
    expect("procSelfMem", 7, "[FAIL] relu zeroes negatives");
  }

  @Test
  void aNativeLibraryCannotBeWrittenAndLoaded() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        nativeLibrary != null, "needs gcc (/usr/bin/gcc) to build the library");
    expect("nativeLibrary", 7, "[FAIL] relu zeroes negatives");
  }

  @Test
  void nothingFromTheHiddenTestJvmReachesTheStudent() throws Exception {
    expect("hiddenLeak", 7, "a hidden test failed; hint: try your softmax");
    for (String file : new String[] {"feedback.txt", "results.json"}) {
      String out = Files.readString(grades.resolve("hiddenLeak").resolve(file));
      for (String secret :
          new String[] {
            "HiddenActivationsTests",
            "subtract max",
            "softmax is stable",
            "relu returns a new",
            "gradient of a product",
            "assertNotSame"
          }) {
        assertFalse(out.contains(secret), secret + " leaked into " + file + ":\n" + out);
      }
    }
  }
}
