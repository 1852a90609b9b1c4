package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingsTests {

  // Axes: 0 = male, 1 = female, 2 = royal, 3 = young.
  static final List<String> WORDS =
      List.of("man", "woman", "king", "queen", "boy", "girl", "stone");
  static final double[][] VECTORS = {
    {1, 0, 0, 0},
    {0, 1, 0, 0},
    {1, 0, 1, 0},
    {0, 1, 1, 0},
    {1, 0, 0, 1},
    {0, 1, 0, 1},
    {0, 0, 0, 0.1}
  };

  static Embeddings toy() {
    return new Embeddings(WORDS, VECTORS, 5, null);
  }

  @Test
  void similarityIsTheCosine() {
    assertEquals(Math.sqrt(0.5), toy().similarity("man", "king"), 1e-12);
    assertEquals(0.0, toy().similarity("man", "woman"), 1e-12);
    assertEquals(toy().similarity("queen", "girl"), toy().similarity("girl", "queen"), 1e-12);
  }

  @Test
  void nearestLeavesTheWordOutAndSortsBySimilarity() {
    List<Embeddings.Neighbour> n = toy().nearest("king", 3);
    assertEquals("man", n.get(0).word()); // cos = 1/sqrt(2); queen and boy: 1/2
    assertTrue(n.stream().noneMatch(x -> x.word().equals("king")));
    for (int i = 1; i < n.size(); i++) {
      assertTrue(n.get(i - 1).similarity() >= n.get(i).similarity());
    }
  }

  @Test
  void analogyFindsTheWordAtTheVectorOffset() {
    // king - man + woman = (0, 1, 1, 0) = queen
    assertEquals("queen", toy().analogy("man", "king", "woman", 1).get(0).word());
    // boy - man + woman = girl
    assertEquals("girl", toy().analogy("man", "boy", "woman", 1).get(0).word());
  }

  @Test
  void anUnknownWordSaysSoAndSuggestsNearSpellings() {
    UnknownWordException e = assertThrows(UnknownWordException.class, () -> toy().vector("qeen"));
    assertEquals(List.of("queen"), e.suggestions());
    assertTrue(e.getMessage().contains("\"qeen\" is not in the vocabulary"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean: queen?"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 5 times"), e.getMessage());
  }

  @Test
  void randomVectorsAreNearlyOrthogonalInManyDimensions() {
    List<String> words = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    Embeddings r = Embeddings.random(words, 400, 3);
    for (String a : words) {
      for (String b : words) {
        if (!a.equals(b)) {
          // cosine of random Gaussian vectors ~ N(0, 1/d): |cos| < 0.25 is 5 standard deviations
          assertTrue(Math.abs(r.similarity(a, b)) < 0.25, a + " " + b);
        }
      }
    }
  }

  @Test
  void vectorsHaveUnitLengthAndMatrixHasOneRowPerWord() {
    double[] v = toy().vector("queen");
    assertEquals(1.0, Cosine.dot(v, v), 1e-12);
    assertArrayEquals(new long[] {2, 4}, toy().matrix(List.of("man", "girl")).shape());
    assertEquals(4, toy().dimensions());
  }
}
