package org.dlcourse.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dlcourse.recurrent.RecurrentNets.Cell;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryRaceTests {

  private final RecallTask task = RecallTask.of(2, 2);
  private final SequenceBatch train = task.sample(60, 1);
  private final SequenceBatch validation = task.sample(40, 2);
  private final SequenceBatch test = task.sample(40, 3);

  @Test
  @DisplayName("a grid of one rate is that rate, fixed beforehand: one network per seed, no choice")
  void fixedRate() {
    List<String> lines = new ArrayList<>();
    MemoryRace r =
        MemoryRace.run(
            Cell.LSTM,
            3,
            5.0,
            new double[] {0.01},
            new long[] {7, 8, 9},
            train,
            validation,
            test,
            1,
            20,
            lines::add);
    assertEquals(0.01, r.chosenRate());
    assertEquals(1, r.gridAccuracy().length);
    assertEquals(r.gridAccuracy()[0], r.curves()[0][r.curves()[0].length - 1]);
    assertEquals(3, r.testAccuracy().length);
    assertEquals(3, lines.size(), "one progress line per seed: " + lines);
    assertTrue(lines.get(2).contains("seed 3, learning rate 0.01"), lines.get(2));
  }

  @Test
  @DisplayName("the learning rate with the best validation accuracy is chosen and reused per seed")
  void choosesOnValidation() {
    double[] grid = {1e-5, 0.05};
    List<String> lines = new ArrayList<>();
    MemoryRace r =
        MemoryRace.run(
            Cell.SIMPLE_RNN,
            4,
            5.0,
            grid,
            new long[] {7, 8},
            train,
            validation,
            test,
            2,
            10,
            lines::add);
    assertEquals(2, r.gridAccuracy().length);
    int best = r.gridAccuracy()[1] > r.gridAccuracy()[0] ? 1 : 0; // 1e-5 cannot solve it
    assertEquals(grid[best], r.chosenRate());
    // seed 1's curve at the chosen rate is the grid run's, and its last value the grid's score
    assertEquals(r.gridAccuracy()[best], r.curves()[0][1]);
    assertEquals(2, r.curves().length);
    assertEquals(2, r.curves()[1].length);
    assertEquals(2, r.testAccuracy().length);
    // the first network is the grid's best: its test accuracy is the first seed's
    assertEquals(r.testAccuracy()[0], SequenceTraining.accuracy(r.firstNetwork(), test), 1e-9);
    assertEquals(3, lines.size(), "one progress line per trained network: " + lines);
    assertTrue(lines.get(2).contains("seed 2"), lines.get(2));
    assertArrayEquals(grid, r.learningRates());
  }

  @Test
  @DisplayName("grid choice: solved beats unsolved, then fewer epochs; unsolved: higher accuracy")
  void betterCurve() {
    double[] solvedLate = {0.3, 0.6, 0.9, 1.0}, solvedEarly = {0.4, 0.8, 0.995};
    double[] unsolvedHigh = {0.5, 0.98}, unsolvedLow = {0.5, 0.7};
    assertTrue(MemoryRace.better(solvedEarly, solvedLate));
    assertTrue(!MemoryRace.better(solvedLate, solvedEarly));
    assertTrue(MemoryRace.better(solvedLate, unsolvedHigh));
    assertTrue(!MemoryRace.better(unsolvedHigh, solvedLate));
    assertTrue(MemoryRace.better(unsolvedHigh, unsolvedLow));
    assertTrue(!MemoryRace.better(unsolvedLow, unsolvedHigh));
    assertTrue(!MemoryRace.better(solvedEarly, solvedEarly.clone()), "a tie keeps the first");
  }

  @Test
  @DisplayName("mean, spread and worst seed of the test accuracies")
  void summaries() {
    var r =
        new MemoryRace(
            Cell.LSTM,
            2,
            new double[] {0.01},
            new double[] {1},
            0.01,
            new double[0][],
            new double[] {0.5, 1.0, 0.75},
            10,
            null);
    assertEquals(0.75, r.meanTest(), 1e-12);
    assertEquals(0.5, r.spreadTest(), 1e-12);
    assertEquals(0.5, r.worstTest(), 1e-12);
  }

  @Test
  @DisplayName("an empty grid or no seeds is rejected, naming what was given")
  void rejectsEmpty() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MemoryRace.run(
                    Cell.LSTM,
                    4,
                    5.0,
                    new double[0],
                    new long[] {1},
                    train,
                    validation,
                    test,
                    1,
                    10));
    assertTrue(e.getMessage().contains("at least one learning rate"), e.getMessage());
  }
}
