package org.dlcourse.kernel;

import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * {@code is_complete_request}: whether a console should run the code now ("complete"), wait for
 * more lines ("incomplete", with the indent of the next line) or run it to show the error
 * ("invalid"). JShell's {@code analyzeCompletion} splits the code snippet by snippet.
 */
final class Completeness {

  static final String COMPLETE = "complete";
  static final String INVALID = "invalid";

  /** Spaces per open bracket in the suggested indent of the next line. */
  static final int INDENT = 4;

  private Completeness() {}

  /** "complete", "invalid", or the indent (only blanks) for the next line of incomplete code. */
  static String of(Evaluator evaluator, String code) {
    String rest = code;
    while (true) {
      CompletionInfo info = evaluator.analyzeCompletion(rest);
      switch (info.completeness()) {
        case EMPTY:
          return COMPLETE;
        case COMPLETE:
        case COMPLETE_WITH_SEMI:
          if (info.remaining().length() >= rest.length()) {
            return COMPLETE; // no progress: nothing more JShell can split
          }
          rest = info.remaining();
          break;
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return " ".repeat(INDENT * openBrackets(code));
        default: // UNKNOWN: not Java JShell can read, e.g. an unmatched } or an unclosed string
          return INVALID;
      }
    }
  }

  /** Brackets opened and not yet closed, outside strings, characters and comments. */
  static int openBrackets(String code) {
    int depth = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipQuoted(code, i, c);
      } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
        i = skipTo(code, i, "\n");
      } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
        i = skipTo(code, i + 2, "*/") + 1;
      } else if (c == '{' || c == '(' || c == '[') {
        depth++;
      } else if (c == '}' || c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
    }
    return depth;
  }

  private static int skipQuoted(String code, int start, char quote) {
    for (int i = start + 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote || c == '\n') {
        return i;
      }
    }
    return code.length();
  }

  private static int skipTo(String code, int from, String end) {
    int at = code.indexOf(end, from);
    return at < 0 ? code.length() : at;
  }
}
