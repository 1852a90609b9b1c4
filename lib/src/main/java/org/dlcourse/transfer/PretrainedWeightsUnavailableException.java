package org.dlcourse.transfer;

import java.nio.file.Path;

/**
 * DL4J's pre-trained weights for a zoo model are not on this machine, and the library did not try
 * to download them (their download address has been dead since November 2024). The message names
 * the file DL4J looks for and what to do instead.
 */
public final class PretrainedWeightsUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path expectedFile;

  /** An error naming the weights file DL4J's zoo expects and the fix. */
  public PretrainedWeightsUnavailableException(String message, Path expectedFile) {
    super(message);
    this.expectedFile = expectedFile;
  }

  /** Where DL4J's zoo looks for the weights file. */
  public Path expectedFile() {
    return expectedFile;
  }
}
