package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Are words of one group closer to each other than to random words? The measured claim of lesson
 * 13.
 *
 * <p>For a group $G$ (its words that are in the vocabulary) the within-group similarity is the mean
 * cosine over its pairs, $\overline{\cos}_G = \binom{|G|}{2}^{-1} \sum_{a<b} \cos(a, b)$; the
 * random similarity is the mean cosine between each of its words and {@code randomPerWord} words
 * drawn from the rest of the vocabulary (no group's words). The group's <b>margin</b> is the
 * difference; the overall margin is the mean over groups. The <b>pair accuracy</b> asks the same
 * question one comparison at a time: for a word $a$, a word $b$ of its group and a random word $r$,
 * is $\cos(a, b) > \cos(a, r)$? Vectors that know nothing score 0.5 (chance) and a margin near 0.
 */
public final class GroupMargin {

  /**
   * One group's numbers.
   *
   * @param name the group's name
   * @param words its words found in the vocabulary
   * @param within mean cosine over pairs of its words
   * @param random mean cosine between its words and random words
   * @param pairAccuracy share of (a, b, r) with cos(a, b) &gt; cos(a, r)
   */
  public record Group(
      String name, List<String> words, double within, double random, double pairAccuracy) {
    /** {@code within - random}. */
    public double margin() {
      return within - random;
    }
  }

  /**
   * The evaluation's result.
   *
   * @param groups each group with at least two words in the vocabulary
   * @param missing the evaluation words not in the vocabulary (left out)
   * @param wordsUsed how many evaluation words were in the vocabulary
   */
  public record Result(List<Group> groups, List<String> missing, int wordsUsed) {

    /** The mean of the groups' margins. */
    public double margin() {
      return groups.stream().mapToDouble(Group::margin).average().orElse(Double.NaN);
    }

    /** The mean of the groups' pair accuracies (chance: 0.5). */
    public double pairAccuracy() {
      return groups.stream().mapToDouble(Group::pairAccuracy).average().orElse(Double.NaN);
    }

    /** The share of the evaluation words that were in the vocabulary. */
    public double coverage() {
      int total = wordsUsed + missing.size();
      return total == 0 ? 0 : (double) wordsUsed / total;
    }

    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-12s %5s %8s %8s %8s %9s%n",
                  "group",
                  "words",
                  "within",
                  "random",
                  "margin",
                  "pair acc"));
      for (Group g : groups) {
        s.append(
            String.format(
                Locale.ROOT,
                "%-12s %5d %8.3f %8.3f %8.3f %9.3f%n",
                g.name(),
                g.words().size(),
                g.within(),
                g.random(),
                g.margin(),
                g.pairAccuracy()));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "mean margin %.3f, mean pair accuracy %.3f (chance 0.5), %d of %d words in the"
                  + " vocabulary",
              margin(),
              pairAccuracy(),
              wordsUsed,
              wordsUsed + missing.size()));
      return s.toString();
    }
  }

  private GroupMargin() {}

  /**
   * Scores {@code vectors} on {@code set}'s groups.
   *
   * @param randomPerWord random words drawn for each group word
   * @param seed seed of the random draws (the same seed draws the same words for the same
   *     vocabulary, so two sets of vectors can be compared on identical draws)
   */
  public static Result evaluate(Embeddings vectors, WordGroups set, int randomPerWord, long seed) {
    if (randomPerWord < 1) {
      throw new IllegalArgumentException("randomPerWord must be >= 1 but was " + randomPerWord);
    }
    List<String> pool = pool(vectors, set);
    if (pool.isEmpty()) {
      throw new IllegalArgumentException(
          "the vocabulary has no word outside the groups to compare with");
    }
    Random random = new Random(seed);
    List<Group> groups = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    int used = 0;
    for (var entry : set.groups().entrySet()) {
      List<String> known = vectors.known(entry.getValue());
      entry.getValue().stream().filter(w -> !vectors.contains(w)).forEach(missing::add);
      used += known.size();
      if (known.size() >= 2) {
        groups.add(group(vectors, entry.getKey(), known, pool, randomPerWord, random));
      }
    }
    return new Result(List.copyOf(groups), List.copyOf(missing), used);
  }

  private static Group group(
      Embeddings v, String name, List<String> words, List<String> pool, int perWord, Random rnd) {
    double within = 0;
    int pairs = 0;
    double randomSum = 0;
    int randoms = 0;
    long hits = 0;
    long trials = 0;
    for (String a : words) {
      List<String> drawn = new ArrayList<>();
      for (int i = 0; i < perWord; i++) {
        String r = pool.get(rnd.nextInt(pool.size()));
        drawn.add(r);
        randomSum += v.similarity(a, r);
        randoms++;
      }
      for (String b : words) {
        if (a.equals(b)) {
          continue;
        }
        double ab = v.similarity(a, b);
        if (a.compareTo(b) < 0) {
          within += ab;
          pairs++;
        }
        for (String r : drawn) {
          hits += ab > v.similarity(a, r) ? 1 : 0;
          trials++;
        }
      }
    }
    return new Group(
        name, words, within / pairs, randomSum / randoms, (double) hits / Math.max(1, trials));
  }

  /** The vocabulary without any evaluation word. */
  private static List<String> pool(Embeddings vectors, WordGroups set) {
    Set<String> excluded = new HashSet<>(set.allWords());
    return vectors.vocabulary().stream().filter(w -> !excluded.contains(w)).toList();
  }
}
