package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Word vectors: one row per vocabulary word, compared by cosine similarity ({@link Cosine}).
 *
 * <p>Made by {@link SkipGram#train(Corpus)} (then {@link #word2Vec()} is DL4J's trained object) or,
 * as the untrained baseline, by {@link #random(List, int, long)}.
 */
public final class Embeddings {

  /** A word and its cosine similarity to what was asked. */
  public record Neighbour(String word, double similarity) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %.3f", word, similarity);
    }
  }

  private final List<String> words;
  private final Map<String, Integer> index = new HashMap<>();
  private final double[][] unit; // [vocabulary, dimensions], each row of length 1
  private final int minCount;
  private final Word2Vec word2Vec;

  /**
   * Vectors for {@code words}, row {@code i} belonging to {@code words.get(i)}.
   *
   * @param minCount the smallest count a word needed to enter the vocabulary (for messages)
   * @param word2Vec the DL4J object they came from, or null
   */
  Embeddings(List<String> words, double[][] vectors, int minCount, Word2Vec word2Vec) {
    if (words.size() != vectors.length) {
      throw new IllegalArgumentException(
          words.size() + " words but " + vectors.length + " vectors; they must match");
    }
    this.words = List.copyOf(words);
    this.unit = new double[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      unit[i] = Cosine.unit(vectors[i]);
      if (index.put(words.get(i), i) != null) {
        throw new IllegalArgumentException("the word \"" + words.get(i) + "\" occurs twice");
      }
    }
    this.minCount = minCount;
    this.word2Vec = word2Vec;
  }

  /** Vectors trained by DL4J's {@code Word2Vec}: its whole vocabulary, most frequent first. */
  public static Embeddings of(Word2Vec word2Vec, int minCount) {
    var vocab = word2Vec.getVocab();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < vocab.numWords(); i++) {
      words.add(vocab.wordAtIndex(i));
    }
    words.sort(
        Comparator.comparingDouble((String w) -> -vocab.wordFrequency(w))
            .thenComparing(Comparator.naturalOrder()));
    double[][] vectors = new double[words.size()][];
    for (int i = 0; i < words.size(); i++) {
      vectors[i] = word2Vec.getWordVector(words.get(i));
    }
    return new Embeddings(words, vectors, minCount, word2Vec);
  }

  /**
   * Untrained vectors: every component drawn from a standard normal distribution. Random directions
   * in many dimensions are nearly orthogonal, so every cosine is close to 0 — the "chance" of the
   * evaluation.
   */
  public static Embeddings random(List<String> words, int dimensions, long seed) {
    Random random = new Random(seed);
    double[][] vectors = new double[words.size()][dimensions];
    for (double[] row : vectors) {
      for (int j = 0; j < dimensions; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return new Embeddings(words, vectors, 0, null);
  }

  /** The same words with random vectors of the same size (the untrained baseline). */
  public Embeddings randomised(long seed) {
    return random(words, dimensions(), seed);
  }

  /** The vocabulary, most frequent word first (for trained vectors). */
  public List<String> vocabulary() {
    return words;
  }

  /** The number of components of each vector. */
  public int dimensions() {
    return unit.length == 0 ? 0 : unit[0].length;
  }

  /** Whether {@code word} has a vector. */
  public boolean contains(String word) {
    return index.containsKey(word);
  }

  /** Which of {@code words} have a vector. */
  public List<String> known(List<String> words) {
    return words.stream().filter(this::contains).toList();
  }

  /**
   * The unit vector of {@code word} (a copy).
   *
   * @throws UnknownWordException suggesting near spellings
   */
  public double[] vector(String word) {
    return unit[indexOf(word)].clone();
  }

  /** The unit vectors of {@code words} as a matrix {@code [words, dimensions]}. */
  public INDArray matrix(List<String> words) {
    double[][] rows = new double[words.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = unit[indexOf(words.get(i))];
    }
    return Nd4j.create(rows);
  }

  /** The cosine similarity of two words' vectors. */
  public double similarity(String a, String b) {
    return Cosine.dot(unit[indexOf(a)], unit[indexOf(b)]);
  }

  /** The {@code k} words most similar to {@code word} (itself left out), most similar first. */
  public List<Neighbour> nearest(String word, int k) {
    return nearest(unit[indexOf(word)], k, Set.of(word));
  }

  /**
   * Solves "a is to b as c is to ?" by the vector offset $b - a + c$ (Mikolov et al. 2013): the
   * {@code k} words whose vectors are most similar to it, leaving out a, b and c.
   */
  public List<Neighbour> analogy(String a, String b, String c, int k) {
    double[] ua = unit[indexOf(a)];
    double[] ub = unit[indexOf(b)];
    double[] uc = unit[indexOf(c)];
    double[] target = new double[ua.length];
    for (int j = 0; j < target.length; j++) {
      target[j] = ub[j] - ua[j] + uc[j];
    }
    return nearest(Cosine.unit(target), k, Set.of(a, b, c));
  }

  /** DL4J's trained {@code Word2Vec}, for everything this class does not offer; null if random. */
  public Word2Vec word2Vec() {
    return word2Vec;
  }

  private List<Neighbour> nearest(double[] u, int k, Set<String> leaveOut) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1 but was " + k);
    }
    List<Neighbour> all = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      if (!leaveOut.contains(words.get(i))) {
        all.add(new Neighbour(words.get(i), Cosine.dot(u, unit[i])));
      }
    }
    all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  int indexOf(String word) {
    Integer i = index.get(word);
    if (i == null) {
      throw new UnknownWordException(
          word, Spelling.nearest(word, words, 3), words.size(), minCount);
    }
    return i;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Embeddings(%,d words x %d dimensions, %s)",
        words.size(),
        dimensions(),
        word2Vec == null ? "random" : "trained by DL4J Word2Vec");
  }
}
