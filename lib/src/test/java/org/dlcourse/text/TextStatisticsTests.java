package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextStatisticsTests {

  @Test
  @DisplayName("words are letter runs with inner apostrophes, lower-cased")
  void splitsWords() {
    assertEquals(
        List.of("don't", "panic", "it's", "x"), TextStatistics.words("Don't PANIC -- it's 42 x!"));
  }

  @Test
  void realWordShareCountsKnownWords() {
    List<String> words = TextStatistics.words("the cat zqx the a b");
    // single letters are not judged, even when the list has them
    assertEquals(0.75, TextStatistics.realWordShare(words, Set.of("the", "cat", "a", "b")), 1e-12);
    assertTrue(Double.isNaN(TextStatistics.realWordShare(List.of(), Set.of("a"))));
  }

  @Test
  @DisplayName("distinct-n is 1 without repeats and small for a loop")
  void distinctNgrams() {
    List<String> loop = TextStatistics.words("a b a b a b a b");
    assertEquals(2 / 8.0, TextStatistics.distinct(loop, 1), 1e-12);
    assertEquals(2 / 7.0, TextStatistics.distinct(loop, 2), 1e-12); // "a b", "b a"
    assertEquals(1.0, TextStatistics.distinct(TextStatistics.words("one two three"), 2), 1e-12);
    assertTrue(Double.isNaN(TextStatistics.distinct(List.of("a"), 2)));
  }
}
