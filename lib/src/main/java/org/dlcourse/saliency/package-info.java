/**
 * Seeing what a network learned: saliency maps (the gradient of a class score with respect to the
 * input), occlusion sensitivity (the score drop when a patch is hidden), their agreement measured
 * by rank correlation, and activation maximisation (optimising an input for a class or an inner
 * unit, with blur, L2 and jitter as regularisers; DeepDream-style amplification of a real image).
 *
 * <p>Taught in notebook 10 ({@code 10-seeing-what-networks-learn}); the input gradients come from
 * {@code org.dlcourse.adversarial.InputGradients} (notebook 09).
 */
package org.dlcourse.saliency;
