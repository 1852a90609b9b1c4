package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CharVocabularyTests {

  @Test
  @DisplayName("characters are indexed in code-point order after the unknown symbol at 0")
  void indexesCharactersInOrder() {
    CharVocabulary vocab = CharVocabulary.of("banana", 1);
    assertEquals(4, vocab.size()); // unknown, a, b, n
    assertEquals(CharVocabulary.UNKNOWN, vocab.symbol(0));
    assertArrayEquals(new int[] {2, 1, 3, 1, 3, 1}, vocab.encode("banana"));
    assertEquals("banana", vocab.decode(vocab.encode("banana")));
  }

  @Test
  @DisplayName("rare and unseen characters become the unknown symbol")
  void rareCharactersAreUnknown() {
    CharVocabulary vocab = CharVocabulary.of("aaab", 2); // b occurs once: dropped
    assertEquals(2, vocab.size());
    assertArrayEquals(new int[] {1, 0, 0}, vocab.encode("abz"));
    assertEquals(2, CharVocabulary.countUnknown(vocab.encode("abz")));
    assertEquals("a" + CharVocabulary.UNKNOWN, vocab.decode(new int[] {1, 0}));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of("", 1));
    var e =
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of("ab", 1).symbol(7));
    assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
  }
}
