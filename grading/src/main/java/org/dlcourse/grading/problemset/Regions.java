package org.dlcourse.grading.problemset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces solution regions with stubs.
 *
 * <p>A region is the lines from {@code // BEGIN SOLUTION optional message} to {@code // END
 * SOLUTION}, inside a method body. In Java sources it becomes the message as {@code // TODO:}
 * comment lines (wrapped, so no line is long) and {@code throw new
 * UnsupportedOperationException("Class.method is not implemented yet");}, which compiles wherever
 * the region was the rest of a method body; in notebooks it becomes a {@code // TODO} comment line.
 */
public final class Regions {
  private static final Pattern BEGIN = Pattern.compile("^(\\s*)//\\s*BEGIN SOLUTION\\b\\s*(.*)$");
  private static final Pattern END = Pattern.compile("^\\s*//\\s*END SOLUTION\\b.*$");
  private static final Pattern METHOD =
      Pattern.compile(
          "^\\s*(?:public|protected|private|static|final|\\s)*[\\w<>\\[\\], ?]+\\s+(\\w+)\\s*\\(");
  private static final Pattern NB_BEGIN =
      Pattern.compile("^(\\s*\")(\\s*)//\\s*BEGIN SOLUTION\\b\\s*(.*?)(\\\\n)?\",?\\s*$");
  private static final Pattern NB_END =
      Pattern.compile("^\\s*\"\\s*//\\s*END SOLUTION\\b.*?\"(,?)\\s*$");

  /** Longest hint text per comment line (after the indent and "// TODO: "). */
  static final int HINT_WIDTH = 60;

  private Regions() {}

  /** Strips the regions of a Java source file named {@code fileName}. */
  public static String stripJava(String source, String fileName) {
    String type = fileName.replaceAll("\\.java$", "");
    List<String> out = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher b = BEGIN.matcher(lines[i]);
      if (!b.matches()) {
        if (END.matcher(lines[i]).matches()) {
          throw new IllegalArgumentException(
              fileName + ":" + (i + 1) + ": END SOLUTION without a BEGIN SOLUTION before it");
        }
        out.add(lines[i]);
        continue;
      }
      int end = findEnd(lines, i, fileName, BEGIN, END);
      String method = enclosingMethod(lines, i);
      String what = type + (method == null ? "" : "." + method);
      if (!b.group(2).isBlank()) {
        hintLines(b.group(2).strip()).forEach(h -> out.add(b.group(1) + h));
      }
      out.add(
          b.group(1)
              + "throw new UnsupportedOperationException(\""
              + escape(what + " is not implemented yet")
              + "\");");
      i = end;
    }
    return String.join("\n", out);
  }

  /**
   * The region's hint as {@code // TODO:} comment lines of at most {@link #HINT_WIDTH} characters
   * of text each, so that no stub line wraps in the notebook's editor.
   */
  static List<String> hintLines(String hint) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : hint.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > HINT_WIDTH) {
        lines.add((lines.isEmpty() ? "// TODO: " : "//       ") + line);
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    lines.add((lines.isEmpty() ? "// TODO: " : "//       ") + line);
    return lines;
  }

  /** Strips regions in a notebook's code cells, one JSON string per source line. */
  public static String stripNotebook(String json, String fileName) {
    List<String> out = new ArrayList<>();
    String[] lines = json.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher b = NB_BEGIN.matcher(lines[i]);
      if (!b.matches()) {
        out.add(lines[i]);
        continue;
      }
      int end = findEnd(lines, i, fileName, NB_BEGIN, NB_END);
      Matcher e = NB_END.matcher(lines[end]);
      e.matches();
      String message = b.group(3).isBlank() ? "your code here" : b.group(3).strip();
      out.add(b.group(1) + b.group(2) + "// TODO: " + message + "\\n\"" + e.group(1));
      i = end;
    }
    return String.join("\n", out);
  }

  /** Whether a text has any solution region. */
  public static boolean hasRegions(String text) {
    return text.contains("BEGIN SOLUTION");
  }

  private static int findEnd(String[] lines, int begin, String file, Pattern b, Pattern e) {
    for (int j = begin + 1; j < lines.length; j++) {
      if (b.matcher(lines[j]).matches()) {
        throw new IllegalArgumentException(
            file
                + ":"
                + (j + 1)
                + ": BEGIN SOLUTION inside the region that starts at line "
                + (begin + 1)
                + "; regions cannot nest");
      }
      if (e.matcher(lines[j]).matches()) {
        return j;
      }
    }
    throw new IllegalArgumentException(
        file + ":" + (begin + 1) + ": BEGIN SOLUTION has no matching END SOLUTION");
  }

  private static String enclosingMethod(String[] lines, int at) {
    for (int i = at - 1; i >= 0; i--) {
      Matcher m = METHOD.matcher(lines[i]);
      if (m.find() && !lines[i].strip().startsWith("return") && !lines[i].contains(" new ")) {
        return m.group(1);
      }
    }
    return null;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
