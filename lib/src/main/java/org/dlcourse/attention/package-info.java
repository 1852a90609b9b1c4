/**
 * Attention from scratch and in DL4J: scaled dot-product attention on NDArrays, the weights of a
 * trained {@code SelfAttentionLayer} recomputed from its parameters, a key-value retrieval task
 * that needs attention, and a one-line model builder. Taught in notebook 14 ({@code 14-attention}).
 *
 * <p>Layout: DL4J's batch-major recurrent layout {@code [batch, features, time]} throughout, so a
 * query, key or value for one position is a column. Attention weights are {@code [batch, keys,
 * queries]}: column {@code j} of example {@code b} is the distribution over key positions that
 * query {@code j} reads, and it sums to 1.
 */
package org.dlcourse.attention;
