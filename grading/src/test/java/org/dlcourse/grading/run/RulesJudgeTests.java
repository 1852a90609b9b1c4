package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.Visibility;
import org.dlcourse.grading.problemset.TestCase;
import org.junit.jupiter.api.Test;

/**
 * The rules of a design (ps3's and ps4's public 1-point tests, issue 15): the grader counts the
 * parameters and reads the output layer from the recorded model itself, so a test JVM that reports
 * a pass, or records "within the budget: yes", for an over-budget design earns nothing.
 */
class RulesJudgeTests {
  static final String ID = "org.dlcourse.ps.x.RulesTests#followsTheRules(Judge)";
  static final TestCase TEST =
      new TestCase(ID, "q3", "your design follows the rules", 1, Visibility.VISIBLE, true, 0, "");
  static final JudgedModel.RulesTerms CNN_RULES = new JudgedModel.RulesTerms(10, 8_000);

  /** ps3's reference CNN: conv 5x5x8, pool, conv 5x5x16, pool, softmax (5,994 parameters). */
  static JudgedModel referenceCnn() {
    return JudgedModel.image(1, 28, 28)
        .conv(8, 5, 1, "relu", fill(8 * 25, 0.01), new double[8])
        .maxPool(2, 2)
        .conv(16, 5, 1, "relu", fill(16 * 8 * 25, 0.01), new double[16])
        .maxPool(2, 2)
        .dense(10, "softmax", fill(256 * 10, 0.01), new double[10]);
  }

