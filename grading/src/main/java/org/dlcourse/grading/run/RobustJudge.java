package org.dlcourse.grading.run;

import java.io.IOException;
import java.util.Locale;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;
import org.dlcourse.grading.run.ModelJudge.Verdict;

/**
 * The judge of a classifier recorded for its robustness ({@link JudgedModel.RobustTerms}): the
 * grader attacks it with its own FGSM on held-out images that no test JVM can read, {@code x_adv =
 * clip(x + eps sign(dL/dx), 0, 1)} with {@code dL/dx} from its own backward pass ({@link
 * Network#inputGradient}), and counts the attacked images still classified right. A test JVM can
 * report any accuracy, but only weights that really resist the attack pass: the task itself.
 */
final class RobustJudge {
  /** The terms' first field. */
  static final String KIND = "fgsm";

  private RobustJudge() {}

  /** The reference's terms: {@code fgsm;heldOut;examples;eps;minRobustAccuracy;minClean}. */
  record Terms(String heldOut, int examples, double eps, double minRobust, double minClean) {
    static Terms parse(String answer) {
      String[] t = answer.substring(1).split("\\|", -1)[0].split(";", -1);
      return new Terms(
          t[1],
          Integer.parseInt(t[2]),
          Double.parseDouble(t[3]),
          Double.parseDouble(t[4]),
          Double.parseDouble(t[5]));
    }
  }

  static Verdict judge(String answer, String submitted) {
    Terms t;
    try {
      t = Terms.parse(answer);
    } catch (RuntimeException e) {
      return new Verdict(false, "the reference's robustness answer is unreadable: " + e);
    }
    try {
      Network net = ModelJudge.parseSameArchitecture(answer, submitted);
      if (!net.denseOnly() || !"softmax".equals(net.lastActivation())) {
        throw new BadModel("the FGSM judge takes dense layers with softmax last");
      }
      return score(t, net, HeldOut.get(t.heldOut()));
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    } catch (IOException e) {
      return new Verdict(false, "the judge could not read its held-out data: " + e.getMessage());
    }
  }

  /** Clean and FGSM accuracy on the first {@code examples} held-out images, against the terms. */
  static Verdict score(Terms t, Network net, HeldOut data) throws BadModel {
    double[] acc = accuracies(t, net, data);
    double accuracy = acc[1];
    double cleanAccuracy = acc[0];
    boolean passed = accuracy >= t.minRobust() && cleanAccuracy >= t.minClean();
    String detail =
        String.format(
            Locale.ROOT,
            "accuracy %.4f on the grader's FGSM (eps %s) of %d held-out %s images %s %.4f, clean"
                + " accuracy %.4f %s %.4f",
            accuracy,
            t.eps(),
            (int) acc[2],
            t.heldOut(),
            accuracy >= t.minRobust() ? ">=" : "is below the target",
            t.minRobust(),
            cleanAccuracy,
            cleanAccuracy >= t.minClean() ? ">=" : "is below the target",
            t.minClean());
    return new Verdict(passed, detail);
  }

  /**
   * {clean accuracy, accuracy under the grader's FGSM, n} of {@code net} on the first {@code
   * examples} held-out examples.
   */
  static double[] accuracies(Terms t, Network net, HeldOut data) throws BadModel {
    int n = Math.min(t.examples(), data.labels().length);
    if (net.outputs() != data.classes()) {
      throw new BadModel(
          "the last layer has " + net.outputs() + " outputs; " + data.classes() + " classes");
    }
    if (3 * net.work() * n > ModelJudge.MAX_WORK) {
      throw new BadModel("the attack would take more than " + ModelJudge.MAX_WORK + " steps");
    }
    int clean = 0;
    int robust = 0;
    for (int i = 0; i < n; i++) {
      double[] x = new double[data.features()[i].length];
      for (int p = 0; p < x.length; p++) {
        x[p] = data.features()[i][p];
      }
      int label = data.labels()[i];
      clean += net.predict(x) == label ? 1 : 0;
      robust += net.predict(attack(net, x, label, t.eps())) == label ? 1 : 0;
    }
    return new double[] {clean / (double) n, robust / (double) n, n};
  }

  /** FGSM: {@code clip(x + eps sign(dL/dx), 0, 1)}; a pixel whose gradient is exactly 0 stays. */
  static double[] attack(Network net, double[] x, int label, double eps) {
    double[] g = net.inputGradient(x, label);
    double[] adv = new double[x.length];
    for (int p = 0; p < x.length; p++) {
      adv[p] = Math.min(1, Math.max(0, x[p] + eps * Math.signum(g[p])));
    }
    return adv;
  }
}
