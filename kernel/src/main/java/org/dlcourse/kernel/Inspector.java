package org.dlcourse.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;

/**
 * Shift-Tab ({@code inspect_request}): the signature and Javadoc of the class or method under the
 * cursor, as {@code text/plain} (the classic notebook's tooltip) and {@code text/html}.
 *
 * <p>JShell finds the element; {@link DocSources} gives it the JDK, DL4J/ND4J and course sources.
 * Reading Javadoc from sources is slow for a method with many overloads ({@code Nd4j.create} has
 * 84), so answers are cached until the next cell runs.
 */
final class Inspector {

  /** Overloads shown with their full Javadoc; more are listed by signature only. */
  static final int DOCUMENTED_OVERLOADS = 3;

  /** Signatures listed at most. */
  static final int LISTED_OVERLOADS = 12;

  private static final int CACHE_SIZE = 64;

  /** A package prefix: lower-case dotted names before a capitalised class name. */
  private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Z])");

  private final Evaluator evaluator;
  private final Map<String, List<Documentation>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Documentation>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  Inspector(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** The documentation bundle for the element at {@code cursor}, or null when there is none. */
  DisplayData inspect(String code, int cursor) {
    List<Documentation> docs = lookup(code, Math.max(0, Math.min(cursor, code.length())));
    if (docs.isEmpty()) {
      return null;
    }
    DisplayData data = new DisplayData(text(docs));
    data.putHTML(html(docs));
    return data;
  }

  /** Tries the cursor as given, then after the identifier it is in, then as a call of it. */
  synchronized List<Documentation> lookup(String code, int cursor) {
    int end = cursor;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    int next = end;
    while (next < code.length() && code.charAt(next) == ' ') {
      next++;
    }
    List<String> prefixes = new ArrayList<>();
    prefixes.add(code.substring(0, cursor));
    prefixes.add(code.substring(0, end));
    if (next < code.length() && code.charAt(next) == '(') {
      prefixes.add(code.substring(0, next + 1)); // the cursor on a method name: its overloads
    } else if (end > 0 && Character.isJavaIdentifierPart(code.charAt(end - 1))) {
      prefixes.add(code.substring(0, end) + "("); // "Nd4j.create" alone: as if called
    }
    for (String prefix : prefixes) {
      List<Documentation> docs = documentation(prefix);
      if (!docs.isEmpty()) {
        return docs;
      }
    }
    return List.of();
  }

  private List<Documentation> documentation(String text) {
    String prefix = withoutImports(text);
    String key = evaluator.generation() + "\u0000" + prefix;
    List<Documentation> docs = cache.get(key);
    if (docs == null) {
      // Signatures first (fast); Javadoc only when there is an element to document.
      docs = evaluator.documentation(prefix, false);
      if (!docs.isEmpty()) {
        docs = evaluator.documentation(prefix, true);
      }
      cache.put(key, docs);
    }
    return docs;
  }

  /**
   * The code before the cursor without its import statements: JShell reads it as the body of a
   * method, where an import is a syntax error. (An import takes effect when its cell runs.)
   */
  String withoutImports(String code) {
    StringBuilder kept = new StringBuilder();
    String rest = code;
    while (true) {
      CompletionInfo info = evaluator.analyzeCompletion(rest);
      if (!info.completeness().isComplete() || info.remaining().length() >= rest.length()) {
        return kept.append(rest).toString();
      }
      String snippet = rest.substring(0, rest.length() - info.remaining().length());
      if (!info.source().strip().startsWith("import ")) {
        kept.append(snippet);
      }
      rest = info.remaining();
    }
  }

  /** Documented overloads first (what a small tooltip shows), then all signatures. */
  static String text(List<Documentation> docs) {
    StringBuilder out = new StringBuilder();
    for (Documentation doc : documented(docs)) {
      out.append(signature(doc)).append("\n\n");
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        out.append(Javadoc.toText(doc.javadoc())).append("\n\n");
      }
    }
    if (docs.size() > DOCUMENTED_OVERLOADS) {
      out.append(docs.size()).append(" overloads in all:\n");
      docs.stream()
          .limit(LISTED_OVERLOADS)
          .forEach(d -> out.append("  ").append(signature(d)).append('\n'));
      if (docs.size() > LISTED_OVERLOADS) {
        out.append("  ... and ").append(docs.size() - LISTED_OVERLOADS).append(" more\n");
      }
    }
    return out.toString().strip();
  }

  static String html(List<Documentation> docs) {
    StringBuilder out = new StringBuilder();
    for (Documentation doc : documented(docs)) {
      out.append("<pre><b>").append(Javadoc.escape(signature(doc))).append("</b></pre>");
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        out.append(Javadoc.toHtml(doc.javadoc()));
      }
    }
    if (docs.size() > DOCUMENTED_OVERLOADS) {
      out.append("<p>").append(docs.size()).append(" overloads in all:</p><pre>");
      docs.stream()
          .limit(LISTED_OVERLOADS)
          .forEach(d -> out.append(Javadoc.escape(signature(d))).append('\n'));
      if (docs.size() > LISTED_OVERLOADS) {
        out.append("... and ").append(docs.size() - LISTED_OVERLOADS).append(" more\n");
      }
      out.append("</pre>");
    }
    return out.toString();
  }

  /**
   * A method's signature with package names dropped ({@code void MultiLayerNetwork.fit(
   * DataSetIterator iterator)}): short enough for a tooltip. A class keeps its full name.
   */
  static String signature(Documentation doc) {
    String signature = doc.signature();
    return signature.contains("(") ? PACKAGE.matcher(signature).replaceAll("") : signature;
  }

  /** The overloads shown in full: the first few, preferring ones that have Javadoc. */
  private static List<Documentation> documented(List<Documentation> docs) {
    List<Documentation> withDoc =
        docs.stream().filter(d -> d.javadoc() != null && !d.javadoc().isBlank()).toList();
    List<Documentation> pool = withDoc.isEmpty() ? docs : withDoc;
    return pool.subList(0, Math.min(DOCUMENTED_OVERLOADS, pool.size()));
  }
}
