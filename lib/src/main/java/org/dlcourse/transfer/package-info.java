/**
 * Transfer learning: reuse a network trained on one task (the source) for another (the target) by
 * replacing its head and freezing or fine-tuning its layers ({@link
 * org.dlcourse.transfer.Transfer}); few-label training sets ({@link
 * org.dlcourse.transfer.FewLabels}); bilinear resizing of small images to a network's input size
 * ({@link org.dlcourse.transfer.Resize}); DL4J's model zoo offline ({@link
 * org.dlcourse.transfer.Pretrained}). Saved source models live in {@link
 * org.dlcourse.models.ModelStore}. Taught in notebook 08 ({@code 08-transfer-learning}).
 */
package org.dlcourse.transfer;
