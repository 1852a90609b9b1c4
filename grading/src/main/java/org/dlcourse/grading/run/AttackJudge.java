package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Locale;
import org.dlcourse.grading.JudgedModel;
import org.dlcourse.grading.run.ModelJudge.BadModel;
import org.dlcourse.grading.run.ModelJudge.Verdict;

/**
 * The judge of a student's attack ({@link JudgedModel.AttackTerms}): the record holds the attacked
 * model and the student's FGSM images of a few <em>training</em> images named by index. The grader
 * recomputes FGSM of those images on that model with its own backward pass ({@link
 * Network#inputGradient}) and needs the student's images to agree pixel by pixel (so only a correct
 * FGSM passes, on any machine: no reference values are compared); then it measures the accuracy
 * FGSM takes from the model on held-out images itself. No number the test JVM reports is believed.
 */
final class AttackJudge {
  /** The terms' first field. */
  static final String KIND = "attack";

  /** How close a student's attacked pixel must be to the grader's (float32 rounding and more). */
  static final double PIXEL_TOLERANCE = 1e-4;

  /** The most probe images a record may carry. */
  static final int MAX_PROBES = 32;

  private AttackJudge() {}

  /** The reference's terms: {@code attack;heldOut;examples;eps;minDrop;minAgreement}. */
  record Terms(String heldOut, int examples, double eps, double minDrop, double minAgreement) {
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
      return new Verdict(false, "the reference's attack answer is unreadable: " + e);
    }
    try {
      int cut = submitted.lastIndexOf('|');
      if (cut < 0) {
        throw new BadModel("expected terms|input|layers|parameters|probe");
      }
      Network net = ModelJudge.parseSameArchitecture(answer, submitted.substring(0, cut));
      if (!net.denseOnly() || !"softmax".equals(net.lastActivation())) {
        throw new BadModel("the FGSM judge takes dense layers with softmax last");
      }
      String probe = submitted.substring(cut + 1);
      String agreement = agreement(t, net, probe);
      RobustJudge.Terms r = new RobustJudge.Terms(t.heldOut(), t.examples(), t.eps(), 0, 0);
      double[] acc = RobustJudge.accuracies(r, net, HeldOut.get(t.heldOut()));
      double drop = acc[0] - acc[1];
      String detail =
          String.format(
              Locale.ROOT,
              "%s; the grader's FGSM takes the model's accuracy on %d held-out %s images from %.4f"
                  + " to %.4f: a drop of %.4f %s %.4f",
              agreement,
              (int) acc[2],
              t.heldOut(),
              acc[0],
              acc[1],
              drop,
              drop >= t.minDrop() ? ">=" : "is below the target",
              t.minDrop());
      return new Verdict(drop >= t.minDrop(), detail);
    } catch (BadModel e) {
      return new Verdict(false, "model data refused: " + e.getMessage());
    } catch (IOException e) {
      return new Verdict(false, "the judge could not read its data: " + e.getMessage());
    }
  }

  /**
   * Compares the student's attacked probe images ({@code i,j,…;base64 float32 [k, inputs]}) with
   * the grader's FGSM of the same training images on the recorded model; throws when they do not
   * agree on at least {@code minAgreement} of the pixels, else says how well they agree.
   */
  static String agreement(Terms t, Network net, String probe) throws BadModel, IOException {
    String[] f = probe.split(";", -1);
    if (f.length != 2 || !f[0].matches("\\d{1,5}(,\\d{1,5}){0," + (MAX_PROBES - 1) + "}")) {
      throw new BadModel("the probe must be up to " + MAX_PROBES + " image indices;base64 images");
    }
    String[] idx = f[0].split(",");
    HeldOut.Images train = HeldOut.fashionMnistTrain(idx);
    int inputs = train.features()[0].length;
    float[] got = floats(f[1], (long) idx.length * inputs);
    int same = 0;
    for (int i = 0; i < idx.length; i++) {
      double[] x = new double[inputs];
      for (int p = 0; p < inputs; p++) {
        x[p] = train.features()[i][p];
      }
      double[] want = RobustJudge.attack(net, x, train.labels()[i], t.eps());
      for (int p = 0; p < inputs; p++) {
        same += Math.abs(got[i * inputs + p] - want[p]) <= PIXEL_TOLERANCE ? 1 : 0;
      }
    }
    int total = idx.length * inputs;
    double share = same / (double) total;
    if (share < t.minAgreement()) {
      throw new BadModel(
          String.format(
              Locale.ROOT,
              "the recorded FGSM images agree with the grader's FGSM of the recorded model at only"
                  + " %d of %d pixels (%.4f; needs %.4f)",
              same,
              total,
              share,
              t.minAgreement()));
    }
    return String.format(
        Locale.ROOT,
        "the recorded FGSM images agree with the grader's at %d of %d pixels",
        same,
        total);
  }

  private static float[] floats(String base64, long count) throws BadModel {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new BadModel("the probe images are not Base64: " + e.getMessage());
    }
    if (bytes.length != count * 4) {
      throw new BadModel(
          "the probe needs " + count + " pixels, the data holds " + bytes.length / 4.0);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] p = new float[(int) count];
    for (int i = 0; i < p.length; i++) {
      p[i] = buf.getFloat();
      if (!Float.isFinite(p[i])) {
        throw new BadModel("probe pixel " + i + " is " + p[i]);
      }
    }
    return p;
  }
}
