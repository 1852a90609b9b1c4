package org.dlcourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Heatmaps and confusion matrices drawn with Java2D: one coloured cell per value. */
final class Heatmaps {

  private static final int MIN_CELL = 44;
  private static final int MARGIN = 12;
  private static final int BAR = 16;

  private Heatmaps() {}

  static Plot heatmap(
      String title, double[][] values, List<String> rowLabels, List<String> columnLabels) {
    int columns = checkMatrix(values, rowLabels, columnLabels, "values");
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    String[][] text = new String[values.length][columns];
    for (int r = 0; r < values.length; r++) {
      for (int c = 0; c < columns; c++) {
        text[r][c] = format(values[r][c]);
      }
    }
    return draw(title, values, text, min, max, rowLabels, columnLabels, null, null);
  }

  static Plot confusionMatrix(int[][] counts, List<String> labelNames) {
    Charts.checkNotNull(counts, "counts");
    Charts.checkNotNull(labelNames, "labelNames");
    if (counts.length != labelNames.size()) {
      throw new IllegalArgumentException(
          "counts has "
              + counts.length
              + " rows but there are "
              + labelNames.size()
              + " label names; a confusion matrix is k x k for k classes");
    }
    double[][] values = new double[counts.length][];
    String[][] text = new String[counts.length][];
    long correct = 0;
    long total = 0;
    int max = 0;
    for (int r = 0; r < counts.length; r++) {
      if (counts[r] == null || counts[r].length != counts.length) {
        throw new IllegalArgumentException(
            "counts must be square ("
                + counts.length
                + " x "
                + counts.length
                + ") but row "
                + r
                + " has "
                + (counts[r] == null ? "null" : counts[r].length + " columns"));
      }
      values[r] = new double[counts.length];
      text[r] = new String[counts.length];
      for (int c = 0; c < counts.length; c++) {
        int count = counts[r][c];
        if (count < 0) {
          throw new IllegalArgumentException(
              "counts[" + r + "][" + c + "] = " + count + " but a count cannot be negative");
        }
        values[r][c] = count;
        text[r][c] = Integer.toString(count);
        max = Math.max(max, count);
        total += count;
        if (r == c) {
          correct += count;
        }
      }
    }
    String title =
        total == 0
            ? "Confusion matrix"
            : String.format(
                Locale.ROOT, "Confusion matrix (accuracy %.1f%%)", 100.0 * correct / total);
    return draw(
        title, values, text, 0, max, labelNames, labelNames, "true label", "predicted label");
  }

  /** Checks a [rows][columns] matrix against its labels and returns the number of columns. */
  private static int checkMatrix(
      double[][] values, List<String> rowLabels, List<String> columnLabels, String what) {
    Charts.checkNotNull(values, what);
    Charts.checkNotNull(rowLabels, "rowLabels");
    Charts.checkNotNull(columnLabels, "columnLabels");
    if (values.length == 0) {
      throw new IllegalArgumentException(what + " is empty: a heatmap needs at least one row");
    }
    int columns = values[0] == null ? 0 : values[0].length;
    for (int r = 0; r < values.length; r++) {
      if (values[r] == null || values[r].length != columns || columns == 0) {
        throw new IllegalArgumentException(
            what
                + " must be a non-empty rectangle but row 0 has "
                + columns
                + " values and row "
                + r
                + " has "
                + (values[r] == null ? "null" : values[r].length));
      }
    }
    if (rowLabels.size() != values.length || columnLabels.size() != columns) {
      throw new IllegalArgumentException(
          what
              + " is "
              + values.length
              + " x "
              + columns
              + " but got "
              + rowLabels.size()
              + " row labels and "
              + columnLabels.size()
              + " column labels; pass one label per row and per column");
    }
    return columns;
  }

  /**
   * The side of every (square) cell: the widest value's text plus 4 px on each side, at least
   * {@code MIN_CELL}, so no value is cut ("8.7e-5", not "8.7e-…").
   */
  static int cellSize(String[][] text, FontMetrics cellFm) {
    int widestValue = 0;
    for (String[] row : text) {
      for (String t : row) {
        widestValue = Math.max(widestValue, cellFm.stringWidth(t));
      }
    }
    return Math.max(MIN_CELL, widestValue + 8);
  }

