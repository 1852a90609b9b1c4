/**
 * Generative adversarial networks: the training loop DL4J lacks, and distances that say whether
 * generated samples look like the data. Taught in notebook 15 ({@code
 * 15-generative-adversarial-networks}).
 *
 * <ul>
 *   <li>{@link org.dlcourse.generative.GanNets}: one-line generator and discriminator networks.
 *   <li>{@link org.dlcourse.generative.Gan}: alternating updates, both losses per step, samples
 *       from fixed noise every few steps ({@link org.dlcourse.generative.GanHistory}); against mode
 *       collapse, packing and the minibatch-std feature ({@link
 *       org.dlcourse.generative.MinibatchStd}).
 *   <li>{@link org.dlcourse.generative.Mmd}, {@link org.dlcourse.generative.Wasserstein}: distances
 *       between low-dimensional samples; {@link org.dlcourse.generative.Frechet}: between feature
 *       sets of images; {@link org.dlcourse.generative.ClassCoverage}: which classes a classifier
 *       sees in samples; {@link org.dlcourse.generative.Ring}: a mixture of Gaussians on a circle
 *       and how many of its modes samples cover; {@link org.dlcourse.generative.Mixture}: the same
 *       measures for any mixture (e.g. the 5 x 5 grid) at a chosen share per mode.
 * </ul>
 */
package org.dlcourse.generative;
