package org.dlcourse.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Scores analogies "a is to b as c is to d" by the vector offset of {@link Embeddings#analogy}. */
public final class Analogies {

  /**
   * One analogy's outcome.
   *
   * @param words {@code [a, b, c, d]}
   * @param guesses the {@code k} best answers, best first
   * @param rank the position of d among the guesses (1 = best), 0 if not among them
   */
  public record Row(List<String> words, List<String> guesses, int rank) {}

  /**
   * All outcomes.
   *
   * @param rows the analogies whose four words are all in the vocabulary
   * @param skipped the analogies with a word outside it
   * @param k how many guesses were looked at
   */
  public record Result(List<Row> rows, List<List<String>> skipped, int k) {

    /** Share of the scored analogies whose answer is the best guess. */
    public double top1() {
      return share(1);
    }

    /** Share of the scored analogies whose answer is among the {@code k} best guesses. */
    public double topK() {
      return share(k);
    }

    private double share(int within) {
      long hits = rows.stream().filter(r -> r.rank() >= 1 && r.rank() <= within).count();
      return rows.isEmpty() ? 0 : (double) hits / rows.size();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      for (Row r : rows) {
        List<String> w = r.words();
        s.append(
            String.format(
                Locale.ROOT,
                "%-10s : %-10s = %-10s : %-10s  guesses %s%s%n",
                w.get(0),
                w.get(1),
                w.get(2),
                w.get(3),
                r.guesses(),
                r.rank() > 0 ? "  (rank " + r.rank() + ")" : ""));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "top-1 %.3f, top-%d %.3f of %d analogies (%d skipped: a word not in the vocabulary)",
              top1(),
              k,
              topK(),
              rows.size(),
              skipped.size()));
      return s.toString();
    }
  }

  private Analogies() {}

  /** Scores each analogy of {@code analogies} ({@code [a, b, c, d]} each), looking at k guesses. */
  public static Result evaluate(Embeddings vectors, List<List<String>> analogies, int k) {
    List<Row> rows = new ArrayList<>();
    List<List<String>> skipped = new ArrayList<>();
    for (List<String> a : analogies) {
      if (vectors.known(a).size() != a.size()) {
        skipped.add(a);
        continue;
      }
      List<String> guesses =
          vectors.analogy(a.get(0), a.get(1), a.get(2), k).stream()
              .map(Embeddings.Neighbour::word)
              .toList();
      rows.add(new Row(a, guesses, guesses.indexOf(a.get(3)) + 1));
    }
    return new Result(List.copyOf(rows), List.copyOf(skipped), k);
  }
}