  private static Plot draw(
      String title,
      double[][] values,
      String[][] text,
      double min,
      double max,
      List<String> rowLabels,
      List<String> columnLabels,
      String rowAxis,
      String columnAxis) {
    int rows = values.length;
    int columns = values[0].length;
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    // Measure labels with a scratch image so the picture is exactly as large as it must be.
    FontMetrics lm = Canvas.metrics(labelFont);
    int rowLabelW = maxWidth(lm, rowLabels);
    int colLabelW = maxWidth(lm, columnLabels);
    FontMetrics cellFm = Canvas.metrics(cellFont);
    int cell = cellSize(text, cellFm);
    int axisH = lm.getHeight();
    int left = MARGIN + (rowAxis == null ? 0 : axisH + 4) + rowLabelW + 6;
    int top = MARGIN + 24;
    int gridW = columns * cell;
    int gridH = rows * cell;
    int bottom = 6 + colLabelW + (columnAxis == null ? 0 : axisH + 4) + MARGIN;
    int barLabelW = Math.max(cellFm.stringWidth(format(max)), cellFm.stringWidth(format(min)));
    int width =
        Math.max(left + gridW + 12 + BAR + 6 + barLabelW + MARGIN, MARGIN * 2 + 8 * title.length());
    int height = top + gridH + bottom;

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.white(image);
    try {
      g.setColor(Color.BLACK);
      g.setFont(titleFont);
      g.drawString(title, MARGIN, MARGIN + g.getFontMetrics().getAscent());

      g.setFont(cellFont);
      FontMetrics cm = g.getFontMetrics();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          double t = max > min ? (values[r][c] - min) / (max - min) : 0.5;
          Color color = Double.isFinite(values[r][c]) ? ColorMap.viridis(t) : Color.LIGHT_GRAY;
          int x = left + c * cell;
          int y = top + r * cell;
          g.setColor(color);
          g.fillRect(x, y, cell, cell);
          String s = text[r][c];
          g.setColor(ColorMap.textOn(color));
          g.drawString(
              s,
              x + (cell - cm.stringWidth(s)) / 2,
              y + (cell - cm.getHeight()) / 2 + cm.getAscent());
        }
      }
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, gridW, gridH);

      g.setFont(labelFont);
      g.setColor(Color.BLACK);
      for (int r = 0; r < rows; r++) {
        String s = rowLabels.get(r);
        int y = top + r * cell + (cell - lm.getHeight()) / 2 + lm.getAscent();
        g.drawString(s, left - 6 - lm.stringWidth(s), y);
      }
      AffineTransform saved = g.getTransform();
      for (int c = 0; c < columns; c++) {
        // Column labels read bottom-to-top, rotated by -90 degrees under their column.
        int x = left + c * cell + (cell + lm.getAscent()) / 2 - 2;
        int y = top + gridH + 6;
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        String s = columnLabels.get(c);
        g.drawString(s, -lm.stringWidth(s), 0);
        g.setTransform(saved);
      }
      if (columnAxis != null) {
        int x = left + (gridW - lm.stringWidth(columnAxis)) / 2;
        g.drawString(columnAxis, x, top + gridH + 6 + colLabelW + 4 + lm.getAscent());
      }
      if (rowAxis != null) {
        g.translate(MARGIN + lm.getAscent(), top + (gridH + lm.stringWidth(rowAxis)) / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(rowAxis, 0, 0);
        g.setTransform(saved);
      }
      drawColourBar(g, left + gridW + 12, top, gridH, min, max, cm);
    } finally {
      g.dispose();
    }
    return Plot.wrap(title, image);
  }

  private static void drawColourBar(
      Graphics2D g, int x, int y, int h, double min, double max, FontMetrics fm) {
    for (int i = 0; i < h; i++) {
      g.setColor(ColorMap.viridis(1.0 - (double) i / Math.max(1, h - 1)));
      g.fillRect(x, y + i, BAR, 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(x, y, BAR, h);
    g.setColor(Color.BLACK);
    g.setFont(fm.getFont());
    if (Double.isFinite(min)) {
      g.drawString(format(max), x + BAR + 4, y + fm.getAscent());
      g.drawString(format(min), x + BAR + 4, y + h);
    }
  }

  private static int maxWidth(FontMetrics fm, List<String> labels) {
    int w = 0;
    for (String s : labels) {
      w = Math.max(w, fm.stringWidth(String.valueOf(s)));
    }
    return w;
  }

  /** A short, readable form of a cell value: 3 significant digits, integers without ".0". */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-2 || a >= 1e4)) { // 8.7e-05 -> "8.7e-5"
      return String.format(Locale.ROOT, "%.1e", v)
          .replace("e-0", "e-")
          .replace("e+0", "e")
          .replace("e+", "e");
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
