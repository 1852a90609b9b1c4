package org.dlcourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocTests {

  private static final String RAW =
      "Returns the {@code int} closest to {@link Math#round(double) rounding}.\n"
          + "<p>Uses {@link #floor}; see {@code Map<K, {V}>}.\n"
          + "@param a the value &lt;= 10\n"
          + "@param b another\n"
          + "@return the result\n"
          + "@author someone";

  @Test
  void plainTextResolvesInlineTagsAndListsBlockTags() {
    assertEquals(
        "Returns the int closest to rounding.\n\nUses floor; see Map<K, {V}>.\n\n"
            + "Parameters:\n  a - the value <= 10\n  b - another\n\nReturns:\n  the result",
        Javadoc.toText(RAW));
  }

  @Test
  void htmlKeepsMarkupAndEscapesCode() {
    String html = Javadoc.toHtml(RAW);
    assertTrue(html.contains("<code>int</code>"), html);
    assertTrue(html.contains("<code>Map&lt;K, {V}&gt;</code>"), html);
    assertTrue(html.contains("<dt><b>Parameters:</b></dt><dd><code>a</code> - the value"), html);
    assertTrue(!html.contains("someone"), "@author is not shown: " + html);
  }

  @Test
  void commentWithoutBlockTagsIsOnlyItsDescription() {
    assertEquals("Creates it.", Javadoc.toText("Creates it.\n"));
  }
}
