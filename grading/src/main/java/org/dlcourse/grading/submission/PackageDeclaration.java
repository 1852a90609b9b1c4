package org.dlcourse.grading.submission;

/**
 * Reads the package a Java compilation unit really declares, the way javac does: Unicode escapes
 * are translated first (JLS 3.3), comments, string, char and text-block literals are skipped, and
 * the first token decides. A commented-out {@code package} line, one inside a string, or one
 * spelled with {@code \\u0070ackage} is therefore read exactly as the compiler reads it.
 */
public final class PackageDeclaration {
  private PackageDeclaration() {}

  /** Thrown for source the reader cannot follow (an unclosed comment, a package annotation). */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  /** The declared package ("" for the unnamed package). */
  public static String of(String source) throws Unreadable {
    String s = unescape(source);
    int i = skipSpaceAndComments(s, 0);
    if (i < s.length() && s.charAt(i) == '@') {
      throw new Unreadable("package annotations are not allowed in submissions");
    }
    if (!s.startsWith("package", i) || !boundary(s, i + 7)) {
      return "";
    }
    StringBuilder name = new StringBuilder();
    i += 7;
    while (true) {
      i = skipSpaceAndComments(s, i);
      int start = i;
      while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
        i++;
      }
      if (start == i || !Character.isJavaIdentifierStart(s.charAt(start))) {
        throw new Unreadable("the package declaration is not a dotted name");
      }
      name.append(s, start, i);
      i = skipSpaceAndComments(s, i);
      if (i < s.length() && s.charAt(i) == ';') {
        return name.toString();
      }
      if (i >= s.length() || s.charAt(i) != '.') {
        throw new Unreadable("the package declaration does not end with ';'");
      }
      name.append('.');
      i++;
    }
  }

  private static boolean boundary(String s, int i) {
    return i >= s.length() || !Character.isJavaIdentifierPart(s.charAt(i));
  }

  /** Skips white space, {@code //} and {@code /* *}{@code /} comments. */
  private static int skipSpaceAndComments(String s, int i) throws Unreadable {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u001a' || c == '\ufeff') {
        i++;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw new Unreadable("a comment is never closed");
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  /**
   * Translates {@code \\uXXXX} escapes: a backslash is an escape only when preceded by an even
   * number of backslashes, and any number of {@code u}s may follow it (JLS 3.3).
   */
  static String unescape(String s) throws Unreadable {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      int run = 0;
      while (i + run < s.length() && s.charAt(i + run) == '\\') {
        run++;
      }
      // All but possibly the last backslash of an odd run are plain (escaped) backslashes.
      out.append("\\".repeat(run - 1));
      i += run - 1;
      if (run % 2 == 1 && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == 'u') {
          j++;
        }
        if (j + 4 > s.length()) {
          throw new Unreadable("a \\u escape is cut short");
        }
        try {
          out.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
        } catch (NumberFormatException e) {
          throw new Unreadable("a \\u escape is not four hex digits: " + s.substring(j, j + 4));
        }
        i = j + 4;
      } else {
        out.append('\\');
        i++;
      }
    }
    return out.toString();
  }
}
