/**
 * Distribution shift: image corruptions with a strength parameter (rotation, Gaussian noise,
 * inversion, blur) and the accuracy of a trained model as the strength grows.
 *
 * <p>Taught in notebook 16 ({@code 16-limits-of-deep-learning}); the whole-pixel translation of
 * notebook 07 is {@code org.dlcourse.convolution.Shift}.
 */
package org.dlcourse.shift;
