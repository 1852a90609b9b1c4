package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupMarginTests {

  static final WordGroups SET =
      new WordGroups(
          Map.of("a", List.of("a1", "a2", "a3", "a4"), "b", List.of("b1", "b2", "b3", "zz")),
          List.of());

  /** Group words share a direction (plus noise); 200 other words point anywhere. */
  static Embeddings clustered(long seed) {
    Random r = new Random(seed);
    List<String> words = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    double[][] centres = {gaussian(r, 50), gaussian(r, 50)};
    String[][] groups = {{"a1", "a2", "a3", "a4"}, {"b1", "b2", "b3"}};
    for (int g = 0; g < 2; g++) {
      for (String w : groups[g]) {
        double[] v = gaussian(r, 50);
        for (int j = 0; j < 50; j++) {
          v[j] = 0.5 * v[j] + centres[g][j];
        }
        words.add(w);
        vectors.add(v);
      }
    }
    for (int i = 0; i < 200; i++) {
      words.add("other" + i);
      vectors.add(gaussian(r, 50));
    }
    return new Embeddings(words, vectors.toArray(new double[0][]), 1, null);
  }

  static double[] gaussian(Random r, int d) {
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = r.nextGaussian();
    }
    return v;
  }

  @Test
  void clusteredGroupsHaveALargeMarginAndPerfectPairAccuracy() {
    GroupMargin.Result r = GroupMargin.evaluate(clustered(1), SET, 30, 2);
    assertEquals(2, r.groups().size());
    assertTrue(r.margin() > 0.6, r.toString()); // within ~0.8, random ~0
    assertEquals(1.0, r.pairAccuracy(), 1e-12, r.toString());
    assertEquals(List.of("zz"), r.missing());
    assertEquals(7.0 / 8, r.coverage(), 1e-12);
  }

  @Test
  void randomVectorsScoreAtChance() {
    Embeddings random = clustered(1).randomised(5);
    GroupMargin.Result r = GroupMargin.evaluate(random, SET, 200, 2);
    assertEquals(0.0, r.margin(), 0.1, r.toString());
    assertEquals(0.5, r.pairAccuracy(), 0.1, r.toString());
  }

  @Test
  void withinIsTheMeanOverPairsAndRandomTheMeanOverStandIns() {
    // cos(x,y)=0, cos(x,xy)=cos(y,xy)=1/sqrt(2); the only stand-ins, o and p, point opposite ways
    Embeddings e =
        new Embeddings(
            List.of("x", "y", "xy", "o", "p"),
            new double[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 0, 1}, {0, 0, -1}},
            1,
            null);
    WordGroups set = new WordGroups(Map.of("g", List.of("x", "y", "xy")), List.of());
    GroupMargin.Group g = GroupMargin.evaluate(e, set, 3, 1).groups().get(0);
    assertEquals(2 / Math.sqrt(2) / 3, g.within(), 1e-12);
    assertEquals(-1.0, g.random(), 1e-12);
    assertEquals(1.0, g.pairAccuracy(), 1e-12);
  }

  @Test
  void vectorsThatKnowOnlyFrequencyScoreNearChance() {
    // 2,000 words in frequency order; each vector's direction turns smoothly with the rank (plus
    // noise), so words of similar frequency are similar and nothing else is encoded. The groups mix
    // frequent and rare words.
    Random r = new Random(9);
    List<String> words = new ArrayList<>();
    double[][] vectors = new double[2000][];
    for (int i = 0; i < 2000; i++) {
      words.add("w" + i);
      double angle = Math.PI / 2 * i / 2000;
      double[] v = gaussian(r, 20);
      for (int j = 0; j < 20; j++) {
        v[j] *= 0.05;
      }
      v[0] += Math.cos(angle);
      v[1] += Math.sin(angle);
      vectors[i] = v;
    }
    Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
    for (int g = 0; g < 6; g++) {
      List<String> members = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        members.add("w" + (50 + 300 * k + 37 * g));
      }
      groups.put("g" + g, members);
    }
    GroupMargin.Result res =
        GroupMargin.evaluate(
            new Embeddings(words, vectors, 1, null), new WordGroups(groups, List.of()), 20, 3);
    assertEquals(0.0, res.margin(), 0.05, res.toString());
    assertEquals(0.5, res.pairAccuracy(), 0.1, res.toString());
  }
}
