package org.dlcourse.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Draws a batch of small images (e.g. Fashion-MNIST) as a grid, each with a caption below. */
final class ImageGrid {

  /** Each picture is enlarged by an integer factor to at least this many pixels a side. */
  private static final int MIN_CELL = 56;

  private static final int PAD = 6;
  private static final int CAPTION = 16;
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private ImageGrid() {}

  static Plot draw(INDArray images, List<String> captions, int columns) {
    Charts.checkNotNull(images, "images");
    // Bring every accepted layout to [n, channels, height, width].
    long[] shape = images.shape();
    int n;
    int channels;
    int height;
    int width;
    if (shape.length == 2) {
      // [n, h*w]: a flattened square grey image, e.g. [n, 784] -> 28x28.
      int side = (int) Math.round(Math.sqrt(shape[1]));
      if ((long) side * side != shape[1]) {
        throw new IllegalArgumentException(
            "images of shape "
                + Arrays.toString(shape)
                + " are flat but "
                + shape[1]
                + " is not a square number of pixels, so the picture size is unknown;"
                + " pass images of shape [n, 1, height, width] (e.g. dataset.asImages(1, h, w))");
      }
      n = (int) shape[0];
      channels = 1;
      height = side;
      width = side;
    } else if (shape.length == 3) {
      n = (int) shape[0];
      channels = 1;
      height = (int) shape[1];
      width = (int) shape[2];
    } else if (shape.length == 4 && (shape[1] == 1 || shape[1] == 3)) {
      n = (int) shape[0];
      channels = (int) shape[1];
      height = (int) shape[2];
      width = (int) shape[3];
    } else {
      throw new IllegalArgumentException(
          "images must have shape [n, h*w], [n, h, w] or [n, channels (1 or 3), h, w] but got "
              + Arrays.toString(shape));
    }
    if (n == 0) {
      throw new IllegalArgumentException("images is empty: there is nothing to show");
    }
    boolean hasCaptions = captions != null && !captions.isEmpty();
    if (hasCaptions && captions.size() != n) {
      throw new IllegalArgumentException(
          "got "
              + n
              + " images but "
              + captions.size()
              + " captions; pass one caption per image, or List.of() for none");
    }
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1 but was " + columns);
    }
    int cols = Math.min(columns, n);
    int rows = (n + cols - 1) / cols;
    int scale = Math.max(1, (MIN_CELL + Math.max(height, width) - 1) / Math.max(height, width));
    int cellW = width * scale;
    int cellH = height * scale;
    FontMetrics metrics = captionMetrics();
    // a caption too wide for its cell ("Pullover → Coat") breaks at spaces onto a second line
    List<List<String>> captionLines = new java.util.ArrayList<>();
    int lineCount = 1;
    for (int i = 0; hasCaptions && i < n; i++) {
      List<String> lines = captionLines(String.valueOf(captions.get(i)), metrics, cellW + PAD - 2);
      captionLines.add(lines);
      lineCount = Math.max(lineCount, lines.size());
    }
    int captionH = hasCaptions ? CAPTION + (lineCount - 1) * metrics.getHeight() : 0;
    int imageWidth = cols * (cellW + PAD) + PAD;
    int imageHeight = rows * (cellH + captionH + PAD) + PAD;

    // One bulk copy of the pixels, row-major: index = ((i * channels + ch) * height + r) * width +
    // c.
    float[] pixels = Nd4j.toFlattened('c', images.castTo(DataType.FLOAT)).toFloatVector();
    BufferedImage image = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, imageWidth, imageHeight);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(CAPTION_FONT);
      int plane = height * width;
      for (int i = 0; i < n; i++) {
        int x0 = PAD + (i % cols) * (cellW + PAD);
        int y0 = PAD + (i / cols) * (cellH + captionH + PAD);
        int base = i * channels * plane;
        for (int r = 0; r < height; r++) {
          for (int c = 0; c < width; c++) {
            int rgb;
            if (channels == 1) {
              int v = toByte(pixels[base + r * width + c]);
              rgb = (v << 16) | (v << 8) | v;
            } else {
              int red = toByte(pixels[base + r * width + c]);
              int green = toByte(pixels[base + plane + r * width + c]);
              int blue = toByte(pixels[base + 2 * plane + r * width + c]);
              rgb = (red << 16) | (green << 8) | blue;
            }
            g.setColor(new Color(rgb));
            g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
          }
        }
        if (hasCaptions) {
          g.setColor(Color.DARK_GRAY);
          List<String> lines = captionLines.get(i);
          for (int k = 0; k < lines.size(); k++) {
            int tx = x0 + (cellW - metrics.stringWidth(lines.get(k))) / 2;
            g.drawString(
                lines.get(k), tx, y0 + cellH + metrics.getAscent() + 1 + k * metrics.getHeight());
          }
        }
      }
    } finally {
      g.dispose();
    }
    return Plot.wrap(n + " images", image);
  }

  /**
   * The caption as at most two lines no wider than {@code width} pixels: broken at spaces, the
   * second line shortened with "…" if it is still too wide.
   */
  static List<String> captionLines(String caption, FontMetrics metrics, int width) {
    List<String> wrapped = Text.wrap(caption, metrics, width);
    if (wrapped.size() <= 1) {
      return List.of(Text.fit(caption, metrics, width));
    }
    String rest = String.join(" ", wrapped.subList(1, wrapped.size()));
    return List.of(Text.fit(wrapped.get(0), metrics, width), Text.fit(rest, metrics, width));
  }

  /** The captions' font metrics. */
  static FontMetrics captionMetrics() {
    return Canvas.metrics(CAPTION_FONT);
  }

  /** A pixel value in [0, 1] as a grey level 0..255 (values outside are clipped). */
  private static int toByte(float v) {
    if (!(v > 0)) {
      return 0;
    }
    return v >= 1 ? 255 : Math.round(v * 255);
  }
}
