/**
 * Word embeddings (notebook {@code 13-word-embeddings}): a corpus split into sentences of words
 * ({@link org.dlcourse.embeddings.Corpus}, the King James Bible through {@link
 * org.dlcourse.embeddings.BibleText}), skip-gram word2vec trained by DL4J's {@code Word2Vec}
 * ({@link org.dlcourse.embeddings.SkipGram}), the vectors with cosine similarity, nearest
 * neighbours and analogies ({@link org.dlcourse.embeddings.Embeddings}), the course's evaluation
 * set of word groups and analogies ({@link org.dlcourse.embeddings.WordGroups}), the group-margin
 * measure ({@link org.dlcourse.embeddings.GroupMargin}) and a 2-D PCA projection ({@link
 * org.dlcourse.embeddings.Pca}).
 */
package org.dlcourse.embeddings;
