package org.dlcourse.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Generating text from a character model, one character at a time, with a temperature.
 *
 * <p>With temperature {@code τ} the next character is drawn from {@code p_τ(c) ∝ p(c)^(1/τ) =
 * softmax(z / τ)} where {@code z = ln p} are the model's log-probabilities: {@code τ = 1} samples
 * the model itself, {@code τ < 1} sharpens it towards the most probable characters, {@code τ > 1}
 * flattens it towards uniform, and {@code τ = 0} is greedy (always the most probable).
 *
 * <pre>{@code
 * List<String> texts = Sampling.generate(net, vocab, "%\n", 300, 0.5, 16, seed);
 * }</pre>
 */
public final class Sampling {

  private Sampling() {}

  /**
   * {@code p} re-weighted by temperature {@code tau}: {@code p_i^(1/τ) / Σ_j p_j^(1/τ)}, computed
   * as a softmax of {@code ln p_i / τ} (shifted by its maximum, so no power underflows to 0/0).
   * {@code tau = 0} gives all mass to the most probable entry.
   */
  public static double[] withTemperature(double[] p, double tau) {
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("temperature must be a number >= 0 but was " + tau);
    }
    int best = argMax(p);
    double[] q = new double[p.length];
    if (tau == 0) {
      q[best] = 1;
      return q;
    }
    double max = Math.log(p[best]) / tau, sum = 0;
    for (int i = 0; i < p.length; i++) {
      q[i] = p[i] > 0 ? Math.exp(Math.log(p[i]) / tau - max) : 0;
      sum += q[i];
    }
    for (int i = 0; i < p.length; i++) {
      q[i] /= sum;
    }
    return q;
  }

  /** An index drawn with probabilities {@code p} (which must sum to 1). */
  public static int draw(double[] p, Random random) {
    double u = random.nextDouble(), cumulative = 0;
    for (int i = 0; i < p.length; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        return i;
      }
    }
    return argMax(p); // u fell into the rounding gap at the top
  }

  /**
   * {@code numSamples} texts of {@code length} characters, generated in parallel: the model reads
   * {@code prime}, then each drawn character is fed back as the next input. The network's stored
   * state is cleared before and after.
   */
  public static List<String> generate(
      MultiLayerNetwork network,
      CharVocabulary vocab,
      String prime,
      int length,
      double tau,
      int numSamples,
      long seed) {
    if (prime == null || prime.isEmpty()) {
      throw new IllegalArgumentException(
          "generation needs a non-empty prime (e.g. \"%\\n\", the start of a fortune)");
    }
    if (length < 0 || numSamples < 1) {
      throw new IllegalArgumentException(
          "length must be >= 0 and numSamples >= 1 but were " + length + ", " + numSamples);
    }
    Random random = new Random(seed);
    int[] primeIds = vocab.encode(prime);
    int v = vocab.size();
    List<StringBuilder> texts = new ArrayList<>();
    for (int i = 0; i < numSamples; i++) {
      texts.add(new StringBuilder(length));
    }
    network.rnnClearPreviousState();
    INDArray x = Nd4j.zeros(DataType.FLOAT, numSamples, v, primeIds.length); // [n, V, P]
    for (int i = 0; i < numSamples; i++) {
      for (int t = 0; t < primeIds.length; t++) {
        x.putScalar(new long[] {i, primeIds[t], t}, 1f);
      }
    }
    INDArray yHat = network.rnnTimeStep(x); // [n, V, P]: the state now holds the prime
    for (int step = 0; step < length; step++) {
      long last = yHat.size(2) - 1;
      double[][] p = // [n, V]: the next-character probabilities of each text
          yHat.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last))
              .reshape(numSamples, v)
              .toDoubleMatrix();
      INDArray next = Nd4j.zeros(DataType.FLOAT, numSamples, v, 1); // [n, V, 1]
      for (int i = 0; i < numSamples; i++) {
        int drawn = draw(withTemperature(p[i], tau), random);
        texts.get(i).append(vocab.symbol(drawn));
        next.putScalar(new long[] {i, drawn, 0}, 1f);
      }
      yHat = network.rnnTimeStep(next);
    }
    network.rnnClearPreviousState();
    return texts.stream().map(StringBuilder::toString).toList();
  }

  private static int argMax(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("an empty probability vector");
    }
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
