package org.dlcourse.text;

/**
 * The unigram baseline: every character predicted from its frequency in the training text alone,
 * ignoring all context. A character model has to beat its perplexity to have learned anything about
 * order.
 *
 * <p>With add-one smoothing over {@code V} symbols, {@code p(c) = (count(c) + 1) / (N + V)}; its
 * cross-entropy on a text {@code c_1 … c_M} is {@code H = -(1/M) Σ ln p(c_i)} nats per character
 * and its perplexity {@code exp(H)}: the number of equally likely characters that would be as
 * surprising.
 *
 * <pre>{@code
 * Unigram unigram = Unigram.fit(vocab.encode(train), vocab.size());
 * double ppl = unigram.perplexity(vocab.encode(validation));
 * }</pre>
 */
public final class Unigram {

  private final double[] p; // [V], sums to 1

  private Unigram(double[] p) {
    this.p = p;
  }

  /** Counts the characters of {@code text} (indices in {@code [0, vocabSize)}), add-one. */
  public static Unigram fit(int[] text, int vocabSize) {
    if (vocabSize < 1) {
      throw new IllegalArgumentException("vocabSize must be >= 1 but was " + vocabSize);
    }
    double[] counts = new double[vocabSize];
    for (int c : text) {
      if (c < 0 || c >= vocabSize) {
        throw new IllegalArgumentException(
            "character index " + c + " is outside the vocabulary [0, " + vocabSize + ")");
      }
      counts[c]++;
    }
    double total = text.length + vocabSize;
    for (int i = 0; i < vocabSize; i++) {
      counts[i] = (counts[i] + 1) / total;
    }
    return new Unigram(counts);
  }

  /** The probability of symbol {@code c}. */
  public double probability(int c) {
    return p[c];
  }

  /** Cross-entropy {@code -(1/M) Σ ln p(c_i)} on {@code text}, in nats per character. */
  public double crossEntropy(int[] text) {
    if (text.length == 0) {
      throw new IllegalArgumentException("cross-entropy needs a non-empty text");
    }
    double sum = 0;
    for (int c : text) {
      sum -= Math.log(p[c]);
    }
    return sum / text.length;
  }

  /** Perplexity {@code exp(H)} on {@code text}. */
  public double perplexity(int[] text) {
    return Math.exp(crossEntropy(text));
  }

  @Override
  public String toString() {
    return "Unigram(" + p.length + " symbols)";
  }
}
