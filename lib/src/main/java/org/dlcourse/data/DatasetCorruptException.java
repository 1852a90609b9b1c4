package org.dlcourse.data;

import java.nio.file.Path;

/**
 * A data file exists but is truncated or damaged: bad gzip data, a wrong IDX magic number, sizes
 * that disagree, or a checksum that does not match the {@link Catalogue}.
 *
 * <p>Nothing is half-loaded: the loader throws this before returning any data.
 */
public final class DatasetCorruptException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** A corrupt-file error naming the {@code file} and what is wrong with it. */
  public DatasetCorruptException(Path file, String problem) {
    super(file + " is corrupt: " + problem);
    this.file = file;
  }

  /** A corrupt-file error with the exception that revealed it (e.g. a gzip error). */
  public DatasetCorruptException(Path file, String problem, Throwable cause) {
    super(file + " is corrupt: " + problem, cause);
    this.file = file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
