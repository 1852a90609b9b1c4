package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.DatasetCorruptException;
import org.junit.jupiter.api.Test;

class BibleTextTests {

  @Test
  void aTruncatedDecodingIsRefusedNamingBothCounts() {
    List<String> lines = List.of("Ge1:1 In the beginning God created the heaven and the earth.");
    var e =
        assertThrows(
            DatasetCorruptException.class, () -> BibleText.parse(lines, Path.of("bible.data")));
    assertTrue(e.getMessage().contains("decoded 1 lines"), e.getMessage());
    assertTrue(e.getMessage().contains("31102 verses"), e.getMessage());
  }

  @Test
  void aChangedTextIsRefusedByItsChecksum() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < BibleText.VERSES; i++) {
      lines.add("X1:" + i + " not the bible");
    }
    var e =
        assertThrows(
            DatasetCorruptException.class, () -> BibleText.parse(lines, Path.of("bible.data")));
    assertTrue(e.getMessage().contains(BibleText.TEXT_SHA256), e.getMessage());
  }

  @Test
  void theDebianCopyDecodesToTheWholeBible() {
    assumeTrue(
        Files.isRegularFile(Catalogue.DEBIAN_BIBLE_KJV.resolve("bible.data"))
            && Files.isExecutable(Path.of(BibleText.PROGRAM)),
        "Debian's bible-kjv is not installed");
    List<String> verses = BibleText.verses();
    assertEquals(BibleText.VERSES, verses.size());
    assertEquals("In the beginning God created the heaven and the earth.", verses.get(0));
    assertEquals("The grace of our Lord Jesus Christ be with you all. Amen.", verses.get(31101));
  }
}
