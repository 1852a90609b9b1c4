package org.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTests {

  private static final History FIVE_EPOCHS =
      new History(
          List.of(0.9, 0.6, 0.5, 0.45, 0.4),
          List.of(0.70, 0.80, 0.84, 0.86, 0.871),
          List.of(0.8, 0.6, 0.55, 0.5, 0.52),
          List.of(0.72, 0.81, 0.84, 0.853, 0.85),
          List.of(2.5, 2.5, 2.5, 2.5, 2.4),
          12.4,
          4,
          false);

  @Test
  void printsOneLineSummary() {
    assertEquals(
        "History[5 epochs, train acc 0.871, val acc 0.850, 12.4 s]", FIVE_EPOCHS.toString());
    assertEquals(0.5, FIVE_EPOCHS.bestValidationLoss());
    assertEquals(0.853, FIVE_EPOCHS.bestValidationAccuracy());
    assertEquals(5, FIVE_EPOCHS.table().rowCount());
    assertTrue(FIVE_EPOCHS.html().contains("<th>val acc</th>"));
  }

  @Test
  void progressPrintsOneLinePerEpochWhenNotATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress progress = new Progress(5, 10, null, false, false, out);
    for (int batch = 1; batch <= 10; batch++) {
      progress.batch(1, batch, 0.5, 0.8, 1000);
    }
    progress.epoch(FIVE_EPOCHS);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, printed.lines().count(), printed);
    assertTrue(printed.startsWith("epoch 5/5  train loss 0.4000 acc 0.871"), printed);
  }

  @Test
  void theModelsNameTitlesTheProgressLineAndTheCurves() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new Progress(5, 10, "LeNet-5", false, false, out).epoch(FIVE_EPOCHS);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("LeNet-5 · epoch 5/5  train loss 0.4000"), printed);
    assertEquals("Plot[\"Loss · LeNet-5\", 640x400]", FIVE_EPOCHS.lossPlot("LeNet-5").toString());
    assertEquals("Plot[\"Accuracy\", 640x400]", FIVE_EPOCHS.accuracyPlot(null).toString());
  }
}
