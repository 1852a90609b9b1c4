package org.dlcourse.saliency;

import java.util.Objects;
import org.dlcourse.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014): hide a square patch of the image behind a grey
 * value, slide it over every position, and record how much the probability of the class drops.
 *
 * <pre>{@code
 * INDArray drop = Occlusion.map(model, image, c, 6, 2, 0.5); // [h, w]: mean drop where the patch covered
 * }</pre>
 *
 * <p>No gradients: only forward passes, so it is a check on saliency maps by a different route.
 * Pixel {@code (r, c)} gets the mean drop {@code p_c(x) - p_c(x with patch)} over all patch
 * positions that covered it. Introduced in notebook 10.
 */
public final class Occlusion {

  private Occlusion() {}

  /**
   * The occlusion map of one square grey image for class {@code classIndex}.
   *
   * @param image one example, {@code [1, h*w]} or {@code [1, 1, h, w]} (the model's input shape)
   * @param patch the patch's side in pixels
   * @param stride how far the patch moves between positions
   * @param fill the value hidden pixels get, e.g. 0.5 (mid grey)
   * @return {@code [h, w]}: mean probability drop per pixel (negative where hiding helped)
   * @throws IllegalArgumentException if the image is not one square grey image or the patch does
   *     not fit
   */
  public static INDArray map(
      Model model, INDArray image, int classIndex, int patch, int stride, double fill) {
    Objects.requireNonNull(model, "model must not be null");
    model.requireInput(image);
    int side = Images.side(image);
    if (patch < 1 || patch > side || stride < 1) {
      throw new IllegalArgumentException(
          "patch must be in 1.."
              + side
              + " and stride >= 1 but were "
              + patch
              + " and "
              + stride
              + "; try patch 6, stride 2 for 28 x 28 images");
    }
    float[] pixels = image.castTo(DataType.FLOAT).dup('c').data().asFloat(); // row-major h*w
    int positions = (side - patch) / stride + 1;
    int copies = positions * positions;
    float[] batch = new float[copies * side * side];
    for (int k = 0; k < copies; k++) {
      System.arraycopy(pixels, 0, batch, k * side * side, side * side);
      int r0 = (k / positions) * stride;
      int c0 = (k % positions) * stride;
      for (int r = r0; r < r0 + patch; r++) {
        for (int c = c0; c < c0 + patch; c++) {
          batch[k * side * side + r * side + c] = (float) fill;
        }
      }
    }
    long[] shape = image.shape().clone();
    shape[0] = copies; // [copies, ...] like the image
    double base = model.predict(image).getDouble(0, classIndex);
    INDArray p = model.predict(Nd4j.create(batch, shape, 'c')); // [copies, k]
    double[] drops = new double[copies];
    for (int k = 0; k < copies; k++) {
      drops[k] = base - p.getDouble(k, classIndex);
    }
    return spread(drops, side, patch, stride);
  }

  /**
   * Any map {@code [h, w]} seen at the resolution of occlusion: the sum of the map over each patch
   * position, spread back as the mean over the patches covering each pixel — e.g. a saliency map
   * made comparable with an occlusion map of the same patch and stride.
   */
  public static INDArray patchAverage(INDArray map, int patch, int stride) {
    int side = (int) map.size(0);
    if (map.rank() != 2 || map.size(1) != side || patch < 1 || patch > side || stride < 1) {
      throw new IllegalArgumentException(
          "expected a square map [h, w] and a patch in 1..h, stride >= 1, but got "
              + java.util.Arrays.toString(map.shape())
              + ", patch "
              + patch
              + ", stride "
              + stride);
    }
    double[][] m = map.castTo(DataType.DOUBLE).toDoubleMatrix();
    int positions = (side - patch) / stride + 1;
    double[] sums = new double[positions * positions];
    for (int k = 0; k < sums.length; k++) {
      int r0 = (k / positions) * stride;
      int c0 = (k % positions) * stride;
      for (int r = r0; r < r0 + patch; r++) {
        for (int c = c0; c < c0 + patch; c++) {
          sums[k] += m[r][c];
        }
      }
    }
    return spread(sums, side, patch, stride);
  }

  /** Per pixel, the mean of {@code values[k]} over the patch positions {@code k} covering it. */
  private static INDArray spread(double[] values, int side, int patch, int stride) {
    int positions = (side - patch) / stride + 1;
    double[][] sum = new double[side][side];
    int[][] covered = new int[side][side];
    for (int k = 0; k < values.length; k++) {
      int r0 = (k / positions) * stride;
      int c0 = (k % positions) * stride;
      for (int r = r0; r < r0 + patch; r++) {
        for (int c = c0; c < c0 + patch; c++) {
          sum[r][c] += values[k];
          covered[r][c]++;
        }
      }
    }
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        sum[r][c] = covered[r][c] == 0 ? 0 : sum[r][c] / covered[r][c];
      }
    }
    return Nd4j.create(sum);
  }
}
