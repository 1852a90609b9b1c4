package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.dlcourse.grading.JudgedModel;

/**
 * The judge of a model recorded with {@code Judge.recordModel}: parses the submitted data strictly,
 * rebuilds the network with the grader's own forward pass ({@link Network}; no submitted class is
 * ever loaded, no class name is ever read from the data) and measures its accuracy on held-out data
 * under the reference's terms. Runs in the grader's process, which runs no student code.
 */
final class ModelJudge {
  /** The most characters a model record may have (the report channel bounds it anyway). */
  static final int MAX_CHARS = 1_000_000;

  /** The most multiply-adds the judge spends on one submitted model over all held-out examples. */
  static final long MAX_WORK = 4_000_000_000L;

  private ModelJudge() {}

  /** A verdict: whether the model met the terms, and why (shown in the test's message). */
  record Verdict(boolean passed, String detail) {}

  /**
   * The reference's terms and architecture, from its record (trusted); {@code convolution}: the
   * model must have a convolution layer ({@code ;conv} after the terms); {@code shifted}: it is
   * measured on the held-out images shifted by the grader ({@code ;shift}).
   */
  record Answer(
      String heldOut,
      int examples,
      double minAccuracy,
      long maxParams,
      boolean convolution,
      boolean shifted,
      String input) {
    static Answer parse(String value) {
      String[] f = value.substring(1).split("\\|", -1);
      String[] t = f[0].split(";", -1);
      java.util.List<String> flags = List.of(t).subList(Math.min(4, t.length), t.length);
      boolean conv = flags.contains("conv");
      boolean shift = flags.contains("shift");
      if (flags.size() != (conv ? 1 : 0) + (shift ? 1 : 0)
          || (conv && shift && !flags.get(0).equals("conv"))) {
        throw new IllegalArgumentException("unknown terms " + clip(f[0]));
      }
      return new Answer(
          t[0],
          Integer.parseInt(t[1]),
          Double.parseDouble(t[2]),
          Long.parseLong(t[3]),
          conv,
          shift,
          f[1]);
    }

    /**
     * The answer as kept in {@code answers.tsv}: the terms and input, not the reference's weights.
     */
    String encode() {
      return "m"
          + String.join(
              ";",
              heldOut,
              Integer.toString(examples),
              Double.toString(minAccuracy),
              Long.toString(maxParams))
          + (convolution ? ";conv" : "")
          + (shifted ? ";shift" : "")
          + "|"
          + input
          + "|";
    }
  }

  /** Whether a record's value is a model (see {@code Judge.recordModel}). */
  static boolean isModel(String value) {
    return value.startsWith("m");
  }

  /**
   * Judges a submitted model record against the reference's answer: by accuracy on held-out data
   * ({@link JudgedModel.Terms}), by the cross-entropy of a character model on held-out text ({@link
   * TextJudge}), by sampling a generator ({@link GeneratorJudge}) or by the grader's own FGSM
   * ({@link RobustJudge}) or by checking a student's attack against the grader's ({@link
   * AttackJudge}) or by the design's rules alone ({@link RulesJudge}), as the reference's terms
   * say.
   */
  static Verdict judge(String answer, String submitted) {
    if (answer.startsWith("m" + RulesJudge.KIND + ";")) {
      return RulesJudge.judge(answer, submitted);
    }
    if (answer.startsWith("m" + GeneratorJudge.KIND + ";")) {
      return GeneratorJudge.judge(answer, submitted);
    }
    if (answer.startsWith("m" + RobustJudge.KIND + ";")) {
      return RobustJudge.judge(answer, submitted);
    }
    if (answer.startsWith("m" + AttackJudge.KIND + ";")) {
      return AttackJudge.judge(answer, submitted);
    }
    if (answer.startsWith("m" + TextJudge.KIND + ";")) {
      return TextJudge.judge(answer, submitted);
    }
    Answer a;
    try {
      a = Answer.parse(answer);
    } catch (RuntimeException e) {
      return new Verdict(false, "the reference's model answer is unreadable: " + e);
    }
    try {
      Network net = parse(a, submitted);
      if (a.convolution() && !net.hasConvolution()) {
        return new Verdict(
            false,
            "the model has no convolution layer (its layers: "
                + clip(net.describe())
                + "); this test asks for a convolutional network, so its accuracy does not count");
      }
      HeldOut data = HeldOut.get(a.heldOut());
      return score(a, net, a.shifted() ? ShiftedHeldOut.of(data) : data);
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    } catch (IOException e) {
      return new Verdict(false, "the judge could not read its held-out data: " + e.getMessage());
    }
  }

  /** Accuracy of {@code net} on the first {@code examples} held-out examples, against the terms. */
  static Verdict score(Answer a, Network net, HeldOut data) throws BadModel {
    int n = Math.min(a.examples(), data.labels().length);
    if (net.outputs() != data.classes()) {
      throw new BadModel(
          "the last layer has "
              + net.outputs()
              + " outputs; "
              + a.heldOut()
              + " has "
              + data.classes()
              + " classes");
    }
    if (net.work() * n > MAX_WORK) {
      throw new BadModel(
          "the model takes "
              + net.work()
              + " multiply-adds per example; the judge allows "
              + MAX_WORK / n);
    }
    int right = 0;
    for (int i = 0; i < n; i++) {
      right += net.predict(data.features()[i]) == data.labels()[i] ? 1 : 0;
    }
    double accuracy = right / (double) n;
    String detail =
        String.format(
            Locale.ROOT,
            "accuracy %.4f (%d of %d held-out %s examples%s, measured by the grader) %s %.4f",
            accuracy,
            right,
            n,
            a.heldOut(),
            a.shifted() ? ", " + ShiftedHeldOut.DESCRIPTION : "",
            accuracy >= a.minAccuracy() ? ">=" : "is below the target",
            a.minAccuracy());
    return new Verdict(accuracy >= a.minAccuracy(), detail);
  }

