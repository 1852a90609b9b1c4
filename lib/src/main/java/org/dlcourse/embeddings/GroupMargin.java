package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Are words of one group closer to each other than other words are? The measured claim of lesson
 * 13.
 *
 * <p>For a group $G$ (its words that are in the vocabulary) the within-group similarity is the mean
 * cosine over its pairs, $\overline{\cos}_G = \binom{|G|}{2}^{-1} \sum_{a<b} \cos(a, b)$. For each
 * pair $(a, b)$, {@code randomPerPair} stand-in pairs $(a', b')$ are drawn: $a'$ a non-group word
 * of about $a$'s frequency, $b'$ one of about $b$'s (each among the {@value #BAND} non-group words
 * nearest in frequency rank). The random similarity is the stand-ins' mean cosine; the group's
 * <b>margin</b> is within minus random, and the overall margin the mean over groups. The <b>pair
 * accuracy</b> asks one comparison at a time: is $\cos(a, b) > \cos(a', b')$?
 *
 * <p>Why stand-ins of matching frequency: word vectors also encode how frequent a word is (frequent
 * words end up alike, and so do rare ones), and the evaluation words are all frequent. Against
 * stand-ins of the same frequencies, vectors that know nothing but frequency — or nothing at all —
 * score a margin near 0 and a pair accuracy near 0.5 (chance). (The vocabulary's order is its
 * frequency order, most frequent first.)
 */
public final class GroupMargin {

  /**
   * One group's numbers.
   *
   * @param name the group's name
   * @param words its words found in the vocabulary
   * @param within mean cosine over pairs of its words
   * @param random mean cosine of stand-in pairs of the same frequencies
   * @param pairAccuracy share of comparisons with cos(a, b) &gt; cos(a', b')
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

  /** How many non-group words of neighbouring frequency rank a random word is drawn from. */
  public static final int BAND = 100;

  private GroupMargin() {}

  /**
   * Scores {@code vectors} on {@code set}'s groups.
   *
   * @param randomPerPair stand-in pairs drawn for each pair of group words
   * @param seed seed of the random draws (the same seed draws the same words for the same
   *     vocabulary, so two sets of vectors can be compared on identical draws)
   */
  public static Result evaluate(Embeddings vectors, WordGroups set, int randomPerPair, long seed) {
    if (randomPerPair < 1) {
      throw new IllegalArgumentException("randomPerPair must be >= 1 but was " + randomPerPair);
    }
    Pool pool = Pool.of(vectors, set);
    if (pool.words.size() < 2) {
      throw new IllegalArgumentException(
          "the vocabulary has "
              + pool.words.size()
              + " words outside the groups but at least 2 are needed to draw stand-in pairs");
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
        groups.add(group(vectors, entry.getKey(), known, pool, randomPerPair, random));
      }
    }
    return new Result(List.copyOf(groups), List.copyOf(missing), used);
  }

  private static Group group(
      Embeddings v, String name, List<String> words, Pool pool, int perPair, Random rnd) {
    double within = 0;
    double random = 0;
    long hits = 0;
    int pairs = 0;
    for (int i = 0; i < words.size(); i++) {
      for (int j = i + 1; j < words.size(); j++) {
        double ab = v.similarity(words.get(i), words.get(j));
        within += ab;
        pairs++;
        for (int k = 0; k < perPair; k++) {
          String[] standIn = pool.standIns(v.indexOf(words.get(i)), v.indexOf(words.get(j)), rnd);
          double other = v.similarity(standIn[0], standIn[1]);
          random += other;
          hits += ab > other ? 1 : 0;
        }
      }
    }
    return new Group(
        name, words, within / pairs, random / (pairs * perPair), (double) hits / (pairs * perPair));
  }

  /** The vocabulary without any evaluation word, with each word's frequency rank. */
  private record Pool(List<String> words, int[] ranks) {

    static Pool of(Embeddings vectors, WordGroups set) {
      Set<String> excluded = new HashSet<>(set.allWords());
      List<String> words = new ArrayList<>();
      List<Integer> ranks = new ArrayList<>();
      List<String> vocabulary = vectors.vocabulary();
      for (int i = 0; i < vocabulary.size(); i++) {
        if (!excluded.contains(vocabulary.get(i))) {
          words.add(vocabulary.get(i));
          ranks.add(i);
        }
      }
      return new Pool(words, ranks.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The index of a random one of the {@link #BAND} pool words nearest to rank {@code rank}. */
    int near(int rank, Random rnd) {
      int at = Arrays.binarySearch(ranks, rank);
      int insertion = at >= 0 ? at : -at - 1;
      int width = Math.min(BAND, words.size());
      int from = Math.max(0, Math.min(insertion - width / 2, words.size() - width));
      return from + rnd.nextInt(width);
    }

    /** Two different pool words, of about the frequency ranks {@code rankA} and {@code rankB}. */
    String[] standIns(int rankA, int rankB, Random rnd) {
      int a = near(rankA, rnd);
      int b = near(rankB, rnd);
      while (b == a) {
        b = near(rankB, rnd);
      }
      return new String[] {words.get(a), words.get(b)};
    }
  }
}
