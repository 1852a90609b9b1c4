/**
 * Sequences as DL4J wants them: padding and masks, synthetic tasks that need memory or look-ahead,
 * and a training loop that respects the masks. Taught in notebook 11 ({@code
 * 11-recurrent-networks}).
 *
 * <p>Layout: DL4J's recurrent layers read <b>batch-major</b> arrays {@code [batch, features, time]}
 * (its {@code NCW} format); masks are {@code [batch, time]} with 1 for a real step and 0 for
 * padding. Sequences shorter than the longest one in a batch are padded <b>at the end</b>.
 */
package org.dlcourse.sequence;
