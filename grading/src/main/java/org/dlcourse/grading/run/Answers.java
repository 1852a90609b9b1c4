package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlcourse.grading.Judge;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.problemset.TestCase;

/**
 * What the reference solution's tests recorded through {@link Judge}: the answers a submission's
 * recorded values are judged against, by the grader, outside every sandbox. They are kept only in
 * the grader's work folder ({@code answers.tsv}, never bound into a sandbox) and in the Gradescope
 * zip's root-only {@code grader/compiled/}.
 *
 * @param byTest test id to the reference's encoded records
 * @param referenceFailures tests the reference solution failed (their answers are not kept)
 */
public record Answers(Map<String, String> byTest, List<String> referenceFailures) {
  public static final String FILE = "answers.tsv";

  static Answers none() {
    return new Answers(Map.of(), List.of());
  }

  /** Fails, naming them, when the reference solution failed tests: it cannot serve as answers. */
  public void requireReferencePasses() {
    if (!referenceFailures.isEmpty()) {
      throw new IllegalStateException(
          "the reference solution fails these tests, so it cannot serve as the answers; fix the"
              + " tests or the solution (./course validate shows more):\n  "
              + String.join("\n  ", referenceFailures));
    }
  }

  /**
   * The answers from the reference run's outcomes, and the tests it failed. A recorded model must
   * meet its own terms on held-out data that the problem set withholds from its test JVMs ({@code
   * withheld}); its answer keeps the terms and input, not the reference's weights.
   */
  static Answers fromReference(Map<String, Outcome> outcomes, Set<String> withheld) {
    List<String> failed = new ArrayList<>();
    Map<String, String> m = new LinkedHashMap<>();
    outcomes.forEach(
        (id, o) -> {
          if (o == null || !o.passed()) {
            failed.add(id + (o == null ? "" : ": " + o.message().lines().findFirst().orElse("")));
            return;
          }
          List<JudgedValues.Value> values = JudgedValues.decode(o.records());
          List<JudgedValues.Value> kept = new ArrayList<>();
          for (JudgedValues.Value v : values) {
            String problem = ModelJudge.isModel(v.value()) ? referenceModel(v, withheld) : null;
            if (problem != null) {
              failed.add(id + ": " + v.what() + ": " + problem);
              return;
            }
            kept.add(ModelJudge.isModel(v.value()) ? v.asModelAnswer() : v);
          }
          if (!kept.isEmpty()) {
            m.put(id, JudgedValues.encode(kept));
          }
        });
    return new Answers(Map.copyOf(m), List.copyOf(failed));
  }

  /** Why the reference's recorded model cannot serve as an answer, or null when it can. */
  private static String referenceModel(JudgedValues.Value v, Set<String> withheld) {
    String heldOut = ModelJudge.heldOutOf(v.value());
    if (heldOut != null && !withheld.contains(heldOut)) {
      return "the model is judged on "
          + heldOut
          + ", which the test JVMs can read; add heldOut="
          + heldOut
          + " to assignment.properties";
    }
    ModelJudge.Verdict verdict = ModelJudge.judge(v.value(), v.value());
    // The instructor's margin: how far the reference's model is above the target.
    System.err.println("note: the reference's model for " + v.what() + ": " + verdict.detail());
    return verdict.passed() ? null : "the reference's own model fails: " + verdict.detail();
  }

  /** Whether a test is judged against recorded answers. */
  public boolean judges(TestCase t) {
    return byTest.containsKey(t.id());
  }

  /**
   * The outcome as the judge sees it: a judged test passes only if its JVM reported a pass and
   * every answer was matched; its passed-check count is at most the matched answers. So whatever a
   * test JVM reports, a judged test never scores more than the values it computed earn.
   */
  Outcome judge(TestCase t, Outcome o) {
    String encoded = byTest.get(t.id());
    if (encoded == null) {
      return o;
    }
    List<JudgedValues.Value> want = JudgedValues.decode(encoded);
    List<String> wrong = new ArrayList<>();
    int matched = JudgedValues.matched(want, JudgedValues.decode(o.records()), wrong);
    boolean pass = o.passed() && matched == want.size();
    int checks = o.checksPassed() < 0 ? matched : Math.min(o.checksPassed(), matched);
    String message = o.message();
    if (matched < want.size()) {
      message =
          (message.isBlank() ? "" : message + "\n")
              + (want.size() - matched)
              + " of "
              + want.size()
              + " values differ from the reference's: "
              + String.join("; ", wrong);
    }
    return new Outcome(pass, checks, message, o.output(), o.records());
  }

  void write(Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    byTest.forEach((id, enc) -> s.append(id).append('\t').append(enc).append('\n'));
    AtomicFiles.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads {@code file}, or no answers when it does not exist (an older autograder zip). */
  public static Answers read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", 2);
      if (f.length == 2) {
        m.put(f[0], f[1]);
      }
    }
    return new Answers(Map.copyOf(m), List.of());
  }
}
