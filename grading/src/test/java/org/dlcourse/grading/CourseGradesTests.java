package org.dlcourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlcourse.grading.cli.Cli;
import org.dlcourse.grading.grades.CourseGrades;
import org.dlcourse.grading.problemset.Manifest;
import org.dlcourse.grading.problemset.TestCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Final course grades from small gradebook and overrides fixtures. */
class CourseGradesTests {

  /** A graded folder: a manifest worth {@code max} points and a gradebook with these rows. */
  private static Path graded(Path repo, String ps, double max, String... rows) throws Exception {
    Path dir = repo.resolve("grades").resolve(ps);
    Files.createDirectories(dir.resolve(".grader"));
    new Manifest(List.of(new TestCase("p.T#a", "q1", "a", max, Visibility.VISIBLE, false)))
        .write(dir.resolve(".grader/manifest.tsv"));
    Files.writeString(dir.resolve("gradebook.csv"), "student,q1,total\n" + String.join("\n", rows));
    return dir;
  }

  private static Fixture.Run cli(Path repo, String... args) throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    int status = Cli.run(args, repo, new java.io.PrintStream(bytes, true));
    return new Fixture.Run(status, bytes.toString());
  }

  private static List<String> finalGrades(Path repo) throws Exception {
    return Files.readAllLines(repo.resolve("grades/course/final_grades.csv"));
  }

  @Test
  void defaultPolicyWeighsProblemSets65AndProject35(@TempDir Path repo) throws Exception {
    graded(repo, "ps1", 10, "alice,10,10", "bob,5,5", "=cmd,0,0");
    graded(repo, "ps2", 20, "alice,10,10");
    Path course = repo.resolve("grades/course");
    Files.createDirectories(course);
    Files.writeString(
        course.resolve("overrides.csv"),
        "student,component,points,comment\nalice,project,80,report\nbob,project,100,\n");

    Fixture.Run run = cli(repo, "course-grades", "grades/ps1", "grades/ps2");
    assertEquals(0, run.status(), run.output());
    List<String> rows = finalGrades(repo);
    assertEquals("student,ps1 %,ps2 %,problemSets %,project %,final %,notes", rows.get(0));
    // alice: problem sets (1.0 + 0.5) / 2 = 0.75; 0.65 × 0.75 + 0.35 × 0.8 = 0.7675
    assertTrue(rows.contains("alice,100.0,50.0,75.0,80.0,76.75,"), rows.toString());
    // bob: ps2 missing counts as zero, with a note; 0.65 × 0.25 + 0.35 × 1 = 0.5125
    assertTrue(
        rows.contains("bob,50.0,0.0,25.0,100.0,51.25,no ps2 submission (counted as 0)"),
        rows.toString());
    // a student id that looks like a formula is neutralised
    assertTrue(
        rows.stream().anyMatch(r -> r.startsWith("'=cmd,0.0,0.0,0.0,0.0,0.0,")), rows.toString());

    // Re-grading a problem set rewrites its gradebook; the manual grades survive.
    graded(repo, "ps2", 20, "alice,20,20", "bob,10,10");
    assertEquals(0, cli(repo, "course-grades", "grades/ps1", "grades/ps2").status());
    assertTrue(Files.readString(course.resolve("overrides.csv")).contains("alice,project,80"));
    // alice: 0.65 × 1.0 + 0.35 × 0.8 = 0.93
    assertTrue(finalGrades(repo).contains("alice,100.0,100.0,100.0,80.0,93.0,"), rows.toString());
  }

  @Test
  void policyFileAppliesDropLowestAndLatePenalty(@TempDir Path repo) throws Exception {
    graded(repo, "ps1", 10, "alice,10,10");
    graded(repo, "ps2", 10, "alice,2,2");
    graded(repo, "ps3", 10, "alice,8,8");
    Files.writeString(repo.resolve("late.csv"), "student,problemSet,days\nalice,ps3,2\n");
    Files.writeString(
        repo.resolve("policy.properties"),
        """
        components=problemSets,exam
        problemSets.weight=0.5
        problemSets.from=grades/ps1,grades/ps2,grades/ps3
        problemSets.dropLowest=1
        problemSets.latePenaltyPerDay=0.25
        exam.weight=0.5
        exam.max=40
        lateDays=late.csv
        """);
    Path course = repo.resolve("grades/course");
    Files.createDirectories(course);
    Files.writeString(course.resolve("overrides.csv"), "student,component,points\nalice,exam,30\n");

    Fixture.Run run = cli(repo, "course-grades", "--policy", "policy.properties");
    assertEquals(0, run.status(), run.output());
    // ps3: 0.8 × (1 − 2 × 0.25) = 0.4; ps2 (0.2) is dropped: (1.0 + 0.4) / 2 = 0.7
    // final: 0.5 × 0.7 + 0.5 × 30/40 = 0.725
    assertTrue(
        finalGrades(repo).contains("alice,100.0,20.0,40.0,70.0,75.0,72.5,ps3 2 days late"),
        finalGrades(repo).toString());
  }

  @Test
  void badPoliciesAreRefusedWithTheReason(@TempDir Path repo) throws Exception {
    graded(repo, "ps1", 10, "alice,10,10");
    List<Path> ps = List.of(repo.resolve("grades/ps1"));
    Path policy = repo.resolve("policy.properties");

    Files.writeString(
        policy, "components=problemSets,project\nproblemSets.weight=0.6\nproject.weight=0.3\n");
    String sum =
        assertThrows(IllegalArgumentException.class, () -> CourseGrades.policy(policy, repo, ps))
            .getMessage();
    assertTrue(sum.contains("must sum to 1 but 0.6 + 0.3 = 0.9"), sum);

    Files.writeString(
        policy,
        "components=problemSets,project\nproblemSets.weight=0.65\nproject.weight=0.35\n"
            + "quiz.weight=0.1\n");
    String unknown =
        assertThrows(IllegalArgumentException.class, () -> CourseGrades.policy(policy, repo, ps))
            .getMessage();
    assertTrue(unknown.contains("unknown component 'quiz'"), unknown);
    assertTrue(unknown.contains("[problemSets, project]"), unknown);

    // an override naming a component the policy does not have
    Files.createDirectories(repo.resolve("grades/course"));
    Files.writeString(
        repo.resolve("grades/course/overrides.csv"), "student,component,points\nalice,quiz,3\n");
    String override =
        assertThrows(IllegalArgumentException.class, () -> cli(repo, "course-grades", "grades/ps1"))
            .getMessage();
    assertTrue(override.contains("component 'quiz' (student alice) is not a manual"), override);
  }
}
