/**
 * Shortcut learning: a spurious cue (a small bright mark in a corner) planted in a training set so
 * that it correlates with one class; the same data with the cue removed or reversed; and how much
 * of a saliency map falls on the cue.
 *
 * <p>Taught in notebook 16 ({@code 16-limits-of-deep-learning}); saliency maps come from {@code
 * org.dlcourse.saliency.Saliency} (notebook 10).
 */
package org.dlcourse.shortcuts;
