/**
 * Gradient descent and its refinements (momentum, RMSProp, Adam) written out on 2-D points, with
 * the 2-D test functions they are run on. Introduced in the notebook on optimisers ({@code
 * 04-optimizers}); networks use the same optimisers through {@code org.dlcourse.models.Optimizers}.
 */
package org.dlcourse.optim;
