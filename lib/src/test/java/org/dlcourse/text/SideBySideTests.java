package org.dlcourse.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SideBySideTests {

  @Test
  @DisplayName("texts are wrapped at the width and padded into columns")
  void columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("A", "abcdef\ngh");
    columns.put("B", "x");
    assertEquals(
        "A    │ B\n──── │ ────\nabcd │ x\nef   │\ngh   │\n", SideBySide.format(columns, 4));
    assertEquals(List.of("ab", "c", "", "d"), SideBySide.wrap("abc\n\nd", 2));
  }
}
