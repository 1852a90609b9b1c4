package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnigramTests {

  @Test
  @DisplayName("add-one frequencies; cross-entropy is the mean of -ln p; perplexity its exp")
  void crossEntropyOfFrequencies() {
    Unigram u = Unigram.fit(new int[] {0, 0, 1}, 3); // counts 2, 1, 0 -> (3, 2, 1) / 6
    assertEquals(0.5, u.probability(0), 1e-12);
    assertEquals(1 / 6.0, u.probability(2), 1e-12);
    double h = -(Math.log(0.5) + Math.log(2 / 6.0)) / 2;
    assertEquals(h, u.crossEntropy(new int[] {0, 1}), 1e-12);
    assertEquals(Math.exp(h), u.perplexity(new int[] {0, 1}), 1e-12);
  }

  @Test
  void uniformTextHasPerplexityOfTheVocabulary() {
    int[] text = new int[400];
    for (int i = 0; i < text.length; i++) {
      text[i] = i % 4;
    }
    assertEquals(4.0, Unigram.fit(text, 4).perplexity(text), 1e-9);
  }

  @Test
  void indexOutsideTheVocabularyIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Unigram.fit(new int[] {5}, 3));
    assertEquals("character index 5 is outside the vocabulary [0, 3)", e.getMessage());
  }
}
