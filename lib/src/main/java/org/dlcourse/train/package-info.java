/**
 * Training and evaluation: {@code Trainer} (minibatch epochs, early stopping, live progress),
 * {@code History} (per-epoch metrics) and {@code Evaluation} (accuracy, loss, confusion matrix).
 * Taught in notebook 01 ({@code 01-why-deep-learning}) and used by every later lesson; {@code
 * Progress.steps} shows progress in any long loop.
 */
package org.dlcourse.train;
