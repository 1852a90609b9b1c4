package org.dlcourse.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures of generated text: how much of it is made of real words, and how varied it is.
 *
 * <ul>
 *   <li><b>words</b>: maximal runs of letters, with apostrophes inside ({@code don't}),
 *       lower-cased;
 *   <li><b>real-word share</b>: the share of the words of two or more letters found in a word list
 *       (single letters are left out: the word list has every letter of the alphabet as an entry,
 *       so a text of random letters would otherwise look like real words);
 *   <li><b>distinct-n</b>: distinct word n-grams ÷ all word n-grams (1 when nothing repeats, near 0
 *       when the text loops).
 * </ul>
 *
 * <pre>{@code
 * List<String> w = TextStatistics.words(text);
 * double real = TextStatistics.realWordShare(w, WordList.load());
 * double distinct2 = TextStatistics.distinct(w, 2);
 * }</pre>
 */
public final class TextStatistics {

  private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)*");

  private TextStatistics() {}

  /** The words of {@code text}, lower-cased, in order. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /**
   * The share of {@code words} of two or more letters that are in {@code known} (lower-case); NaN
   * when there are none.
   */
  public static double realWordShare(List<String> words, Set<String> known) {
    List<String> judged = words.stream().filter(w -> w.length() >= 2).toList();
    if (judged.isEmpty()) {
      return Double.NaN;
    }
    long real = judged.stream().filter(known::contains).count();
    return real / (double) judged.size();
  }

  /**
   * Distinct word n-grams ÷ all word n-grams of {@code words}; NaN when there are fewer than {@code
   * n} words.
   */
  public static double distinct(List<String> words, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n-grams need n >= 1 but n was " + n);
    }
    int total = words.size() - n + 1;
    if (total <= 0) {
      return Double.NaN;
    }
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < total; i++) {
      seen.add(List.copyOf(words.subList(i, i + n)));
    }
    return seen.size() / (double) total;
  }
}
