package org.dlcourse.grading.run;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;
import org.dlcourse.grading.run.ModelJudge.Verdict;

/**
 * The judge of a recorded character model ({@link JudgedModel.TextTerms}): the grader, which runs
 * no student code, rebuilds the LSTM with its own forward pass ({@link LstmNetwork}) and measures
 * the mean cross-entropy of the next character on held-out text no test JVM reads ({@link
 * HeldOutText}). A test JVM can report any loss; only weights that really predict unseen text pass.
 */
final class TextJudge {
  /** The terms' first field. */
  static final String KIND = "text";

  private TextJudge() {}

  /** The reference's terms: {@code text;heldOut;sequences;length;maxLoss;maxParams}. */
  record Terms(String heldOut, int sequences, int length, double maxLoss, long maxParams) {
    static Terms parse(String answer) {
      String[] t = answer.substring(1).split("\\|", -1)[0].split(";", -1);
      if (t.length != 6 || !t[0].equals(KIND)) {
        throw new IllegalArgumentException("expected " + KIND + ";heldOut;sequences;length;…");
      }
      return new Terms(
          t[1],
          Integer.parseInt(t[2]),
          Integer.parseInt(t[3]),
          Double.parseDouble(t[4]),
          Long.parseLong(t[5]));
    }
  }

  /** The answer kept for a reference record: terms and input, no layers, no weights. */
  static String answerOf(String value) {
    String[] f = value.split("\\|", -1);
    return f[0] + "|" + f[1] + "|";
  }

  static Verdict judge(String answer, String submitted) {
    Terms t;
    try {
      t = Terms.parse(answer);
    } catch (RuntimeException e) {
      return new Verdict(false, "the reference's character-model answer is unreadable: " + e);
    }
    try {
      LstmNetwork net = parse(t, answer.split("\\|", -1)[1], submitted);
      return score(t, net, HeldOutText.get(t.heldOut()));
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    } catch (IOException e) {
      return new Verdict(false, "the judge could not read its held-out text: " + e.getMessage());
    }
  }

  /**
   * Parses {@code m<terms>|seq:F|lstm:…,dense:V:softmax|<base64 float32>} strictly: the answer's
   * input, the allowed layers, the parameter cap, exact sizes, finite values.
   */
  static LstmNetwork parse(Terms t, String input, String value) throws BadModel {
    String[] f = ModelJudge.fields(input, value);
    LstmNetwork net = LstmNetwork.build(f[1], List.of(f[2].split(",", -1)));
    long cap = Math.min(t.maxParams(), JudgedModel.MAX_PARAMS);
    if (net.parameterCount() > cap) {
      throw new BadModel(net.parameterCount() + " parameters; at most " + cap + " allowed");
    }
    net.load(ModelJudge.decode(f[3], net.parameterCount()));
    return net;
  }

  /**
   * The mean of {@code -log p(next character)} over the first {@code sequences} non-overlapping
   * sequences of {@code length} characters of {@code text}, each from a zero state; against the
   * terms.
   */
  static Verdict score(Terms t, LstmNetwork net, String text) throws BadModel {
    int alphabet = HeldOutText.ALPHABET.length();
    if (net.features() != alphabet || net.classes() != alphabet) {
      throw new BadModel(
          "the model reads "
              + net.features()
              + " and predicts "
              + net.classes()
              + " characters; the text's alphabet has "
              + alphabet);
    }
    int n = Math.min(t.sequences(), (text.length() - 1) / t.length());
    if (net.work() * n * t.length() > ModelJudge.MAX_WORK) {
      throw new BadModel(
          "the model takes "
              + net.work()
              + " multiply-adds per character; the judge allows "
              + ModelJudge.MAX_WORK / ((long) n * t.length()));
    }
    double total = 0;
    for (int s = 0; s < n; s++) {
      int[] chars = new int[t.length()];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = HeldOutText.ALPHABET.indexOf(text.charAt(s * t.length() + i));
      }
      double[][] logp = net.logProbabilities(chars);
      for (int i = 0; i < chars.length; i++) {
        int next = HeldOutText.ALPHABET.indexOf(text.charAt(s * t.length() + i + 1));
        total -= logp[i][next];
      }
    }
    double loss = total / ((double) n * t.length());
    boolean passed = loss <= t.maxLoss(); // NaN cannot pass (parameters are finite anyway)
    String detail =
        String.format(
            Locale.ROOT,
            "loss %.4f nats per character (%d held-out %s sequences of %d, measured by the grader)"
                + " %s %.4f",
            loss,
            n,
            t.heldOut(),
            t.length(),
            passed ? "<=" : "is above the target",
            t.maxLoss());
    return new Verdict(passed, detail);
  }
}
