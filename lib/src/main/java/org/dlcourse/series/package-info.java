/**
 * Time series for forecasting: a series loaded from the data catalogue (yearly sunspot numbers),
 * supervised windows (the last {@code w} values → the next one), a train / validation / held-out
 * split by time, the naive, seasonal-naive and linear autoregressive baselines, a small LSTM
 * forecaster and forecast errors. Taught in notebook 12 ({@code 12-sequence-models}).
 *
 * <p>Layout: a window of {@code w} past values is one feature over {@code w} time steps, so {@code
 * n} windows are {@code [n, 1, w]} (DL4J's {@code [batch, features, time]}); their targets {@code
 * [n, 1]}.
 */
package org.dlcourse.series;
