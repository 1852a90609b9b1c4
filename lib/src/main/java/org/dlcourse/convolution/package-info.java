/**
 * Convolution written from scratch on NDArrays, as notebook 07 (convolutional networks) teaches it:
 * the sliding-window loops ({@link org.dlcourse.convolution.Convolution#loops}), the same sum as
 * one matrix product over unfolded patches ({@link org.dlcourse.convolution.Convolution#im2col}),
 * max pooling, the output-shape formula, hand-made filters (Sobel, blur) and parameter counts. The
 * tests check both implementations against DL4J's {@code ConvolutionLayer}.
 */
package org.dlcourse.convolution;
