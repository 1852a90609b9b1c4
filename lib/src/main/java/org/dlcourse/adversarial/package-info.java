/**
 * Adversarial examples: the gradient of a network's loss (or of a class score, or of an inner
 * activation) with respect to its <em>input</em>, and the attacks and the defence built on it —
 * FGSM, projected gradient descent (PGD, untargeted and toward a chosen class), random noise of the
 * same size as the baseline, and adversarial training.
 *
 * <p>Taught in notebook 09 ({@code 09-adversarial-examples}); the input gradients are reused by
 * {@code org.dlcourse.saliency} in notebook 10 ({@code 10-seeing-what-networks-learn}).
 */
package org.dlcourse.adversarial;
