package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalogiesTests {

  @Test
  void scoresSolvedAndUnsolvedAnalogiesAndSkipsUnknownWords() {
    Analogies.Result r =
        Analogies.evaluate(
            EmbeddingsTests.toy(),
            List.of(
                List.of("man", "king", "woman", "queen"),
                List.of("man", "woman", "king", "stone"),
                List.of("man", "king", "woman", "princess")),
            2);
    assertEquals(2, r.rows().size());
    assertEquals(List.of(List.of("man", "king", "woman", "princess")), r.skipped());
    assertEquals(1, r.rows().get(0).rank());
    assertEquals(0, r.rows().get(1).rank()); // woman - man + king = queen, not stone
    assertEquals(0.5, r.top1(), 1e-12);
  }
}
