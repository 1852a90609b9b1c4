/**
 * Per-layer statistics of a network (activation spread, gradient norms, dead units) that show why
 * deep networks are hard to train. Taught in notebook 05 ({@code 05-deep-networks}).
 */
package org.dlcourse.diagnostics;
