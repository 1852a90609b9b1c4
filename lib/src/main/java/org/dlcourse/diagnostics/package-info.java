/**
 * Per-layer health of a network: gradient norms, activation statistics and dead units ({@link
 * org.dlcourse.diagnostics.LayerStats}), and why ReLU units are dead at initialisation ({@link
 * org.dlcourse.diagnostics.DeadUnits}). Taught in the notebook on making deep networks trainable
 * ({@code 05-deep-networks}).
 */
package org.dlcourse.diagnostics;
