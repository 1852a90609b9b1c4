package org.dlcourse.grading.run;

import java.util.List;
import java.util.Locale;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;
import org.dlcourse.grading.run.ModelJudge.Verdict;

/**
 * The judge of a design's rules ({@link JudgedModel.RulesTerms}): the grader parses the recorded
 * model itself (the layers with {@link Network} or {@link LstmNetwork}, the parameters strictly)
 * and decides from that data alone whether it has the reference's input, at most the budget's
 * parameters and a softmax over the right number of classes. A test JVM that reports "within the
 * budget" for a design that is not gains nothing: the count is the grader's.
 */
final class RulesJudge {
  /** The terms' first field. */
  static final String KIND = "rules";

  private RulesJudge() {}

  /** The reference's terms: {@code rules;classes;maxParams}. */
  record Terms(int classes, long maxParams) {
    static Terms parse(String answer) {
      String[] t = answer.substring(1).split("\\|", -1)[0].split(";", -1);
      if (t.length != 3 || !t[0].equals(KIND)) {
        throw new IllegalArgumentException("expected " + KIND + ";classes;maxParams");
      }
      return new Terms(Integer.parseInt(t[1]), Long.parseLong(t[2]));
    }
  }

  /** What the grader read from a record: the parameter count, the classes, the last activation. */
  private record Shape(long params, int classes, String last, String layers) {}

  static Verdict judge(String answer, String submitted) {
    Terms t;
    try {
      t = Terms.parse(answer);
    } catch (RuntimeException e) {
      return new Verdict(false, "the reference's rules answer is unreadable: " + e);
    }
    try {
      Shape s = read(answer.split("\\|", -1)[1], submitted);
      if (s.params() > t.maxParams()) {
        return new Verdict(
            false,
            String.format(
                Locale.ROOT,
                "the model has %,d parameters (counted by the grader from its layers: %s), more"
                    + " than the budget of %,d: use fewer channels or units",
                s.params(),
                ModelJudge.clip(s.layers()),
                t.maxParams()));
      }
      if (s.classes() != t.classes() || !"softmax".equals(s.last())) {
        return new Verdict(
            false,
            String.format(
                Locale.ROOT,
                "the last layer is %s with %d outputs; expected a softmax over %d classes",
                s.last(),
                s.classes(),
                t.classes()));
      }
      return new Verdict(
          true,
          String.format(
              Locale.ROOT,
              "%,d parameters, within the budget of %,d; a softmax over %d classes (read by the"
                  + " grader from the recorded layers)",
              s.params(),
              t.maxParams(),
              t.classes()));
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    }
  }

  /**
   * Parses {@code m<terms>|<input>|<layers>|<base64 float32>} strictly: the reference's input, the
   * allowed layer kinds (LSTM layers for a sequence input), exact sizes, finite values.
   */
  private static Shape read(String input, String value) throws BadModel {
    String[] f = ModelJudge.fields(input, value);
    List<String> specs = List.of(f[2].split(",", -1));
    if (input.startsWith("seq:")) {
      // LstmNetwork's grammar ends in dense:classes:softmax.
      LstmNetwork net = LstmNetwork.build(f[1], specs);
      ModelJudge.decode(f[3], net.parameterCount());
      return new Shape(net.parameterCount(), net.classes(), "softmax", f[2]);
    }
    Network net = Network.build(f[1], specs);
    ModelJudge.decode(f[3], net.parameterCount());
    return new Shape(net.parameterCount(), net.outputs(), net.lastActivation(), f[2]);
  }
}
