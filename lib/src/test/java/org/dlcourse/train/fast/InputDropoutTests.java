package org.dlcourse.train.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The dropout mask: what it keeps, how it scales, and which dropouts the fast path refuses. */
class InputDropoutTests {

  private static final int ROWS = 400;
  private static final int COLS = 250;

  /**
   * p is the probability to KEEP: the kept fraction of 100,000 draws lies within 5 binomial
   * standard deviations of p (sqrt(p (1 - p) / n) = 0.0014 for p = 0.7; 1 - p = 0.3 is 200 of them
   * away), and every kept unit is scaled by 1/p (inverted dropout), the others are 0.
   */
  @Test
  void theMaskKeepsWithProbabilityPAndScalesByOneOverP() {
    for (double p : new double[] {0.7, 0.2}) {
      INDArray mask = Nd4j.create(DataType.FLOAT, ROWS, COLS);
      Nd4j.getRandom().setSeed(5);
      InputDropout.drawMask(mask, p);
      float[] m = mask.data().asFloat();
      long kept = 0;
      for (float v : m) {
        boolean keptValue = Math.abs(v - 1 / p) <= 1e-6 / p;
        assertTrue(
            keptValue || v == 0f, "mask value " + v + " is neither 1/p = " + 1 / p + " nor 0");
        kept += keptValue ? 1 : 0;
      }
      double fraction = (double) kept / m.length;
      double sd = Math.sqrt(p * (1 - p) / m.length);
      System.out.printf("p %.1f: kept %.4f (sd %.4f)%n", p, fraction, sd);
      assertEquals(p, fraction, 5 * sd, "kept fraction for retain probability " + p);
    }
  }

  /** The same random state gives the same mask; the next draw a different one. */
  @Test
  void theMaskFollowsNd4jsRandomState() {
    INDArray a = Nd4j.create(DataType.FLOAT, 32, 16);
    INDArray b = Nd4j.create(DataType.FLOAT, 32, 16);
    Nd4j.getRandom().setSeed(9);
    InputDropout.drawMask(a, 0.5);
    INDArray first = a.dup();
    InputDropout.drawMask(a, 0.5);
    Nd4j.getRandom().setSeed(9);
    InputDropout.drawMask(b, 0.5);
    assertEquals(first, b);
    assertTrue(!first.equals(a), "two draws in a row gave the same mask");
  }

  @Test
  void multiplyAppliesTheMaskElementwise() {
    INDArray x = Nd4j.create(new float[] {1, -2, 3, 4, 5, -6}, 2, 3);
    INDArray mask = Nd4j.create(new float[] {2, 0, 2, 0, 2, 2}, 2, 3);
    INDArray out = Nd4j.create(DataType.FLOAT, 2, 3);
    InputDropout.multiply(x, mask, out);
    assertEquals(Nd4j.create(new float[] {2, 0, 6, 0, 10, -12}, 2, 3), out);
  }

  @Test
  void onlyPlainDropoutWithAFixedPIsTaken() {
    assertNull(InputDropout.whyNot(new Dropout(0.5)));
    assertNull(InputDropout.whyNot(new Dropout(1.0)));
    assertTrue(InputDropout.whyNot(new GaussianDropout(0.1)).startsWith("GaussianDropout"));
    assertTrue(InputDropout.whyNot(new AlphaDropout(0.5)).startsWith("AlphaDropout"));
    assertTrue(InputDropout.whyNot(new SpatialDropout(0.5)).startsWith("SpatialDropout"));
    String schedule =
        InputDropout.whyNot(new Dropout(new ExponentialSchedule(ScheduleType.EPOCH, 0.9, 0.99)));
    assertTrue(schedule.contains("schedule"), schedule);
    assertTrue(InputDropout.whyNot(new Dropout(1.5)).contains("outside (0, 1]"));
  }
}
