/**
 * Datasets: the catalogue of data files (locations tried in order, SHA-256, licence), the
 * Fashion-MNIST and tabular loaders, and the {@code Dataset} type (features, one-hot labels,
 * splits, minibatches). Taught in notebook 00 ({@code 00-setup}); minibatches and splits in
 * notebook 01 ({@code 01-why-deep-learning}).
 */
package org.dlcourse.data;
