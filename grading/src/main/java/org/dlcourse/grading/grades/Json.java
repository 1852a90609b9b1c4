package org.dlcourse.grading.grades;

import java.util.List;
import java.util.Map;

/** A minimal JSON writer for the grader's own outputs (maps, lists, strings, numbers, booleans). */
public final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s, "");
    return s.append('\n').toString();
  }

  private static void write(Object v, StringBuilder s, String indent) {
    if (v == null) {
      s.append("null");
    } else if (v instanceof String str) {
      quote(str, s);
    } else if (v instanceof Double d) {
      s.append(
          d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      s.append(v);
    } else if (v instanceof Map<?, ?> m) {
      s.append("{");
      String inner = indent + "  ";
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        s.append(first ? "\n" : ",\n").append(inner);
        quote(String.valueOf(e.getKey()), s);
        s.append(": ");
        write(e.getValue(), s, inner);
        first = false;
      }
      s.append(first ? "}" : "\n" + indent + "}");
    } else if (v instanceof List<?> l) {
      s.append("[");
      String inner = indent + "  ";
      for (int i = 0; i < l.size(); i++) {
        s.append(i == 0 ? "\n" : ",\n").append(inner);
        write(l.get(i), s, inner);
      }
      s.append(l.isEmpty() ? "]" : "\n" + indent + "]");
    } else {
      quote(v.toString(), s);
    }
  }

  private static void quote(String str, StringBuilder s) {
    s.append('"');
    for (int i = 0; i < str.length(); i++) {
      char c = str.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
