/**
 * Text for sequence models: a character vocabulary, one-hot windows of text as DL4J reads them,
 * cross-entropy and perplexity of a character model against the unigram baseline, sampling with a
 * temperature, and statistics of generated text (distinct n-grams, real words). The corpora
 * (fortune cookies, the English word list) come from the data catalogue. Taught in notebook 12
 * ({@code 12-sequence-models}).
 *
 * <p>Layout: DL4J's recurrent layers read batch-major arrays {@code [batch, features, time]}; here
 * the features of a step are the one-hot code of a character, so a minibatch of {@code B} windows
 * of {@code T} characters over a vocabulary of {@code V} symbols is {@code [B, V, T]}.
 */
package org.dlcourse.text;