  /**
   * The held-out set a model record is judged on, or null when it needs none (a generator is judged
   * against a distribution the grader samples itself).
   */
  static String heldOutOf(String value) {
    if (value.startsWith("m" + GeneratorJudge.KIND + ";")
        || value.startsWith("m" + RulesJudge.KIND + ";")) {
      return null;
    }
    if (value.startsWith("m" + RobustJudge.KIND + ";")
        || value.startsWith("m" + AttackJudge.KIND + ";")
        || value.startsWith("m" + TextJudge.KIND + ";")) {
      return value.split("\\|", -1)[0].split(";", -1)[1];
    }
    return Answer.parse(value).heldOut();
  }

  /**
   * A model record as an answer: the terms and input, and for the kinds judged by sampling or
   * attack also the layers (a submission must have the reference's architecture), never weights.
   */
  static String answerOf(String value) {
    if (value.startsWith("m" + TextJudge.KIND + ";")
        || value.startsWith("m" + RulesJudge.KIND + ";")) {
      return TextJudge.answerOf(value);
    }
    if (heldOutOf(value) == null
        || value.startsWith("m" + RobustJudge.KIND + ";")
        || value.startsWith("m" + AttackJudge.KIND + ";")) {
      String[] f = value.split("\\|", -1);
      return f[0] + "|" + f[1] + "|" + f[2] + "|";
    }
    return Answer.parse(value).encode();
  }

  /**
   * Parses a submitted record for a kind whose answer keeps the reference's input and layers
   * ({@code m<terms>|<input>|<layers>|}): the submission must have exactly that architecture.
   */
  static Network parseSameArchitecture(String answer, String submitted) throws BadModel {
    String[] want = answer.split("\\|", -1);
    String[] f = fields(submitted);
    if (!f[1].equals(want[1]) || !f[2].equals(want[2])) {
      throw new BadModel(
          "the architecture "
              + clip(f[1] + " " + f[2])
              + " is not this test's "
              + want[1]
              + " "
              + want[2]);
    }
    Network net = Network.build(f[1], List.of(f[2].split(",", -1)));
    if (net.parameterCount() > JudgedModel.MAX_PARAMS) {
      throw new BadModel(net.parameterCount() + " parameters; at most " + JudgedModel.MAX_PARAMS);
    }
    net.load(decode(f[3], net.parameterCount()));
    return net;
  }

  /** Submitted data that the judge refuses (the message says what is wrong). */
  static final class BadModel extends Exception {
    BadModel(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code m<terms>|<input>|<layers>|<base64 float32>} strictly against the reference's
   * answer: its input, the allowed layer kinds, chained shapes, the parameter cap, exact sizes and
   * finite values.
   */
  static Network parse(Answer a, String value) throws BadModel {
    String[] f = fields(a.input(), value);
    Network net = Network.build(f[1], List.of(f[2].split(",", -1)));
    long cap = Math.min(a.maxParams(), JudgedModel.MAX_PARAMS);
    if (net.parameterCount() > cap) {
      throw new BadModel(net.parameterCount() + " parameters; at most " + cap + " allowed");
    }
    net.load(decode(f[3], net.parameterCount()));
    return net;
  }

  /**
   * The four fields of a record {@code m<terms>|<input>|<layers>|<base64 float32>}, refused when it
   * is longer than {@link #MAX_CHARS} or has another number of fields.
   */
  static String[] fields(String value) throws BadModel {
    if (value.length() > MAX_CHARS) {
      throw new BadModel(value.length() + " characters; at most " + MAX_CHARS);
    }
    String[] f = value.split("\\|", -1);
    if (f.length != 4) {
      throw new BadModel("expected terms|input|layers|parameters, got " + f.length + " fields");
    }
    return f;
  }

  /** {@link #fields(String)}, also refused when the record's input is not {@code input}. */
  static String[] fields(String input, String value) throws BadModel {
    String[] f = fields(value);
    if (!f[1].equals(input)) {
      throw new BadModel("input " + clip(f[1]) + " but this test's model takes " + input);
    }
    return f;
  }

  static float[] decode(String base64, long count) throws BadModel {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new BadModel("the parameters are not Base64: " + e.getMessage());
    }
    if (bytes.length != count * 4) {
      throw new BadModel(
          "the architecture needs "
              + count
              + " parameters but the data holds "
              + bytes.length / 4.0);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] p = new float[(int) count];
    for (int i = 0; i < p.length; i++) {
      p[i] = buf.getFloat();
      if (!Float.isFinite(p[i])) {
        throw new BadModel("parameter " + i + " is " + p[i] + "; every parameter must be finite");
      }
    }
    return p;
  }

  static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
