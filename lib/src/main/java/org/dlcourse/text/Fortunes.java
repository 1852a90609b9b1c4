package org.dlcourse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dlcourse.data.Catalogue;

/**
 * The fortune-cookie corpus: short quotations and jokes from the BSD {@code fortune} collection
 * (Debian package {@code fortunes}, see {@link Catalogue#FORTUNES}).
 *
 * <pre>{@code
 * List<String> fortunes = Fortunes.load();          // 4,060 texts, catalogue checksums verified
 * String corpus = Fortunes.join(fortunes);          // "text\n%\ntext\n%\n…", the files' own format
 * }</pre>
 */
public final class Fortunes {

  /** The line that ends every fortune in the files, and in {@link #join(List)}. */
  public static final String SEPARATOR = "%";

  /** A character followed by a backspace: the files' old-style underlining ("_\bA"). */
  private static final Pattern OVERSTRIKE = Pattern.compile(".\b");

  private Fortunes() {}

  /** Every fortune of the catalogue's files, in file order, cleaned as {@link #parse(String)}. */
  public static List<String> load() {
    List<String> all = new ArrayList<>();
    CatalogueText.read(Catalogue.FORTUNES).values().forEach(text -> all.addAll(parse(text)));
    return all;
  }

  /**
   * Splits a fortune file into its fortunes: the text between lines that hold only {@code %}.
   * Overstrikes ("_\bA", a typewriter underline) become the plain character, tabs a space, and
   * Windows line ends plain ones; empty fortunes are dropped; no fortune ends with a line end.
   */
  public static List<String> parse(String file) {
    String text = OVERSTRIKE.matcher(file.replace("\r\n", "\n")).replaceAll("").replace('\t', ' ');
    List<String> fortunes = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.equals(SEPARATOR)) {
        add(fortunes, current);
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    add(fortunes, current);
    return fortunes;
  }

  /** The fortunes as one text in the files' format: each followed by a line {@code %}. */
  public static String join(List<String> fortunes) {
    StringBuilder s = new StringBuilder();
    for (String f : fortunes) {
      s.append(f).append('\n').append(SEPARATOR).append('\n');
    }
    return s.toString();
  }

  private static void add(List<String> fortunes, StringBuilder text) {
    String f = text.toString().strip();
    if (!f.isEmpty()) {
      fortunes.add(f);
    }
  }
}
