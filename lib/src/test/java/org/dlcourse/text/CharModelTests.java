package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.recurrent.RecurrentNets;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class CharModelTests {

  /** "abcd" repeated: each character fully determines the next. */
  private static final String PERIODIC = "abcd".repeat(200);

  @Test
  @DisplayName("our cross-entropy per character equals DL4J's score divided by T")
  void crossEntropyMatchesDl4jScore() {
    CharVocabulary vocab = CharVocabulary.of("abcdefg", 1);
    int[] text = vocab.encode("gfedcbaabcdefgaceg".repeat(3));
    TextWindows windows = TextWindows.of(text, vocab.size(), 6);
    MultiLayerNetwork net =
        RecurrentNets.tagger(Cell.LSTM, vocab.size(), 8, vocab.size(), false, 1);
    DataSet batch = windows.batch(new int[] {0, 5, 11});
    double ours = CharModel.crossEntropy(net, List.of(batch));
    assertEquals(net.score(batch) / 6, ours, 1e-4);
    assertEquals(Math.exp(ours), CharModel.perplexity(net, List.of(batch)), 1e-9);
    // an untrained network is close to uniform over the 8 symbols: ln 8 = 2.08
    assertEquals(Math.log(8), ours, 0.3);
  }

  @Test
  @DisplayName("a character LSTM learns a periodic text, and greedy sampling continues it")
  void learnsAndContinuesAPattern() {
    CharVocabulary vocab = CharVocabulary.of(PERIODIC, 1);
    int[] text = vocab.encode(PERIODIC);
    TextWindows train = TextWindows.of(text, vocab.size(), 8);
    List<DataSet> validation = TextWindows.of(text, vocab.size(), 8).consecutive(32);
    MultiLayerNetwork net =
        RecurrentNets.tagger(Cell.LSTM, vocab.size(), 16, vocab.size(), false, 7);
    CharTraining.Result r = CharTraining.fit(net, train, validation, 3, 30, 16, 7);
    assertEquals(3, r.validationLoss().size());
    double unigram = Unigram.fit(text, vocab.size()).crossEntropy(text); // ln 4 plus smoothing
    assertTrue(
        r.lastValidationLoss() < 0.2 * unigram,
        "validation loss " + r.lastValidationLoss() + " vs unigram " + unigram);
    List<String> greedy = Sampling.generate(net, vocab, "ab", 10, 0.0, 2, 1);
    assertEquals(List.of("cdabcdabcd", "cdabcdabcd"), greedy);
    List<String> hot = Sampling.generate(net, vocab, "ab", 200, 50.0, 1, 1);
    assertTrue(
        TextStatistics.distinct(List.of(hot.get(0).split("")), 4) > 0.5,
        "at temperature 50 the text should be nearly random: " + hot.get(0));
  }
}
