/**
 * Class imbalance: under-represent a class by subsampling it, remedies (oversampling, class weights
 * in the loss), and metrics that see the minority (per-class recall, balanced accuracy) next to the
 * majority-class baseline whose plain accuracy looks good.
 *
 * <p>Taught in notebook 16 ({@code 16-limits-of-deep-learning}).
 */
package org.dlcourse.imbalance;
