package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTests {

  @Test
  void wordsAreLowerCaseLetterRuns() {
    assertEquals(
        List.of("in", "the", "beginning", "god", "s", "word"),
        Corpus.words("In the beginning, God's word: 1:1"));
  }

  @Test
  void eachLineIsOneSentenceAndEmptyOnesAreDropped() {
    Corpus c = Corpus.of(List.of("And God said", "42", "Let there be light."));
    assertEquals(2, c.sentences().size());
    assertEquals(7, c.wordCount());
    assertEquals(List.of("let", "there", "be", "light"), c.sentences().get(1));
  }

  @Test
  void shufflingKeepsCountsAndSentenceLengthsButMovesWords() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      line.append("w").append((char) ('a' + i % 26)).append(' ');
    }
    Corpus c = Corpus.of(List.of(line.toString(), "one two three", line.toString()));
    Corpus s = c.shuffled(1);
    assertEquals(c.counts(), s.counts());
    for (int i = 0; i < c.sentences().size(); i++) {
      assertEquals(c.sentences().get(i).size(), s.sentences().get(i).size());
    }
    assertNotEquals(c.sentences(), s.sentences());
    assertEquals(s.sentences(), c.shuffled(1).sentences(), "same seed, same shuffle");
  }

  @Test
  void firstKeepsTheFirstSentences() {
    Corpus c = Corpus.of(List.of("a b", "c d", "e f"));
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), c.first(2).sentences());
    assertEquals(3, c.first(10).sentences().size());
  }
}
