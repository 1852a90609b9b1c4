package org.dlcourse.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ForecastingTests {

  private static final double[] X = {10, 11, 12, 13, 14, 15, 16};

  @Test
  @DisplayName("window i holds the w values before its target: features [n, 1, w], labels [n, 1]")
  void windowsHoldThePast() {
    Windows w = Windows.of(X, 3, 4, 7);
    assertArrayEquals(new long[] {3, 1, 3}, w.features().shape());
    assertArrayEquals(new long[] {3, 1}, w.labels().shape());
    assertArrayEquals(new int[] {4, 5, 6}, w.targets());
    for (int k = 0; k < 3; k++) {
      assertEquals(11 + k, w.features().getDouble(0, 0, k)); // window 0 = x_1, x_2, x_3
    }
    assertEquals(14, w.labels().getDouble(0, 0));
    assertEquals(16, w.labels().getDouble(2, 0));
    var e = assertThrows(IllegalArgumentException.class, () -> Windows.of(X, 3, 2, 7));
    assertTrue(e.getMessage().contains("needs 3 values before it"), e.getMessage());
  }

  @Test
  @DisplayName("naive repeats the last value, seasonal naive the value one period back")
  void baselines() {
    assertArrayEquals(new double[] {13, 14}, Baselines.naive(X, 4, 6), 0);
    assertArrayEquals(new double[] {11, 12}, Baselines.seasonalNaive(X, 3, 4, 6), 0);
    assertThrows(IllegalArgumentException.class, () -> Baselines.seasonalNaive(X, 5, 4, 6));
  }

  @Test
  void errors() {
    double[] truth = {1, 2, 3}, forecast = {2, 2, 0};
    assertEquals(4 / 3.0, ForecastError.mae(forecast, truth), 1e-12);
    assertEquals(Math.sqrt(10 / 3.0), ForecastError.rmse(forecast, truth), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ForecastError.mae(new double[1], truth));
  }

  @Test
  @DisplayName("least squares recovers the exact AR(2) form of a shifted sine")
  void autoregressionRecoversItsCoefficients() {
    // x_t = 3 + sin(ωt) satisfies x_t = c + 2cos(ω) x_{t-1} - x_{t-2} with c = 3 (2 - 2cos ω)
    double omega = 2 * Math.PI / 11;
    double[] x = new double[80];
    for (int t = 0; t < x.length; t++) {
      x[t] = 3 + Math.sin(omega * t);
    }
    LinearAutoregression ar = LinearAutoregression.fit(x, 2, 2, 60);
    double a1 = 2 * Math.cos(omega);
    assertArrayEquals(new double[] {3 * (2 - a1), a1, -1}, ar.coefficients(), 1e-8);
    assertArrayEquals(ForecastError.truth(x, 60, 80), ar.forecast(x, 60, 80), 1e-8);
    var e =
        assertThrows(IllegalArgumentException.class, () -> LinearAutoregression.fit(x, 2, 2, 4));
    assertTrue(e.getMessage().contains("more than window + 1 targets"), e.getMessage());
  }

  @Test
  @DisplayName("an LSTM forecaster learns a sine one step ahead far better than the naive rule")
  void lstmBeatsNaiveOnASine() {
    double[] x = new double[240];
    for (int t = 0; t < x.length; t++) {
      x[t] = Math.sin(2 * Math.PI * t / 12.0);
    }
    Windows train = Windows.of(x, 12, 12, 180), validation = Windows.of(x, 12, 180, 240);
    MultiLayerNetwork net = Forecaster.lstm(16, 0.02, 3);
    Forecaster.Result r = Forecaster.fit(net, train, validation, 20, 32, 3);
    assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 20);
    double lstm =
        ForecastError.mae(Forecaster.predict(net, validation), ForecastError.truth(x, 180, 240));
    double naive =
        ForecastError.mae(Baselines.naive(x, 180, 240), ForecastError.truth(x, 180, 240));
    assertTrue(lstm < 0.5 * naive, "LSTM MAE " + lstm + " vs naive " + naive);
    // the kept parameters are those of the best epoch
    double[] kept = Forecaster.predict(net, validation);
    double mse = 0;
    for (int i = 0; i < kept.length; i++) {
      mse += Math.pow(kept[i] - validation.labels().getDouble(i, 0), 2) / kept.length;
    }
    assertEquals(r.validationLoss().get(r.bestEpoch() - 1), mse, 1e-5);
  }
}
