package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Trains DL4J's Word2Vec through the wrapper on a corpus whose structure is known. */
class SkipGramTests {

  /**
   * Two topics that never share a sentence: "farm" words and "sea" words, 8 each. Skip-gram sees
   * farm words only next to farm words, so it must place them closer to each other than to sea
   * words.
   */
  static Corpus twoTopics(long seed) {
    String[][] topics = {
      {"sheep", "goat", "ox", "field", "barn", "plough", "hay", "cow"},
      {"ship", "sail", "wave", "fish", "net", "boat", "tide", "shore"}
    };
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      String[] t = topics[i % 2];
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < 8; k++) {
        s.append(t[r.nextInt(t.length)]).append(' ');
      }
      lines.add(s.toString());
    }
    return Corpus.of(lines);
  }

  @Test
  void wordsOfOneTopicEndUpCloserThanWordsOfTheOther() {
    List<String> progress = new ArrayList<>();
    Embeddings e =
        SkipGram.builder()
            .dimensions(16)
            .epochs(3)
            .minCount(1)
            .subsampling(0)
            .workers(1)
            .seed(3)
            .progress(progress::add)
            .build()
            .fit(twoTopics(1));
    assertEquals(16, e.dimensions());
    assertEquals(16, e.vocabulary().size());
    assertNotNull(e.word2Vec(), "the raw DL4J object is exposed");
    WordGroups set =
        new WordGroups(
            Map.of(
                "farm", List.of("sheep", "goat", "ox", "field"),
                "sea", List.of("ship", "sail", "wave", "fish")),
            List.of());
    GroupMargin.Result r = GroupMargin.evaluate(e, set, 10, 1);
    // the random words are the other 8, half of them from the other topic
    assertTrue(r.margin() > 0.2, r.toString());
    assertTrue(e.similarity("sheep", "goat") > e.similarity("sheep", "ship"), r.toString());
    assertEquals(3, progress.size(), progress.toString());
    assertTrue(progress.get(2).startsWith("epoch 3/3"), progress.toString());
  }

  @Test
  void wordsBelowMinCountAreLeftOutAndNamedWhenAskedFor() {
    Corpus c = Corpus.of(List.of("a a a a b", "a a c a", "a a a"));
    Embeddings e = SkipGram.builder().dimensions(4).epochs(1).minCount(3).workers(1).build().fit(c);
    assertEquals(List.of("a"), e.vocabulary());
    var x = assertThrows(UnknownWordException.class, () -> e.vector("b"));
    assertTrue(x.getMessage().contains("at least 3 times"), x.getMessage());
  }

  @Test
  void badOptionsAreRefusedWithTheValue() {
    var x = assertThrows(IllegalArgumentException.class, () -> SkipGram.builder().epochs(0));
    assertEquals("epochs must be >= 1 but was 0", x.getMessage());
  }
}