  /** A dense 784-units-10 network on the image input: 795 units + 10 (units + 1) parameters. */
  static JudgedModel mlp(int units, String last) {
    return JudgedModel.image(1, 28, 28)
        .dense(units, "relu", fill(784 * units, 0.01), new double[units])
        .dense(10, last, fill(units * 10, 0.01), new double[10]);
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static String answer(JudgedModel reference, JudgedModel.RulesTerms terms) {
    return ModelJudge.answerOf(value(reference, terms));
  }

  private static String value(JudgedModel m, JudgedModel.RulesTerms terms) {
    return "m" + terms.encode() + "|" + m.encode();
  }

  @Test
  void anHonestDesignWithinTheBudgetPasses() {
    String kept = answer(mlp(10, "softmax"), CNN_RULES);
    // The answer keeps the terms and the input only: a student designs their own layers.
    assertEquals("mrules;10;8000|image:1:28:28|", kept);
    ModelJudge.Verdict v = ModelJudge.judge(kept, value(referenceCnn(), CNN_RULES));
    assertTrue(v.passed(), v.detail());
    assertTrue(v.detail().startsWith("5,994 parameters, within the budget of 8,000"), v.detail());
    // 784-10-10 has 7,960 parameters: within 8,000.
    assertTrue(ModelJudge.judge(kept, value(mlp(10, "softmax"), CNN_RULES)).passed());
    // No held-out data is needed: nothing for assignment.properties to withhold.
    assertEquals(null, ModelJudge.heldOutOf(value(referenceCnn(), CNN_RULES)));
  }

  @Test
  void anOverBudgetDesignFailsWithTheGradersCountAndTheBudget() {
    String kept = answer(referenceCnn(), CNN_RULES);
    // 784-11-10: 784 x 11 + 11 + 11 x 10 + 10 = 8,755 parameters.
    ModelJudge.Verdict v = ModelJudge.judge(kept, value(mlp(11, "softmax"), CNN_RULES));
    assertFalse(v.passed());
    assertTrue(
        v.detail().startsWith("the model has 8,755 parameters (counted by the grader"), v.detail());
    assertTrue(v.detail().contains("more than the budget of 8,000"), v.detail());
    // The submission's own terms are ignored: claiming a larger budget changes nothing.
    JudgedModel.RulesTerms generous = new JudgedModel.RulesTerms(10, 100_000);
    assertFalse(ModelJudge.judge(kept, value(mlp(11, "softmax"), generous)).passed());
  }

  @Test
  void aJvmThatForgesAPassForAnOverBudgetDesignGetsZero() {
    Answers answers =
        new Answers(Map.of(ID, records(answer(referenceCnn(), CNN_RULES))), List.of());
    // The forging JVM reports a pass and records its real (over-budget) design.
    Outcome forged = new Outcome(true, -1, "", "", records(value(mlp(11, "softmax"), CNN_RULES)));
    Outcome judged = answers.judge(TEST, forged);
    assertFalse(judged.passed());
    assertEquals(0, judged.checksPassed());
    assertTrue(judged.message().contains("8,755 parameters"), judged.message());
    // What these tests recorded before, a yes/no, is not a model: refused, 0 points.
    Outcome yes = new Outcome(true, -1, "", "", records("yes"));
    Outcome j2 = answers.judge(TEST, yes);
    assertFalse(j2.passed());
    assertEquals(0, j2.checksPassed());
    // The honest design passes.
    Outcome honest = new Outcome(true, -1, "", "", records(value(referenceCnn(), CNN_RULES)));
    assertTrue(answers.judge(TEST, honest).passed());
  }

  @Test
  void anOutputThatIsNotASoftmaxOverTheClassesFails() {
    String kept = answer(referenceCnn(), CNN_RULES);
    ModelJudge.Verdict identity = ModelJudge.judge(kept, value(mlp(10, "identity"), CNN_RULES));
    assertFalse(identity.passed());
    assertTrue(
        identity.detail().contains("is identity with 10 outputs; expected a softmax over 10"),
        identity.detail());
    JudgedModel nine =
        JudgedModel.image(1, 28, 28).dense(9, "softmax", fill(784 * 9, 0.01), new double[9]);
    ModelJudge.Verdict v = ModelJudge.judge(kept, value(nine, CNN_RULES));
    assertFalse(v.passed());
    assertTrue(v.detail().contains("softmax with 9 outputs; expected a softmax over 10"));
  }

  /** ps4's rules: an LSTM character model over 27 characters within 20,000 parameters. */
  @Test
  void aCharacterModelIsCountedByTheGraderToo() {
    JudgedModel.RulesTerms rules = new JudgedModel.RulesTerms(27, 20_000);
    String kept = answer(lstm(48), rules);
    assertEquals("mrules;27;20000|seq:27|", kept);
    // An LSTM of H units on 27 inputs: 4 H (27 + H + 1); the output layer 27 (H + 1).
    ModelJudge.Verdict ok = ModelJudge.judge(kept, value(lstm(48), rules));
    assertTrue(ok.passed(), ok.detail());
    assertTrue(ok.detail().startsWith("15,915 parameters, within the budget of 20,000"));
    ModelJudge.Verdict over = ModelJudge.judge(kept, value(lstm(56), rules));
    assertFalse(over.passed());
    assertTrue(
        over.detail().startsWith("the model has 20,355 parameters (counted by the grader"),
        over.detail());
  }

  private static JudgedModel lstm(int h) {
    return JudgedModel.sequence(27)
        .lstm(h, "tanh", new double[27 * 4 * h], new double[h * 4 * h], new double[4 * h])
        .dense(27, "softmax", new double[h * 27], new double[27]);
  }

  @Test
  void malformedRecordsAreRefusedWithAReason() {
    String kept = answer(referenceCnn(), CNN_RULES);
    String good = value(referenceCnn(), CNN_RULES);
    String[] f = good.split("\\|", -1);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("yes", "expected terms|input|layers|parameters");
    cases.put(f[0] + "|flat:784|" + f[2] + "|" + f[3], "but this test's model takes image:1:28:28");
    cases.put(f[0] + "|" + f[1] + "|" + f[2] + "|AAAA", "the architecture needs 5994 parameters");
    cases.put(f[0] + "|" + f[1] + "|lstm:8:tanh|" + f[3], "not an allowed layer");
    ModelJudgeTests.assertAllRefused(kept, cases);
  }

  private static String records(String value) {
    return JudgedValues.encode(List.of(new JudgedValues.Value("the design's rules", 0, value)));
  }
}
