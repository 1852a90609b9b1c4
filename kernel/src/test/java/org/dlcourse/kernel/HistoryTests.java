package org.dlcourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTests {

  private static List<String> inputs(List<History.Entry> entries) {
    return entries.stream().map(History.Entry::input).toList();
  }

  @Test
  void tailRangeAndSearchOfOneSession() {
    History history = new History(null);
    history.add(1, "6*7", "42");
    history.add(2, "int a = 1;", null);
    history.add(3, "6*7", "42");
    history.add(4, "6+7", "13");
    assertEquals(List.of("6*7", "6+7"), inputs(history.tail(2)));
    assertEquals(List.of("int a = 1;", "6*7"), inputs(history.range(0, 2, 4)));
    assertEquals(List.of("int a = 1;", "6*7", "6+7"), inputs(history.range(1, 2, 0)));
    assertEquals(List.of("6*7", "6*7", "6+7"), inputs(history.search("6?7*", 0, false)));
    assertEquals(List.of("6*7", "6+7"), inputs(history.search("6?7", 0, true)));
    assertEquals(List.of("6+7"), inputs(history.search("6?7", 1, false)));
    assertEquals(List.of("int a = 1;"), inputs(history.search("int [a-c] *", 0, false)));
    assertEquals(List.of("6+7"), inputs(history.search("6[^*]7", 0, false)));
    assertNull(history.tail(3).get(0).output());
  }

  @Test
  void aRestartedKernelIsANewSessionThatSeesTheOldCells(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.jsonl");
    History first = new History(file);
    first.add(1, "String s = \"line\\nbreak\";", null);
    first.add(2, "1 + 1", "2");
    Files.writeString(file, "{\"session\": 1, \"li\n", StandardOpenOption.APPEND); // a crash
    History second = new History(file);
    assertEquals(first.session() + 1, second.session());
    assertEquals(List.of("String s = \"line\\nbreak\";", "1 + 1"), inputs(second.range(-1, 1, 0)));
    assertEquals("2", second.tail(1).get(0).output());
    assertTrue(second.range(0, 1, 0).isEmpty());
  }

  @Test
  void memoryOnlyHistoryWritesNoFile(@TempDir Path dir) {
    History history = new History(null);
    history.add(1, "1", "1");
    assertEquals(1, history.session());
    assertFalse(Files.exists(dir.resolve("history.jsonl")));
  }
}
