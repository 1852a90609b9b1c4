/**
 * Recurrent networks: a plain RNN cell written from scratch (forward through time and
 * backpropagation through time), a GRU layer for DL4J (which has none) with a hand-written
 * reference, fast layers that compute exactly DL4J's plain RNN and LSTM ({@link
 * org.dlcourse.recurrent.PlainRnn}, {@link org.dlcourse.recurrent.Lstm}), ready-made recurrent
 * classifiers and taggers, and the gradient that reaches each earlier time step. Taught in notebook
 * 11 ({@code 11-recurrent-networks}).
 *
 * <p>Layout: DL4J's batch-major {@code [batch, features, time]} throughout; {@code x_t} below is
 * the slice {@code x[:, :, t]}, of shape {@code [batch, features]}.
 */
package org.dlcourse.recurrent;
