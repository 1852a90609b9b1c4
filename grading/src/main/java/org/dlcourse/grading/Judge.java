package org.dlcourse.grading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Values a test computed with the student's code, for a judge outside the sandbox.
 *
 * <pre>{@code
 * @Test
 * @Points(question = "q2", value = 1, visibility = Visibility.AFTER_DUE_DATE)
 * void softmaxIsStableForLargeInputs(Judge judge) {
 *   double[] p = Activations.softmax(new double[] {1000, 1000});
 *   judge.record("softmax(1000, 1000)", p, 1e-12);   // judged against the reference's value
 *   assertEquals(0.5, p[0], 1e-12);                  // still the test's own check (check, IDE)
 * }
 * }</pre>
 *
 * <p>When {@code grade} (or Gradescope) grades a test that records values, the grader first runs
 * the same test on the reference solution and keeps what it recorded: the answers, which never
 * enter a sandbox. A submission's test then passes only if its JVM reported a pass <em>and</em>
 * every recorded value matches the reference's within its tolerance. Code that controls the test
 * JVM (native code, raw memory, a stolen nonce) can make it report anything, but the only way to
 * match the answers is to compute them. Record what the student's code computed (outputs), not
 * yes/no properties, which a forger could guess.
 */
public final class Judge {
  private final List<String> records = new ArrayList<>();

  Judge() {}

  /** Records numbers computed by the student's code; judged within {@code tolerance}. */
  public void record(String what, double[] values, double tolerance) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(s.length() == 0 ? "" : ",").append(Double.toString(v));
    }
    add(what, tolerance, s.toString());
  }

  /** Records one number. */
  public void record(String what, double value, double tolerance) {
    record(what, new double[] {value}, tolerance);
  }

  /** Records text (compared exactly). */
  public void record(String what, String value) {
    add(what, -1, "s" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Records a trained model as data (architecture and parameters; see {@link JudgedModel}). The
   * grader rebuilds it outside the sandbox and measures it on held-out data under the
   * <em>reference's</em> {@code terms}; the test passes only if that measurement meets them.
   */
  public void recordModel(String what, JudgedModel model, JudgedModel.Terms terms) {
    add(what, 0, value(model, terms));
  }

  /** A model record's value: {@code m<terms>|<input>|<layers>|<parameters>}. */
  public static String value(JudgedModel model, JudgedModel.Terms terms) {
    return "m" + terms.encode() + "|" + model.encode();
  }

  /**
   * Records a model (trained or not) as data for a rules check: the grader counts its parameters
   * and reads its output layer itself (see {@link JudgedModel.RulesTerms}).
   */
  public void recordModel(String what, JudgedModel model, JudgedModel.RulesTerms terms) {
    add(what, 0, "m" + terms.encode() + "|" + model.encode());
  }

  /**
   * Records a trained generator as data: the grader samples it with its own noise and measures its
   * distance to the target under the reference's {@code terms} (see {@link
   * JudgedModel.GeneratorTerms}).
   */
  public void recordModel(String what, JudgedModel model, JudgedModel.GeneratorTerms terms) {
    add(what, 0, "m" + terms.encode() + "|" + model.encode());
  }

  /**
   * Records a trained character model as data (see {@link JudgedModel#sequence}): the grader
   * measures its cross-entropy on held-out text under the reference's {@code terms} (see {@link
   * JudgedModel.TextTerms}).
   */
  public void recordModel(String what, JudgedModel model, JudgedModel.TextTerms terms) {
    add(what, 0, "m" + terms.encode() + "|" + model.encode());
  }

  /**
   * Records a trained classifier as data: the grader attacks it with its own FGSM on held-out data
   * under the reference's {@code terms} (see {@link JudgedModel.RobustTerms}).
   */
  public void recordModel(String what, JudgedModel model, JudgedModel.RobustTerms terms) {
    add(what, 0, "m" + terms.encode() + "|" + model.encode());
  }

  /**
   * Records an attack as data: the attacked classifier and the student's attacked versions {@code
   * attacked [k, inputs]} (row-major) of the Fashion-MNIST training images at {@code trainIndices}
   * (at most 32). The grader recomputes FGSM of those images on the model itself and measures the
   * accuracy it takes on held-out data (see {@link JudgedModel.AttackTerms}).
   */
  public void recordAttack(
      String what,
      JudgedModel model,
      JudgedModel.AttackTerms terms,
      int[] trainIndices,
      double[] attacked) {
    if (trainIndices.length < 1 || trainIndices.length > 32) {
      throw new IllegalArgumentException("1 to 32 probe images expected");
    }
    StringBuilder idx = new StringBuilder();
    for (int i : trainIndices) {
      idx.append(idx.length() == 0 ? "" : ",").append(i);
    }
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(attacked.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (double v : attacked) {
      buf.putFloat((float) v);
    }
    add(
        what,
        0,
        "m"
            + terms.encode()
            + "|"
            + model.encode()
            + "|"
            + idx
            + ";"
            + Base64.getEncoder().encodeToString(buf.array()));
  }

  private void add(String what, double tolerance, String value) {
    if (records.size() >= 1000) {
      throw new IllegalStateException("a test may record at most 1000 values");
    }
    records.add(clean(what) + "\t" + tolerance + "\t" + value);
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Encodes the records for the report channel (the judge reads them: {@code run.JudgedValues}).
   */
  String encode() {
    return Base64.getEncoder()
        .encodeToString(String.join("\n", records).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Judge[%d values recorded]", records.size());
  }

  /** Supplies {@link Judge} parameters and reports the records after the test. */
  public static final class Extension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(Judge.class);

    /** The report-entry key the grader's runner reads. */
    public static final String REPORT_KEY = "dlcourse.judge";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == Judge.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getStore(NS).getOrComputeIfAbsent("judge", k -> new Judge(), Judge.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
      Judge judge = c.getStore(NS).get("judge", Judge.class);
      if (judge != null && !judge.records.isEmpty()) {
        c.publishReportEntry(REPORT_KEY, judge.encode());
      }
    }
  }
}
