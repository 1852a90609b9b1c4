package org.dlcourse.grading.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held-out text a recorded character model is judged on ({@link TextJudge}), made on the grader's
 * host only. {@code wamerican-words}: {@value #WORDS} words of 2 to 12 letters a-z drawn from
 * Debian's/Ubuntu's {@code wamerican} list ({@value #DICTIONARY}) with the grader's fixed seed,
 * joined by single spaces: the same kind of text as ps4's {@code Corpus} (3,000 other draws from
 * the same list), but not the text a test JVM trains or validates on. The bubblewrap sandbox binds
 * no {@code /usr/share}, and Gradescope's {@code setup.sh} makes the list root-only for the
 * container mode, so no test JVM reads it. The list is public, so this keeps the text out of the
 * test JVM's training, not out of a student's reach: a submission that hands over weights trained
 * elsewhere still needs an LSTM that predicts this text.
 */
final class HeldOutText {
  /** The held-out texts the judge knows. */
  static final String WAMERICAN_WORDS = "wamerican-words";

  /** The word list (package {@code wamerican}). */
  static final String DICTIONARY = "/usr/share/dict/american-english";

  /** How many words the text has (about 20,000 characters). */
  static final int WORDS = 2_000;

  /** The grader's seed for drawing them (fixed, so that a verdict can be reproduced). */
  static final long SEED = 20_261_130L;

  /** The text's alphabet: a character's index is its position here (ps4's {@code CharData}). */
  static final String ALPHABET = " abcdefghijklmnopqrstuvwxyz";

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private HeldOutText() {}

  /** The text called {@code name}, made once per grader process. */
  static String get(String name) throws IOException {
    if (!WAMERICAN_WORDS.equals(name)) {
      throw new IOException("unknown held-out text " + name + "; known: " + WAMERICAN_WORDS);
    }
    String text = CACHE.get(name);
    if (text == null) {
      text = words(Path.of(DICTIONARY));
      CACHE.put(name, text);
    }
    return text;
  }

  /** {@value #WORDS} distinct words of the list drawn with {@link #SEED}, space-separated. */
  static String words(Path dictionary) throws IOException {
    if (!Files.isReadable(dictionary)) {
      throw new IOException(
          "no word list at " + dictionary + " on the grader's machine (install wamerican)");
    }
    List<String> all =
        new ArrayList<>(
            new LinkedHashSet<>(
                Files.readAllLines(dictionary, StandardCharsets.UTF_8).stream()
                    .filter(w -> w.matches("[a-z]{2,12}"))
                    .toList()));
    if (all.size() < 10 * WORDS) {
      throw new IOException(
          dictionary
              + " has "
              + all.size()
              + " words of 2-12 letters a-z; expected tens of thousands");
    }
    Random random = new Random(SEED);
    List<String> drawn = new ArrayList<>();
    for (int k = 0; k < WORDS; k++) { // a partial Fisher-Yates shuffle: distinct words
      int j = k + random.nextInt(all.size() - k);
      String w = all.get(j);
      all.set(j, all.get(k));
      all.set(k, w);
      drawn.add(w);
    }
    return String.join(" ", drawn);
  }
}
