package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.dlcourse.grading.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample problem set through release, check, submit, grade and the gradebook. */
class EndToEndTests {

  @Test
  void sampleGoesFromReleaseToGradebook(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");

    // release: stubs, public tests only, validated through the real grader
    Fixture.Run release = f.cli("release", "sample");
    assertEquals(0, release.status(), release.output());
    Path released = f.repo.resolve("build/release/sample");
    String stub = Files.readString(released.resolve(Fixture.PKG + "Activations.java"));
    assertFalse(stub.contains("Math.max(0"), "the solution must be stripped");
    assertTrue(stub.contains("Activations.relu is not implemented yet"), stub);
    assertFalse(Files.exists(released.resolve("tests/hidden")), "hidden tests must not ship");
    assertTrue(Files.exists(f.repo.resolve("build/release/sample.zip")));
    String notebook = Files.readString(released.resolve("sample.ipynb"));
    assertFalse(notebook.contains("BEGIN SOLUTION"), notebook);

    // check on the stubs: zero public points, and the hidden tests are announced
    Fixture.Run stubs = f.cli("check", "sample", "--dir", "build/release/sample");
    assertEquals(1, stubs.status(), stubs.output());
    assertTrue(stubs.output().contains("public tests: 0 / 5 points"), stubs.output());
    assertTrue(
        stubs.output().contains("Hidden tests exist: 3 tests worth 3 points"), stubs.output());

    // a student solves it, except for softmax's stability: the public test's large-logit check
    // catches it (4 of its 5 declared checks pass) and so does a hidden test
    Path alice = tmp.resolve("alice/sample");
    Fixture.copyTree(released, alice);
    Files.writeString(alice.resolve(Fixture.PKG + "Gradients.java"), f.reference("Gradients.java"));
    Files.writeString(
        alice.resolve(Fixture.PKG + "Activations.java"),
        f.reference("Activations.java").replace("Math.exp(z[i] - max)", "Math.exp(z[i])"));
    Fixture.Run check = f.cli("check", "sample", "--dir", alice.toString(), "--question", "q2");
    assertEquals(1, check.status(), check.output());
    assertTrue(check.output().contains("q2: 1.60 / 2"), check.output());
    assertTrue(check.output().contains("softmax of [1000.0, 1001.0]"), check.output());

    // submit: a zip with a manifest; the student's files are unchanged
    String before = FileTrees.digest(alice);
    Path subs = tmp.resolve("submissions");
    Fixture.Run submit =
        f.cli(
            "submit",
            "sample",
            "--student",
            "alice",
            "--dir",
            alice.toString(),
            "--out",
            subs.resolve("sample-alice.zip").toString());
    assertEquals(0, submit.status(), submit.output());
    assertEquals(before, FileTrees.digest(alice));
    try (ZipFile z = new ZipFile(subs.resolve("sample-alice.zip").toFile())) {
      String manifest =
          new String(z.getInputStream(z.getEntry("SUBMISSION.properties")).readAllBytes());
      assertTrue(manifest.contains("studentId=alice"), manifest);
      assertTrue(manifest.contains("sha256.src/main/java/org/dlcourse/ps/sample/Activations.java"));
    }
    assertEquals(
        0,
        f.cli(
                "submit",
                "sample",
                "--student",
                "bob",
                "--dir",
                "build/release/sample",
                "--out",
                subs.resolve("sample-bob.zip").toString())
            .status());

    // grade with two jobs
    Fixture.Run grade = f.cli("grade", "sample", subs.toString(), "--out", "grades", "--jobs", "2");
    assertEquals(0, grade.status(), grade.output());
    Path grades = f.repo.resolve("grades");
    String results = Files.readString(grades.resolve("alice/results.json"));
    assertTrue(results.contains("\"score\": 6.6,"), results);
    assertTrue(results.contains("\"visibility\": \"after_due_date\""), results);
    String feedback = Files.readString(grades.resolve("alice/feedback.txt"));
    assertTrue(feedback.contains("a hidden test failed; hint: try your softmax"), feedback);
    assertTrue(feedback.contains("[PART] softmax sums to one"), feedback);
    // Before the due date (2030) and without --published, no hidden test is named anywhere.
    for (String out : List.of(feedback, results)) {
      assertFalse(out.contains("stable"), "hidden test names stay hidden: " + out);
      assertFalse(out.contains("subtract max"), "hidden test messages stay hidden: " + out);
    }
    List<String> book = Files.readAllLines(grades.resolve("gradebook.csv"));
    assertEquals(
        List.of("student,q1,q2,q3,total", "alice,2.0,1.6,3.0,6.6", "bob,0.0,0.0,0.0,0.0"), book);
    assertTrue(Files.size(grades.resolve("histogram.png")) > 1000);
    // per question: max, mean, median, min, highest, full-marks count and fraction
    List<String> summary = Files.readAllLines(grades.resolve("summary.csv"));
    assertEquals(
        "question,max,mean,median,min,highest,full_marks,full_marks_fraction", summary.get(0));
    assertTrue(summary.contains("q1,2.0,1.0,1.0,0.0,2.0,1.0,0.5"), summary.toString());
    assertTrue(summary.contains("total,8.0,3.3,3.3,0.0,6.6,0.0,0.0"), summary.toString());

    // a manual grade survives re-grading, and nothing unchanged is graded again
    Files.writeString(
        grades.resolve("overrides.csv"),
        "student,question,points,comment\nbob,written,2,pen and paper answer\n");
    Fixture.Run again = f.cli("grade", "sample", subs.toString(), "--out", "grades");
    assertTrue(again.output().contains("graded 0, unchanged 2"), again.output());
    assertTrue(Files.readString(grades.resolve("overrides.csv")).contains("pen and paper"));
    assertTrue(
        Files.readAllLines(grades.resolve("gradebook.csv")).contains("bob,0.0,0.0,0.0,2.0,2.0"),
        Files.readString(grades.resolve("gradebook.csv")));
  }

  @Test
  void releaseRefusesAProblemSetWhoseStubsPass(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp, "");
    Path gradients = f.sample().resolve(Fixture.PKG + "Gradients.java");
    // The stub region no longer covers the method body, so the stub passes the public test.
    Files.writeString(
        gradients,
        Files.readString(gradients)
            .replace(
                "    // BEGIN SOLUTION perturb",
                "    if (x != null) {\n      return new double[] {4, 3};\n    }\n    // BEGIN SOLUTION perturb"));
    Fixture.Run r = f.cli("release", "sample");
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("these tests pass without a solution"), r.output());
    assertFalse(Files.exists(f.repo.resolve("build/release/sample")));
  }
}
