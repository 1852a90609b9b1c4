import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlcourse.Seed;
import org.dlcourse.recurrent.RecurrentNets;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.dlcourse.text.CharTraining;
import org.dlcourse.text.CharVocabulary;
import org.dlcourse.text.Fortunes;
import org.dlcourse.text.TextWindows;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The character LSTM of notebook 12 (full mode), as a student builds and trains it.
 *
 * <p>Corpus and vocabulary as in the notebook: the fortunes (catalogue entry {@code fortunes})
 * shuffled with {@code Seed.derive(1)}, 90% for training, every character seen at least 5 times in
 * the training text ({@code V} symbols with the unknown one). Model: {@code
 * RecurrentNets.tagger(Cell.LSTM, V, 128, V, false, seed)}: one-hot {@code [B, V, T]} -> LSTM(128)
 * -> softmax over V at every step, Adam lr 0.01, Xavier init, gradients clipped element-wise at 1.
 * A step is one minibatch of {@value #BATCH} random windows of {@value #SEQ_LENGTH} characters
 * (one-hot built per step, as {@code TextWindows.randomBatch} does); one sample = one window.
 */
final class CharLstmBench implements Bench.Workload {

  static final int BATCH = 64;
  static final int SEQ_LENGTH = 64;
  static final int HIDDEN = 128;

  private final TextWindows train;
  private final List<DataSet> validation; // one window: CharTraining.fit evaluates after the epoch
  private final MultiLayerNetwork network;

  private CharLstmBench(int[] trainIds, int[] validationIds, int vocabSize) {
    this.train = TextWindows.of(trainIds, vocabSize, SEQ_LENGTH);
    this.validation =
        TextWindows.of(Arrays.copyOf(validationIds, SEQ_LENGTH + 1), vocabSize, SEQ_LENGTH)
            .consecutive(1);
    this.network =
        RecurrentNets.tagger(Cell.LSTM, vocabSize, HIDDEN, vocabSize, false, Seed.derive(2));
  }

  static CharLstmBench load() {
    Corpus c = corpus();
    return new CharLstmBench(
        c.vocab.encode(c.trainText), c.vocab.encode(c.validationText), c.vocab.size());
  }

  /** Notebook 12's split and vocabulary. */
  record Corpus(String trainText, String validationText, CharVocabulary vocab) {}

  static Corpus corpus() {
    List<String> fortunes = new ArrayList<>(Fortunes.load());
    Collections.shuffle(fortunes, new Random(Seed.derive(1)));
    int numValidation = fortunes.size() / 10;
    String validationText = Fortunes.join(fortunes.subList(0, numValidation));
    String trainText = Fortunes.join(fortunes.subList(numValidation, fortunes.size()));
    return new Corpus(trainText, validationText, CharVocabulary.of(trainText, 5));
  }

  /**
   * Writes the encoded training text for torch_ref.py: int32 V, int32 n, then n bytes (one index
   * per character, big-endian ints as DataOutputStream writes them).
   */
  static void export(Path file) throws IOException {
    Corpus c = corpus();
    int[] ids = c.vocab.encode(c.trainText);
    if (c.vocab.size() > 256) {
      throw new IllegalStateException(
          "the vocabulary has " + c.vocab.size() + " symbols; the export holds one byte per index");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(c.vocab.size());
      out.writeInt(ids.length);
      for (int id : ids) {
        out.writeByte(id);
      }
    }
    System.out.printf("wrote %s: V = %d, %,d characters%n", file, c.vocab.size(), ids.length);
  }

  /**
   * Writes the untrained network's parameters, a batch of 4 windows, DL4J's loss on it (summed over
   * T, mean over the batch) and the loss after one {@code fit} on it, for torch_seq_gan.py to redo.
   */
  static void check(Path file) throws IOException {
    CharLstmBench b = load();
    MultiLayerNetwork net = b.network;
    DataSet batch = b.train.batch(new int[] {0, 1_000, 2_000, 3_000}); // [4, V, T] one-hot
    Tensors t = new Tensors();
    t.put("W", net.getParam("0_W")).put("RW", net.getParam("0_RW")).put("b", net.getParam("0_b"));
    t.put("outW", net.getParam("1_W")).put("outb", net.getParam("1_b"));
    t.put("features", batch.getFeatures()).put("labels", batch.getLabels());
    t.put("loss before the step", net.score(batch));
    net.fit(batch);
    t.put("loss after one Adam step", net.score(batch));
    t.write(file);
  }

  @Override
  public int batchSize() {
    return BATCH;
  }

  @Override
  public String unit() {
    return "sequences";
  }

  @Override
  public long trainableParams() {
    return Bench.trainableParams(network);
  }

  @Override
  public LongConsumer pass(String path, int steps) {
    return switch (path) {
        // as notebook 12: one "epoch" of `steps` minibatches, then the validation loss (one window)
      case "course" -> seed -> CharTraining.fit(network, train, validation, 1, steps, BATCH, seed);
      case "plain" ->
          seed -> {
            Random random = new Random(seed);
            for (int s = 0; s < steps; s++) {
              network.fit(train.randomBatch(BATCH, random));
            }
          };
      default -> throw new IllegalArgumentException("path must be course or plain: " + path);
    };
  }
}
