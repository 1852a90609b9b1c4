package org.dlcourse.embeddings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.DataLocations;
import org.dlcourse.data.DatasetCorruptException;

/**
 * The King James Bible's verses, read from Debian's compressed copy ({@link Catalogue#BIBLE_KJV})
 * by Debian's {@code bible} program, which is the only reader of that format.
 *
 * <p>Checks, so that nothing is half-loaded: both data files' sizes (the catalogue), the number of
 * verses (31,102) and the SHA-256 of the decoded text ({@link #TEXT_SHA256}).
 */
public final class BibleText {

  /** Verses in the King James Bible, Genesis 1:1 to Revelation 22:21. */
  public static final int VERSES = 31_102;

  /** SHA-256 of the decoded text as {@code bible -f gen1:1-rev22:21} prints it (UTF-8). */
  public static final String TEXT_SHA256 =
      "cd45f0c9cedab8e4439bd6486c8952c77cc8b0ecc5d1f6ae3513f2039f47229d";

  /** The program that decodes the text (Debian package {@code bible-kjv}). */
  static final String PROGRAM = "/usr/bin/bible";

  private BibleText() {}

  /** Every verse's text, without its reference, in canonical order. */
  public static List<String> verses() {
    DataLocations.Found found = DataLocations.find(Catalogue.BIBLE_KJV);
    for (Catalogue.DataFile file : Catalogue.BIBLE_KJV.files()) {
      Checksums.checkSize(found.file(file.id()), file);
    }
    return parse(decode(found.location().dir()), found.file("text"));
  }

  /** Runs {@code bible} on the files in {@code dir}: one line "Ge1:1 In the beginning …" each. */
  static List<String> decode(Path dir) {
    if (!Files.isExecutable(Path.of(PROGRAM))) {
      throw new IllegalStateException(
          "the Bible text is in "
              + dir
              + " but its reader "
              + PROGRAM
              + " is missing; install it with: sudo apt-get install bible-kjv");
    }
    ProcessBuilder pb =
        new ProcessBuilder(PROGRAM, "-p", dir.toString(), "-f", "gen1:1-rev22:21")
            .redirectErrorStream(true);
    List<String> lines = new ArrayList<>();
    try {
      Process p = pb.start();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            PROGRAM
                + " failed on "
                + dir
                + ": "
                + (lines.isEmpty() ? "no output" : lines.get(0))
                + "; reinstall with: sudo apt-get install --reinstall bible-kjv bible-kjv-text");
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + PROGRAM + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the Bible text", e);
    }
    return lines;
  }

  /**
   * The verse texts of {@code lines}, after checking their number and checksum.
   *
   * @throws DatasetCorruptException naming the expected and actual verse count or checksum
   */
  static List<String> parse(List<String> lines, Path source) {
    if (lines.size() != VERSES) {
      throw new DatasetCorruptException(
          source,
          "decoded "
              + lines.size()
              + " lines but the King James Bible has "
              + VERSES
              + " verses; reinstall with: sudo apt-get install --reinstall bible-kjv-text");
    }
    String sha = sha256(String.join("\n", lines) + "\n");
    if (!sha.equals(TEXT_SHA256)) {
      throw new DatasetCorruptException(
          source,
          "the decoded text has SHA-256 "
              + sha
              + " but "
              + TEXT_SHA256
              + " was expected; reinstall with: sudo apt-get install --reinstall bible-kjv-text");
    }
    List<String> verses = new ArrayList<>(lines.size());
    for (String line : lines) {
      int space = line.indexOf(' ');
      verses.add(space < 0 ? "" : line.substring(space + 1));
    }
    return verses;
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
