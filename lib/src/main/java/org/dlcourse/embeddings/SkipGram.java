package org.dlcourse.embeddings;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.deeplearning4j.models.sequencevectors.SequenceVectors;
import org.deeplearning4j.models.sequencevectors.enums.ListenerEvent;
import org.deeplearning4j.models.sequencevectors.interfaces.VectorsListener;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.dlcourse.Seed;

/**
 * Skip-gram word2vec with negative sampling (Mikolov et al. 2013), trained by DL4J's {@code
 * Word2Vec}.
 *
 * <p>Each word $w$ has an input vector $v_w$ (the embedding) and an output vector $u_w$. For every
 * word $w_t$ of the corpus and every context word $c$ within {@code window} positions, training
 * raises $\log\sigma(u_c \cdot v_{w_t})$ and, for $k$ = {@code negative} "noise" words $n_i$ drawn
 * from the unigram distribution to the power 3/4, raises $\log\sigma(-u_{n_i} \cdot v_{w_t})$:
 *
 * <p>$$\max \sum_t \sum_{c} \Big[\log\sigma(u_c^\top v_{w_t}) + \sum_{i=1}^k
 * \log\sigma(-u_{n_i}^\top v_{w_t})\Big].$$
 *
 * <p>Words that occur in similar contexts get similar $v_w$: that is all the model learns from.
 * Very frequent words are dropped at random ({@code subsampling}), and the learning rate falls
 * linearly to almost 0 over the run.
 *
 * <p>One line: {@code SkipGram.train(corpus)}; options: {@code
 * SkipGram.builder().dimensions(100).epochs(5).seed(1).build().train(corpus)}.
 */
public final class SkipGram {

  /** DL4J's skip-gram learning algorithm (the default is also skip-gram; named to be explicit). */
  private static final String DL4J_SKIP_GRAM =
      "org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram";

  private final Builder o;

  private SkipGram(Builder options) {
    this.o = options;
  }

  /** Trains with the defaults of {@link Builder}. */
  public static Embeddings train(Corpus corpus) {
    return builder().build().fit(corpus);
  }

  /** Options, starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Trains on {@code corpus}; the result's {@link Embeddings#word2Vec()} is DL4J's object. */
  public Embeddings fit(Corpus corpus) {
    if (corpus.sentences().isEmpty()) {
      throw new IllegalArgumentException("the corpus has no sentences; nothing to train on");
    }
    Word2Vec w2v = word2Vec(corpus);
    w2v.fit();
    if (w2v.getVocab().numWords() == 0) {
      throw new IllegalArgumentException(
          "no word occurs at least minCount="
              + o.minCount
              + " times in "
              + corpus
              + "; lower minCount or use a larger corpus");
    }
    return Embeddings.of(w2v, o.minCount);
  }

  /** DL4J's {@code Word2Vec}, configured but not trained (call {@code fit()} on it). */
  public Word2Vec word2Vec(Corpus corpus) {
    Word2Vec.Builder b =
        new Word2Vec.Builder()
            .elementsLearningAlgorithm(DL4J_SKIP_GRAM)
            .layerSize(o.dimensions)
            .windowSize(o.window)
            .minWordFrequency(o.minCount)
            .epochs(o.epochs)
            .iterations(1)
            .negativeSample(o.negative)
            .useHierarchicSoftmax(false)
            .sampling(o.subsampling)
            .learningRate(o.learningRate)
            .minLearningRate(o.learningRate / 250)
            .seed(o.seed)
            .workers(o.workers)
            .iterate(new CollectionSentenceIterator(corpus.lines()))
            .tokenizerFactory(new DefaultTokenizerFactory());
    if (o.progress != null) {
      b.setVectorsListeners(List.of(new EpochListener(o.epochs, o.progress)));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SkipGram(dimensions=%d, window=%d, minCount=%d, epochs=%d, negative=%d, subsampling=%g,"
            + " learningRate=%g, seed=%d, workers=%d)",
        o.dimensions,
        o.window,
        o.minCount,
        o.epochs,
        o.negative,
        o.subsampling,
        o.learningRate,
        o.seed,
        o.workers);
  }

  /** Reports each finished epoch and the seconds since training started. */
  private static final class EpochListener implements VectorsListener<VocabWord> {
    private final int epochs;
    private final Consumer<String> out;
    private final long start = System.nanoTime();

    EpochListener(int epochs, Consumer<String> out) {
      this.epochs = epochs;
      this.out = out;
    }

    @Override
    public boolean validateEvent(ListenerEvent event, long argument) {
      return event == ListenerEvent.EPOCH;
    }

    @Override
    public void processEvent(
        ListenerEvent event, SequenceVectors<VocabWord> vectors, long argument) {
      out.accept(
          String.format(
              Locale.ROOT,
              "epoch %d/%d done, %.1f s",
              argument, // DL4J counts epochs from 1
              epochs,
              (System.nanoTime() - start) / 1e9));
    }
  }

  /** Options; every one has a default. */
  public static final class Builder {
    private int dimensions = 100;
    private int window = 5;
    private int minCount = 5;
    private int epochs = 5;
    private int negative = 5;
    private double subsampling = 1e-3;
    private double learningRate = 0.025;
    private long seed = Seed.base();
    private int workers = 2;
    private Consumer<String> progress;

    private Builder() {}

    /** Length of each word vector (default 100). */
    public Builder dimensions(int d) {
      this.dimensions = positive(d, "dimensions");
      return this;
    }

    /** Context words on each side of a word (default 5). */
    public Builder window(int w) {
      this.window = positive(w, "window");
      return this;
    }

    /** Words seen fewer times are left out of the vocabulary (default 5). */
    public Builder minCount(int n) {
      this.minCount = positive(n, "minCount");
      return this;
    }

    /** Passes over the corpus (default 5). */
    public Builder epochs(int n) {
      this.epochs = positive(n, "epochs");
      return this;
    }

    /** Noise words per (word, context) pair, k in the objective (default 5). */
    public Builder negative(int k) {
      this.negative = positive(k, "negative");
      return this;
    }

    /** Threshold t for dropping frequent words, kept with probability ~ sqrt(t / f) (1e-3). */
    public Builder subsampling(double t) {
      if (!(t >= 0)) {
        throw new IllegalArgumentException("subsampling must be >= 0 but was " + t);
      }
      this.subsampling = t;
      return this;
    }

    /** Starting learning rate, falling linearly to 1/250 of it (default 0.025). */
    public Builder learningRate(double lr) {
      if (!(lr > 0)) {
        throw new IllegalArgumentException("learningRate must be > 0 but was " + lr);
      }
      this.learningRate = lr;
      return this;
    }

    /** Seed of the initial vectors and the sampling (default: the course seed, {@link Seed}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Training threads (default 2). With more than one, threads update shared vectors without locks
     * (as the original word2vec does), so two runs with one seed differ slightly.
     */
    public Builder workers(int n) {
      this.workers = positive(n, "workers");
      return this;
    }

    /** Where a line goes after each epoch (e.g. {@code System.out::println}); default none. */
    public Builder progress(Consumer<String> out) {
      this.progress = out;
      return this;
    }

    /** The trainer with these options. */
    public SkipGram build() {
      return new SkipGram(this);
    }

    private static int positive(int v, String name) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be >= 1 but was " + v);
      }
      return v;
    }
  }
}
