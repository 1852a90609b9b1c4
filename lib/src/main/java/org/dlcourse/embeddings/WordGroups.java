package org.dlcourse.embeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlcourse.data.DataLocations;

/**
 * The course's evaluation set for word vectors: groups of words that belong together (family,
 * numbers, places, …) and analogies ("father is to son as mother is to daughter"). Written for the
 * course and kept in {@code datasets/word-groups/} ({@code groups.txt}, {@code analogies.txt}).
 *
 * <p>File formats (lines starting with {@code #} and blank lines are skipped): {@code groups.txt}
 * has {@code name: word word word …} per line; {@code analogies.txt} has four words {@code a b c d}
 * per line, read "a is to b as c is to d".
 *
 * @param groups group name → its words, in file order
 * @param analogies each {@code [a, b, c, d]}
 */
public record WordGroups(Map<String, List<String>> groups, List<List<String>> analogies) {

  /** The folder of the evaluation set inside the course repository. */
  public static final String FOLDER = "datasets/word-groups";

  /** Copies both. */
  public WordGroups {
    Map<String, List<String>> g = new LinkedHashMap<>();
    groups.forEach((k, v) -> g.put(k, List.copyOf(v)));
    groups = java.util.Collections.unmodifiableMap(g);
    analogies = analogies.stream().map(List::copyOf).toList();
  }

  /** The course's set, from {@code datasets/word-groups/} of the course repository. */
  public static WordGroups load() {
    Path home =
        DataLocations.courseHome()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "could not find the course repository (a folder with datasets/README.md)"
                            + " for "
                            + FOLDER
                            + "; run from inside it or set DLCOURSE_HOME to it"));
    return load(home.resolve(FOLDER));
  }

  /** The set in {@code dir} ({@code groups.txt} and {@code analogies.txt}). */
  public static WordGroups load(Path dir) {
    return parse(read(dir.resolve("groups.txt")), read(dir.resolve("analogies.txt")));
  }

  /**
   * Parses the two files' lines.
   *
   * @throws IllegalArgumentException naming the line and what was expected
   */
  public static WordGroups parse(List<String> groupLines, List<String> analogyLines) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (int i = 0; i < groupLines.size(); i++) {
      String line = groupLines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      List<String> words = colon < 0 ? List.of() : split(line.substring(colon + 1));
      if (colon < 1 || words.size() < 2) {
        throw new IllegalArgumentException(
            "groups.txt line "
                + (i + 1)
                + " must be \"name: word word …\" with at least two words but was \""
                + line
                + "\"");
      }
      groups.put(line.substring(0, colon).strip(), words);
    }
    List<List<String>> analogies = new ArrayList<>();
    for (int i = 0; i < analogyLines.size(); i++) {
      String line = analogyLines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = split(line);
      if (words.size() != 4) {
        throw new IllegalArgumentException(
            "analogies.txt line "
                + (i + 1)
                + " must have 4 words \"a b c d\" (a is to b as c is to d) but had "
                + words.size()
                + ": \""
                + line
                + "\"");
      }
      analogies.add(words);
    }
    return new WordGroups(groups, analogies);
  }

  /** Every word of every group. */
  public List<String> allWords() {
    List<String> all = new ArrayList<>();
    groups.values().forEach(all::addAll);
    return all;
  }

  @Override
  public String toString() {
    return "WordGroups("
        + groups.size()
        + " groups, "
        + allWords().size()
        + " words, "
        + analogies.size()
        + " analogies)";
  }

  private static List<String> split(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }

  private static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "the evaluation file "
              + file
              + " is missing; it ships with the course in "
              + FOLDER
              + " (restore it with git checkout -- "
              + FOLDER
              + ")");
    }
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
