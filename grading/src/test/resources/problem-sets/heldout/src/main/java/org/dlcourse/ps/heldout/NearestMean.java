package org.dlcourse.ps.heldout;

/** A nearest-class-mean classifier: the model of the fixture's judged test. */
public final class NearestMean {
  private NearestMean() {}

  /** The mean image of each class: {@code [classes][pixels]} from images {@code [n][pixels]}. */
  public static double[][] means(float[][] images, int[] labels, int classes) {
    // BEGIN SOLUTION average the images of each class
    double[][] mean = new double[classes][images[0].length];
    int[] count = new int[classes];
    for (int i = 0; i < images.length; i++) {
      count[labels[i]]++;
      for (int p = 0; p < images[i].length; p++) {
        mean[labels[i]][p] += images[i][p];
      }
    }
    for (int c = 0; c < classes; c++) {
      for (int p = 0; p < mean[c].length; p++) {
        mean[c][p] /= Math.max(1, count[c]);
      }
    }
    return mean;
    // END SOLUTION
  }
}
