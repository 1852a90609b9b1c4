package org.dlcourse.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Help cells, as in IPython: a cell that is only {@code Nd4j.create?}, {@code ?Math} or {@code
 * MultiLayerNetwork.fit??} shows that documentation in the notebook's pager instead of running.
 * Java has no {@code ?} at the end or start of a statement, so no Java cell is mistaken for one.
 */
final class Help {

  private static final String NAME = "[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*";
  private static final Pattern SUFFIX =
      Pattern.compile("\\s*(" + NAME + ")\\s*(?:\\(\\s*\\))?\\s*\\?{1,2}\\s*");
  private static final Pattern PREFIX =
      Pattern.compile("\\s*\\?{1,2}\\s*(" + NAME + ")\\s*(?:\\(\\s*\\))?\\s*;?\\s*");

  private Help() {}

  /** The dotted name a help cell asks about, or null if {@code code} is ordinary Java. */
  static String topic(String code) {
    for (Pattern pattern : new Pattern[] {SUFFIX, PREFIX}) {
      Matcher m = pattern.matcher(code);
      if (m.matches()) {
        return m.group(1).replaceAll("\\s+", "");
      }
    }
    return null;
  }

  static String notFound(String topic) {
    return "No documentation found for "
        + topic
        + ". Is it spelled right, and imported (import org.nd4j.linalg.factory.Nd4j;) or written"
        + " with its package? Tab completion shows the names that exist.";
  }
}
