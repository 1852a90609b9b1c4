package org.dlcourse.text;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.dlcourse.data.Catalogue;

/**
 * The English word list (Debian package {@code wamerican}, see {@link Catalogue#WORDS}): the set of
 * known words, lower-cased, for judging whether generated text is made of real words.
 *
 * <pre>{@code
 * Set<String> words = WordList.load();    // 104,334 lines, 102,485 distinct lower-case words
 * }</pre>
 */
public final class WordList {

  private WordList() {}

  /** The catalogue's word list, checksum verified, lower-cased. */
  public static Set<String> load() {
    return parse(CatalogueText.read(Catalogue.WORDS).get("american-english"));
  }

  /** One word per line, lower-cased; blank lines are skipped. */
  public static Set<String> parse(String text) {
    Set<String> words = new HashSet<>();
    for (String line : text.split("\n")) {
      String w = line.strip().toLowerCase(Locale.ROOT);
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return Set.copyOf(words);
  }
}
