package org.dlcourse.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.IntToDoubleFunction;

/** The drawing surface of the hand-drawn plots (heatmaps, contours): white, antialiased. */
final class Canvas {

  private Canvas() {}

  /** Graphics on {@code image}, filled white, with antialiased shapes and text; dispose it. */
  static Graphics2D white(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // lines through sub-pixel positions: a smooth curve is not snapped into visible steps
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  /**
   * The line through points {@code 0..n-1} at pixels {@code (px(i), py(i))}; a non-finite pixel (a
   * NaN in the data) breaks the line there.
   */
  static Path2D.Double polyline(int n, IntToDoubleFunction px, IntToDoubleFunction py) {
    Path2D.Double line = new Path2D.Double();
    boolean pen = false;
    for (int i = 0; i < n; i++) {
      double x = px.applyAsDouble(i);
      double y = py.applyAsDouble(i);
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen) {
        line.lineTo(x, y);
      } else {
        line.moveTo(x, y);
        pen = true;
      }
    }
    return line;
  }

  /**
   * The metrics of {@code font}, measured on a scratch image (to size a picture before drawing).
   */
  static FontMetrics metrics(Font font) {
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return scratch.getFontMetrics(font);
    } finally {
      scratch.dispose();
    }
  }
}
