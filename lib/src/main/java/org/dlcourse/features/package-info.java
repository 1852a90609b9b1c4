/**
 * Hand-crafted features (edge-orientation histograms), the baseline that learned representations
 * are measured against in notebook 01 ({@code 01-why-deep-learning}).
 */
package org.dlcourse.features;
