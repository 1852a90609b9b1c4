package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTests {

  @Test
  void levenshteinDistanceCountsEdits() {
    assertEquals(0, Spelling.distance("father", "father"));
    assertEquals(1, Spelling.distance("fathr", "father"));
    assertEquals(3, Spelling.distance("kitten", "sitting"));
    assertEquals(4, Spelling.distance("", "abcd"));
  }

  @Test
  void nearestKeepsWordsWithinTwoEditsClosestFirst() {
    List<String> vocab = List.of("brethren", "brother", "bother", "other", "stone");
    assertEquals(List.of("brother", "bother"), Spelling.nearest("brothr", vocab, 3));
    assertEquals(List.of(), Spelling.nearest("xyz", vocab, 3));
  }
}
