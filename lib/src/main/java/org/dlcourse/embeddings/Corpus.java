package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A text as sentences of words, the input of word2vec.
 *
 * <p>Tokenising is deliberately simple: lower case, and a word is a run of the letters a–z
 * ("Lord's" gives "lord" and "s"; numbers written as digits are dropped). Each input line is one
 * sentence (for the Bible: one verse), so a skip-gram window never crosses a verse.
 *
 * @param sentences the sentences, each a list of lower-case words (none empty)
 */
public record Corpus(List<List<String>> sentences) {

  /** Copies {@code sentences}, dropping empty ones. */
  public Corpus {
    List<List<String>> kept = new ArrayList<>();
    for (List<String> s : sentences) {
      if (!s.isEmpty()) {
        kept.add(List.copyOf(s));
      }
    }
    sentences = Collections.unmodifiableList(kept);
  }

  /** The King James Bible, one sentence per verse (see {@link BibleText}). */
  public static Corpus kingJamesBible() {
    return of(BibleText.verses());
  }

  /** One sentence per line of {@code lines}, tokenised by {@link #words(String)}. */
  public static Corpus of(List<String> lines) {
    List<List<String>> sentences = new ArrayList<>();
    for (String line : lines) {
      sentences.add(words(line));
    }
    return new Corpus(sentences);
  }

  /** {@code text}'s words: lower case, runs of the letters a–z. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        word.append(c);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /** The first {@code n} sentences (all of them if there are fewer). */
  public Corpus first(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("first(n) needs n >= 1 but was " + n);
    }
    return new Corpus(sentences.subList(0, Math.min(n, sentences.size())));
  }

  /**
   * The same words in a random order, cut into sentences of the same lengths: every word keeps its
   * count, but no word keeps its neighbours. Word2vec trained on this can learn frequency but not
   * meaning — the baseline that shows context is what it learns from.
   */
  public Corpus shuffled(long seed) {
    List<String> all = new ArrayList<>();
    sentences.forEach(all::addAll);
    Collections.shuffle(all, new Random(seed));
    List<List<String>> out = new ArrayList<>();
    int at = 0;
    for (List<String> s : sentences) {
      out.add(all.subList(at, at + s.size()));
      at += s.size();
    }
    return new Corpus(out);
  }

  /** The number of words (tokens) in all sentences. */
  public long wordCount() {
    long n = 0;
    for (List<String> s : sentences) {
      n += s.size();
    }
    return n;
  }

  /** How often each word occurs. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    for (List<String> s : sentences) {
      for (String w : s) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Each sentence as one line of space-separated words (what DL4J's tokenizer splits again). */
  List<String> lines() {
    List<String> lines = new ArrayList<>(sentences.size());
    for (List<String> s : sentences) {
      lines.add(String.join(" ", s));
    }
    return lines;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Corpus(%,d sentences, %,d words, %,d distinct)",
        sentences.size(),
        wordCount(),
        counts().size());
  }
}
