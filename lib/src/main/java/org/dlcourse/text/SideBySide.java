package org.dlcourse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Texts printed next to each other in fixed-width columns, for comparing samples in a notebook's
 * plain-text output: each text's lines are cut into pieces of {@code width} characters and padded.
 *
 * <pre>{@code
 * System.out.println(SideBySide.format(Map.of("τ = 0.5", a, "τ = 1.0", b), 30));
 * }</pre>
 */
public final class SideBySide {

  private static final String GAP = " │ ";

  private SideBySide() {}

  /** The columns (heading → text) in map order, each {@code width} characters wide. */
  public static String format(Map<String, String> columns, int width) {
    if (columns.isEmpty() || width < 1) {
      throw new IllegalArgumentException(
          "need at least one column and width >= 1 but got "
              + columns.size()
              + " columns, width "
              + width);
    }
    List<List<String>> cells = new ArrayList<>();
    int rows = 0;
    for (Map.Entry<String, String> column : columns.entrySet()) {
      List<String> lines = new ArrayList<>();
      lines.add(column.getKey());
      lines.add("─".repeat(width));
      lines.addAll(wrap(column.getValue(), width));
      cells.add(lines);
      rows = Math.max(rows, lines.size());
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cells.size(); c++) {
        String cell = r < cells.get(c).size() ? cells.get(c).get(r) : "";
        out.append(c == 0 ? "" : GAP).append(pad(cell, width));
      }
      out.append('\n');
    }
    return out.toString().replaceAll(" +\n", "\n");
  }

  /** The lines of {@code text}, each cut into pieces of at most {@code width} characters. */
  static List<String> wrap(String text, int width) {
    List<String> pieces = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        pieces.add("");
      }
      for (int i = 0; i < line.length(); i += width) {
        pieces.add(line.substring(i, Math.min(line.length(), i + width)));
      }
    }
    return pieces;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s.substring(0, width) : s + " ".repeat(width - s.length());
  }
}
