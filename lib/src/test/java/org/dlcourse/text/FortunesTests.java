package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FortunesTests {

  @Test
  @DisplayName("a fortune file splits at lines holding only %, without underline overstrikes")
  void splitsAtPercentLines() {
    String file = "First one.\n\t-- Someone\n%\n_\bb_\bo_\bl_\bd text\n%\n%\nlast, no % at end\n";
    List<String> fortunes = Fortunes.parse(file);
    assertEquals(List.of("First one.\n -- Someone", "bold text", "last, no % at end"), fortunes);
  }

  @Test
  void joinWritesTheFilesFormatBack() {
    List<String> fortunes = List.of("a\nb", "c");
    assertEquals("a\nb\n%\nc\n%\n", Fortunes.join(fortunes));
    assertEquals(fortunes, Fortunes.parse(Fortunes.join(fortunes)));
  }

  @Test
  void wordListIsLowerCasedAndSkipsBlankLines() {
    assertEquals(
        Set.of("aachen", "apple's", "zebra"), WordList.parse("Aachen\napple's\n\nzebra\n"));
  }
}
