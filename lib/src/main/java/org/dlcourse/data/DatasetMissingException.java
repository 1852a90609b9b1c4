package org.dlcourse.data;

/**
 * A data set's files were not found in any of the places the {@link Catalogue} lists.
 *
 * <p>The message lists every place that was searched and the one command that installs the data.
 */
public final class DatasetMissingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A missing-data error with a message that says where we looked and how to fix it. */
  public DatasetMissingException(String message) {
    super(message);
  }
}
