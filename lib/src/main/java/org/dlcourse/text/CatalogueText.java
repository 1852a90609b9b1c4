package org.dlcourse.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.Catalogue.Entry;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.DataLocations;

/** Reads a catalogue entry's text files after checking each one's size and SHA-256. */
final class CatalogueText {

  private CatalogueText() {}

  /**
   * File id → text (UTF-8) of every file of {@code entry}, in catalogue order.
   *
   * @throws org.dlcourse.data.DatasetMissingException listing where it looked and the fix
   * @throws org.dlcourse.data.DatasetCorruptException naming a file whose size or SHA-256 differs
   */
  static Map<String, String> read(Entry entry) {
    DataLocations.Found found = DataLocations.find(entry);
    Map<String, String> texts = new LinkedHashMap<>();
    for (DataFile file : entry.files()) {
      Path path = found.file(file.id());
      // The files are small (< 1 MB): the full SHA-256 on every load costs a few milliseconds.
      Checksums.verify(path, file);
      texts.put(file.id(), readUtf8(path));
    }
    return texts;
  }

  static String readUtf8(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    }
  }
}
