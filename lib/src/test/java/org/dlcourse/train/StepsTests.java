package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StepsTests {

  @Test
  void aLogGetsOneLinePerQuarterAndAFinalLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Steps steps = new Steps("batch-norm network", 8, false, false, out);
    for (int i = 0; i < 8; i++) {
      steps.step(i == 7 ? "loss 0.41" : null);
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
    // the start, then 2/8, 4/8, 6/8 and 8/8
    assertEquals(5, lines.length, String.join("\n", lines));
    assertTrue(lines[0].startsWith("batch-norm network: 0/8"), lines[0]);
    assertTrue(lines[1].startsWith("batch-norm network: 2/8"), lines[1]);
    assertTrue(lines[1].contains("left"), lines[1]);
    assertTrue(lines[4].startsWith("batch-norm network: 8/8 (loss 0.41)"), lines[4]);
    assertTrue(lines[4].endsWith("done"), lines[4]);
    assertEquals(8, steps.done());
  }

  @Test
  void theNumberOfStepsMustBePositive() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new Steps("x", 0, false, false, System.out));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
