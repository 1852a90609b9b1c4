package org.dlcourse.grading.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.dlcourse.grading.Judge;
import org.dlcourse.grading.JudgedModel;
import org.junit.jupiter.api.Test;

/**
 * ps3's judged CNN on shifted held-out images (issue 12): the grader moves each held-out image by 2
 * to 4 pixels with its own seed before measuring, so a dense model of the budget, which keeps up on
 * plain images, falls below the target.
 */
class ShiftedJudgeTests {
  static final JudgedModel.Terms PLAIN =
      new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.6, 60_000);
  static final JudgedModel.Terms SHIFTED =
      new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.6, 60_000, false, true);

  @Test
  void oneImageMovesByWholePixelsWithZerosComingIn() {
    // A 3 x 3 image 1..9, moved one row down and one column left.
    float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertArrayEquals(
        new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, ShiftedHeldOut.moved(image, 3, 1, -1));
    assertArrayEquals(image, ShiftedHeldOut.moved(image, 3, 0, 0));
  }

  @Test
  void everyImageMovesTwoToFourPixelsTheSameWayOnEveryRun() {
    // One bright pixel in the middle of each 28 x 28 image: where it lands is the shift.
    int n = 500;
    float[][] x = new float[n][784];
    for (float[] image : x) {
      image[14 * 28 + 14] = 1;
    }
    HeldOut plain = new HeldOut("dots", x, new int[n], 10);
    HeldOut a = ShiftedHeldOut.shift(plain, ShiftedHeldOut.SEED);
    HeldOut b = ShiftedHeldOut.shift(plain, ShiftedHeldOut.SEED);
    int[] seen = new int[5];
    for (int i = 0; i < n; i++) {
      assertArrayEquals(a.features()[i], b.features()[i], "image " + i + " moved differently");
      int at = -1;
      for (int p = 0; p < 784; p++) {
        if (a.features()[i][p] == 1) {
          at = p;
        }
      }
      int dy = at / 28 - 14;
      int dx = at % 28 - 14;
      int farther = Math.max(Math.abs(dy), Math.abs(dx));
      assertTrue(farther >= 2 && farther <= 4, "image " + i + " moved (" + dy + ", " + dx + ")");
      seen[farther]++;
    }
    // All three distances occur (the draw is not stuck on one).
    assertTrue(seen[2] > 0 && seen[3] > 0 && seen[4] > 0, java.util.Arrays.toString(seen));
    assertSame(plain.labels(), a.labels());
  }

  @Test
  void theShiftIsPartOfTheTermsAndSurvivesIntoTheAnswer() {
    JudgedModel m =
        JudgedModel.image(1, 28, 28).dense(10, "softmax", new double[7840], new double[10]);
    String both =
        ModelJudge.answerOf(
            Judge.value(
                m, new JudgedModel.Terms("fashion-mnist-test", 2_000, 0.4, 8_000, true, true)));
    assertEquals("mfashion-mnist-test;2000;0.4;8000;conv;shift|image:1:28:28|", both);
    ModelJudge.Answer a = ModelJudge.Answer.parse(both);
    assertTrue(a.convolution() && a.shifted());
    assertFalse(ModelJudge.Answer.parse(ModelJudge.answerOf(Judge.value(m, PLAIN))).shifted());
    for (String bad :
        new String[] {
          "mfashion-mnist-test;2000;0.4;8000;shift;conv|image:1:28:28|",
          "mfashion-mnist-test;2000;0.4;8000;shift;shift|image:1:28:28|",
          "mfashion-mnist-test;2000;0.4;8000;tilt|image:1:28:28|"
        }) {
      assertThrows(IllegalArgumentException.class, () -> ModelJudge.Answer.parse(bad), bad);
    }
  }

  @Test
  void aDenseModelThatPassesOnPlainImagesFailsOnShiftedOnes() throws java.io.IOException {
    ModelJudgeTests.nearestMeans();
    JudgedModel dense = ModelJudgeTests.centroids;
    assumeTrue(dense != null, "needs Fashion-MNIST on this machine (dataset-fashion-mnist)");
    // The nearest-class-mean classifier (a dense layer, about 0.68 on plain images) passes 0.6.
    ModelJudge.Verdict plain =
        ModelJudge.judge(ModelJudge.answerOf(Judge.value(dense, PLAIN)), Judge.value(dense, PLAIN));
    assertTrue(plain.passed(), plain.detail());
    // On the grader's shifted images it does not, whatever terms the submission claims.
    ModelJudge.Verdict shifted =
        ModelJudge.judge(
            ModelJudge.answerOf(Judge.value(dense, SHIFTED)), Judge.value(dense, PLAIN));
    assertFalse(shifted.passed(), shifted.detail());
    assertTrue(
        shifted.detail().contains("each moved 2 to 4 pixels by the grader's seeded draw"),
        shifted.detail());
    assertTrue(shifted.detail().contains("is below the target 0.6000"), shifted.detail());
  }
}
