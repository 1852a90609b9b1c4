package org.dlcourse.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietSameDiffTests {

  @Test
  @DisplayName("SameDiff's op lines are dropped, every other line passes, System.out is restored")
  void dropsOnlyTheOpListing() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int value =
          QuietSameDiff.call(
              () -> {
                System.out.println("epoch 1");
                System.out.println("Added differentiated op matmul_3");
                System.out.print("done");
                return 42;
              });
      assertEquals(42, value);
      System.out.println(" after");
    } finally {
      System.setOut(original);
    }
    assertEquals("epoch 1\ndone after\n", captured.toString(StandardCharsets.UTF_8));
  }
}
