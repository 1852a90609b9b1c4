package org.dlcourse.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The characters a model knows, each with an index: index 0 is the unknown symbol {@link #UNKNOWN},
 * which stands for every character seen fewer than {@code minCount} times (or never).
 *
 * <pre>{@code
 * CharVocabulary vocab = CharVocabulary.of(trainText, 5);
 * int[] ids = vocab.encode("Hello");     // one index in [0, vocab.size()) per character
 * String back = vocab.decode(ids);       // "Hello" (rare characters come back as '\uFFFD')
 * }</pre>
 */
public final class CharVocabulary {

  /** The symbol at index 0, standing for rare and unseen characters. */
  public static final char UNKNOWN = '\uFFFD';

  private final char[] symbols; // index -> character; symbols[0] == UNKNOWN
  private final Map<Character, Integer> index = new HashMap<>();

  private CharVocabulary(char[] symbols) {
    this.symbols = symbols;
    for (int i = 1; i < symbols.length; i++) {
      index.put(symbols[i], i);
    }
  }

  /**
   * The characters of {@code text} that occur at least {@code minCount} times, in code-point order
   * after the unknown symbol.
   */
  public static CharVocabulary of(String text, int minCount) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary needs some text but got an empty one");
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be >= 1 but was " + minCount);
    }
    Map<Character, Integer> counts = new TreeMap<>();
    for (int i = 0; i < text.length(); i++) {
      counts.merge(text.charAt(i), 1, Integer::sum);
    }
    StringBuilder kept = new StringBuilder().append(UNKNOWN);
    counts.forEach(
        (c, n) -> {
          if (n >= minCount && c != UNKNOWN) {
            kept.append(c);
          }
        });
    return new CharVocabulary(kept.toString().toCharArray());
  }

  /** The number of symbols {@code V}, the unknown one included: one-hot vectors have V entries. */
  public int size() {
    return symbols.length;
  }

  /** The index of {@code c}, or 0 (unknown) if the vocabulary does not have it. */
  public int index(char c) {
    return index.getOrDefault(c, 0);
  }

  /** The character with index {@code i}. */
  public char symbol(int i) {
    if (i < 0 || i >= symbols.length) {
      throw new IllegalArgumentException(
          "symbol index must be in [0, " + symbols.length + ") but was " + i);
    }
    return symbols[i];
  }

  /** One index per character of {@code text}. */
  public int[] encode(String text) {
    int[] ids = new int[text.length()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index(text.charAt(i));
    }
    return ids;
  }

  /** The characters of {@code ids}. */
  public String decode(int[] ids) {
    StringBuilder s = new StringBuilder(ids.length);
    for (int id : ids) {
      s.append(symbol(id));
    }
    return s.toString();
  }

  /** How many characters of {@code ids} are the unknown symbol. */
  public static int countUnknown(int[] ids) {
    return (int) Arrays.stream(ids).filter(i -> i == 0).count();
  }

  @Override
  public String toString() {
    String shown = new String(symbols, 1, symbols.length - 1).replace("\n", "\\n");
    return "CharVocabulary("
        + symbols.length
        + " symbols: unknown '"
        + UNKNOWN
        + "' + \""
        + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown)
        + "\")";
  }
}
