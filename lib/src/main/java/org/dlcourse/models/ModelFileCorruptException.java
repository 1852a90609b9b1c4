package org.dlcourse.models;

import java.nio.file.Path;

/**
 * A saved model file exists but cannot be trusted: its SHA-256 does not match the one recorded when
 * it was saved, its checksum file is missing or unreadable, or it is not a model at all.
 *
 * <p>Nothing is half-loaded: {@link ModelStore} throws this before it parses the file.
 */
public final class ModelFileCorruptException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** An error naming the damaged {@code file} and what is wrong with it. */
  public ModelFileCorruptException(Path file, String problem) {
    super(file + " is corrupt: " + problem);
    this.file = file;
  }

  /** The same, with the exception that revealed the damage. */
  public ModelFileCorruptException(Path file, String problem, Throwable cause) {
    super(file + " is corrupt: " + problem, cause);
    this.file = file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
