package org.dlcourse.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordGroupsTests {

  @Test
  void parsesGroupsAndAnalogiesSkippingCommentsAndBlankLines() {
    WordGroups g =
        WordGroups.parse(
            List.of("# groups", "", "family: father mother  son", "metals: gold silver"),
            List.of("# a b c d", "father mother son daughter"));
    assertEquals(List.of("family", "metals"), List.copyOf(g.groups().keySet()));
    assertEquals(List.of("father", "mother", "son"), g.groups().get("family"));
    assertEquals(List.of(List.of("father", "mother", "son", "daughter")), g.analogies());
    assertEquals(5, g.allWords().size());
  }

  @Test
  void aBadLineIsNamedWithWhatWasExpected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WordGroups.parse(List.of("family father mother"), List.of()));
    assertTrue(e.getMessage().contains("groups.txt line 1"), e.getMessage());
    var a =
        assertThrows(
            IllegalArgumentException.class,
            () -> WordGroups.parse(List.of(), List.of("", "father mother son")));
    assertTrue(a.getMessage().contains("line 2 must have 4 words"), a.getMessage());
    assertTrue(a.getMessage().contains("had 3"), a.getMessage());
  }

  @Test
  void aMissingFileSaysWhereItShipsFrom(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("groups.txt"), "a: b c\n");
    var e = assertThrows(IllegalStateException.class, () -> WordGroups.load(dir));
    assertTrue(e.getMessage().contains("analogies.txt is missing"), e.getMessage());
  }

  @Test
  void theCoursesSetLoadsWithSeveralGroupsAndAnalogies() {
    WordGroups g = WordGroups.load();
    assertTrue(g.groups().size() >= 8, g.toString());
    assertTrue(g.analogies().size() >= 15, g.toString());
    assertTrue(g.allWords().size() >= 60, g.toString());
  }
}
