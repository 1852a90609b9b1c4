package org.dlcourse.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a raw Javadoc comment (what JShell returns: HTML with {@code {@code ...}} and
 * {@code @param} tags) into the plain text of a notebook tooltip or into an HTML fragment.
 */
final class Javadoc {

  private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\s?");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
  private static final Map<String, String> HEADINGS = new LinkedHashMap<>();

  static {
    HEADINGS.put("param", "Parameters");
    HEADINGS.put("return", "Returns");
    HEADINGS.put("throws", "Throws");
    HEADINGS.put("exception", "Throws");
    HEADINGS.put("see", "See also");
    HEADINGS.put("since", "Since");
    HEADINGS.put("deprecated", "Deprecated");
  }

  /** One block tag: {@code @param x the input} is ("param", "x the input"). */
  record Tag(String name, String text) {}

  /** The description (before the first block tag) and the block tags, in order. */
  record Parts(String description, List<Tag> tags) {}

  private Javadoc() {}

  static Parts split(String raw) {
    Matcher m = BLOCK_TAG.matcher(raw);
    List<Tag> tags = new ArrayList<>();
    int descriptionEnd = raw.length();
    String name = null;
    int textStart = 0;
    while (m.find()) {
      if (name == null) {
        descriptionEnd = m.start();
      } else {
        tags.add(new Tag(name, raw.substring(textStart, m.start()).strip()));
      }
      name = m.group(1);
      textStart = m.end();
    }
    if (name != null) {
      tags.add(new Tag(name, raw.substring(textStart).strip()));
    }
    return new Parts(raw.substring(0, descriptionEnd).strip(), tags);
  }

  /** Plain text: inline tags resolved, HTML paragraphs as blank lines, other markup removed. */
  static String toText(String raw) {
    Parts parts = split(raw);
    StringBuilder out = new StringBuilder(textOf(parts.description()));
    String lastHeading = null;
    for (Tag tag : parts.tags()) {
      String heading = HEADINGS.get(tag.name());
      if (heading == null) {
        continue; // @author, @version, @implNote ...: not for a tooltip
      }
      if (!heading.equals(lastHeading)) {
        out.append("\n\n").append(heading).append(':');
        lastHeading = heading;
      }
      String text = textOf(tag.text()).replace("\n", " ");
      out.append("\n  ").append(namedTag(tag) ? text.replaceFirst("^(\\S+)\\s*", "$1 - ") : text);
    }
    return out.toString().strip();
  }

  /** An HTML fragment: the description's own HTML, block tags as a definition list. */
  static String toHtml(String raw) {
    Parts parts = split(raw);
    StringBuilder out = new StringBuilder("<div>").append(inline(parts.description(), true));
    out.append("</div>");
    String lastHeading = null;
    for (Tag tag : parts.tags()) {
      String heading = HEADINGS.get(tag.name());
      if (heading == null) {
        continue;
      }
      if (!heading.equals(lastHeading)) {
        out.append(lastHeading == null ? "<dl>" : "").append("<dt><b>").append(heading);
        out.append(":</b></dt>");
        lastHeading = heading;
      }
      String text = inline(tag.text(), true);
      if (namedTag(tag)) {
        text = text.replaceFirst("^(\\S+)\\s*", "<code>$1</code> - ");
      }
      out.append("<dd>").append(text).append("</dd>");
    }
    return out.append(lastHeading == null ? "" : "</dl>").toString();
  }

  private static boolean namedTag(Tag tag) {
    return tag.name().equals("param")
        || tag.name().equals("throws")
        || tag.name().equals("exception");
  }

  private static String textOf(String html) {
    String text = inline(html, false);
    text = text.replaceAll("(?i)<\\s*(p|/p|br\\s*/?|/?ul|/?ol|/?pre|/?table|/?h\\d)\\s*>", "\n");
    text = text.replaceAll("(?i)<\\s*li\\s*>", "\n - ");
    text = HTML_TAG.matcher(text).replaceAll("");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#64;", "@")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&");
    return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  /** Resolves {@code {@code x}}, {@code {@link A#b label}} and friends; html: wraps code. */
  static String inline(String text, boolean html) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("{@", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      int end = closingBrace(text, start);
      String body = text.substring(start + 2, end).strip();
      String name = body.split("\\s", 2)[0];
      String arg = body.length() > name.length() ? body.substring(name.length()).strip() : "";
      out.append(inlineTag(name, arg, html));
      i = Math.min(text.length(), end + 1);
    }
    return out.toString();
  }

  private static String inlineTag(String name, String arg, boolean html) {
    switch (name) {
      case "code", "literal", "value":
        // Escaped in both forms: the plain text strips tags afterwards and then decodes entities.
        return html && !name.equals("literal") ? "<code>" + escape(arg) + "</code>" : escape(arg);
      case "link", "linkplain":
        String[] refAndLabel = arg.split("\\s+", 2);
        String label =
            refAndLabel.length > 1
                ? refAndLabel[1]
                : refAndLabel[0].replaceFirst("^#", "").replace('#', '.');
        return html && name.equals("link") ? "<code>" + escape(label) + "</code>" : escape(label);
      case "inheritDoc", "docRoot":
        return "";
      default:
        return arg;
    }
  }

  /** The index of the brace closing the inline tag that opens at {@code start} (nesting aware). */
  private static int closingBrace(String text, int start) {
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return text.length();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
