package org.dlcourse.embeddings;

import java.util.List;

/** A word that is not in the vocabulary; the message suggests near spellings that are. */
public final class UnknownWordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String word;
  private final List<String> suggestions;

  UnknownWordException(String word, List<String> suggestions, int vocabularySize, int minCount) {
    super(
        "\""
            + word
            + "\" is not in the vocabulary ("
            + vocabularySize
            + " words, each seen at least "
            + minCount
            + " times in the corpus; words are lower-case letters only)."
            + (suggestions.isEmpty()
                ? ""
                : " Did you mean: " + String.join(", ", suggestions) + "?")
            + " Use contains(word) to test first, or lower minCount to keep rarer words.");
    this.word = word;
    this.suggestions = List.copyOf(suggestions);
  }

  /** The word that was asked for. */
  public String word() {
    return word;
  }

  /** Vocabulary words with the smallest edit distance to {@link #word()}, nearest first. */
  public List<String> suggestions() {
    return suggestions;
  }
}
