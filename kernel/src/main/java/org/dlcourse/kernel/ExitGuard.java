package org.dlcourse.kernel;

/**
 * Keeps {@code System.exit(...)} in a cell from killing the kernel.
 *
 * <p>The kernel rewrites {@code System.exit(status)} in cell source (outside strings and comments)
 * to {@link #exit(int)}, which ends the cell with a clear "SystemExit" error, the way Python
 * notebooks do, while every variable survives. Exits hidden in library code still end the JVM; for
 * those the kernel prints a notice into the cell before it dies.
 */
public final class ExitGuard {

  private static final String CALL = "System.exit";
  private static final String REPLACEMENT = ExitGuard.class.getName() + ".exit";

  private ExitGuard() {}

  /** Called instead of {@code System.exit(status)}: stops the cell, never the kernel. */
  public static void exit(int status) {
    throw new ExitCalled(status);
  }

  /**
   * Thrown by {@link #exit(int)}; an {@link Error} so that a student's {@code catch (Exception e)}
   * does not swallow it.
   */
  public static final class ExitCalled extends Error {
    private final int status;

    ExitCalled(int status) {
      super("System.exit(" + status + ") was called", null, false, false);
      this.status = status;
    }

    /** The status passed to {@code System.exit}. */
    public int status() {
      return status;
    }
  }

  /** Replaces {@code System.exit(} calls in Java source, leaving strings and comments alone. */
  static String rewrite(String code) {
    if (!code.contains(CALL)) {
      return code;
    }
    StringBuilder out = new StringBuilder(code.length() + 64);
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      int skip = skipLiteralOrComment(code, i);
      if (skip > i) {
        out.append(code, i, skip);
        i = skip;
      } else if (isExitCall(code, i)) {
        out.append(REPLACEMENT);
        i += CALL.length();
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isExitCall(String code, int i) {
    if (!code.startsWith(CALL, i)) {
      return false;
    }
    if (i > 0
        && (Character.isJavaIdentifierPart(code.charAt(i - 1)) || code.charAt(i - 1) == '.')) {
      return false; // part of a longer name, e.g. mySystem.exit or java.lang.System.exit
    }
    int j = i + CALL.length();
    while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
      j++;
    }
    return j < code.length() && code.charAt(j) == '(';
  }

  /** Returns the index after a string, char, text block or comment starting at i, else i. */
  private static int skipLiteralOrComment(String code, int i) {
    if (code.startsWith("//", i)) {
      int end = code.indexOf('\n', i);
      return end < 0 ? code.length() : end;
    }
    if (code.startsWith("/*", i)) {
      int end = code.indexOf("*/", i + 2);
      return end < 0 ? code.length() : end + 2;
    }
    if (code.startsWith("\"\"\"", i)) {
      int end = code.indexOf("\"\"\"", i + 3);
      return end < 0 ? code.length() : end + 3;
    }
    char c = code.charAt(i);
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < code.length() && code.charAt(j) != c && code.charAt(j) != '\n') {
        j += code.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(j + 1, code.length());
    }
    return i;
  }
}
