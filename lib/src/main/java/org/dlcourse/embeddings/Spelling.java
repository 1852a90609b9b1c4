package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Near spellings by edit distance, for "did you mean" in error messages. */
final class Spelling {

  private Spelling() {}

  /**
   * Up to {@code k} words of {@code vocabulary} within edit distance 2 of {@code word}, nearest
   * first (ties: earlier in the vocabulary, i.e. more frequent, first).
   */
  static List<String> nearest(String word, List<String> vocabulary, int k) {
    String w = word == null ? "" : word;
    List<String> near = new ArrayList<>();
    List<Integer> distance = new ArrayList<>();
    for (String v : vocabulary) {
      int d = distance(w, v);
      if (d <= 2) {
        near.add(v);
        distance.add(d);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < near.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> distance.get(i)).thenComparingInt(i -> i));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, order.size()); i++) {
      out.add(near.get(order.get(i)));
    }
    return out;
  }

  /** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
