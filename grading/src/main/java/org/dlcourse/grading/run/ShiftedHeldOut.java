package org.dlcourse.grading.run;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held-out images moved by a few pixels, drawn by the grader ({@code ;shift} in a model's terms,
 * {@code JudgedModel.Terms.shifted}): a test of shift tolerance. A convolution slides one filter
 * over the whole image and pooling forgives small moves; a dense layer has one weight per pixel
 * position, so a dense network of the same budget loses much more (ps3's rubric.md has the
 * measurements). Nothing here comes from a submission: the seed and the shifts are the grader's.
 */
final class ShiftedHeldOut {
  /** The grader's seed for the shifts (problem-sets/ps3/measure/SeedSweep uses the same). */
  static final long SEED = 20_261_130L;

  /** The smallest and largest shift, in pixels along the farther-moved axis. */
  static final int MIN = 2;

  static final int MAX = 4;

  /** How the feedback names the shift. */
  static final String DESCRIPTION =
      "each moved " + MIN + " to " + MAX + " pixels by the grader's seeded draw";

  private static final Map<String, HeldOut> CACHE = new ConcurrentHashMap<>();

  private ShiftedHeldOut() {}

  /** The set with every image shifted (once per grader process and set). */
  static HeldOut of(HeldOut plain) {
    return CACHE.computeIfAbsent(plain.name(), k -> shift(plain, SEED));
  }

  /**
   * Every square image {@code [side * side]} moved by {@code (dy, dx)}, drawn per image in order
   * from one {@code Random(seed)}: both uniform in {@code -MAX..MAX}, redrawn until {@code
   * max(|dy|, |dx|)} is at least {@code MIN}; pixels pushed out are lost, pixels coming in are 0
   * (Fashion-MNIST's background).
   */
  static HeldOut shift(HeldOut plain, long seed) {
    float[][] x = plain.features();
    int side = (int) Math.round(Math.sqrt(x.length == 0 ? 0 : x[0].length));
    if (x.length > 0 && side * side != x[0].length) {
      throw new IllegalArgumentException(
          plain.name() + " has " + x[0].length + " inputs per example, not a square image");
    }
    Random r = new Random(seed);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      int dy;
      int dx;
      do {
        dy = r.nextInt(2 * MAX + 1) - MAX;
        dx = r.nextInt(2 * MAX + 1) - MAX;
      } while (Math.max(Math.abs(dy), Math.abs(dx)) < MIN);
      out[i] = moved(x[i], side, dy, dx);
    }
    return new HeldOut(plain.name(), out, plain.labels(), plain.classes());
  }

  /** One image moved {@code dy} rows down and {@code dx} columns right, zeros coming in. */
  static float[] moved(float[] image, int side, int dy, int dx) {
    float[] out = new float[image.length];
    for (int row = Math.max(0, dy); row < Math.min(side, side + dy); row++) {
      for (int col = Math.max(0, dx); col < Math.min(side, side + dx); col++) {
        out[row * side + col] = image[(row - dy) * side + col - dx];
      }
    }
    return out;
  }
}
