package org.dlcourse.grading.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The grader's one way to write a file or publish a folder so that a reader (another grader, a
 * re-run, a student's tool) sees either the old content or the complete new one, never half: the
 * content goes to a temporary name in the same folder, which is then renamed into place.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes a file's content to the (already created, empty) temporary path it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes {@code file} through {@code content}, atomically: the temporary file lies beside {@code
   * file} (same file system, so the rename is atomic), is named {@code .NNN-<file's name>} (same
   * extension, for writers that add one), is created with mode 0600 (content may set another) and
   * is removed when {@code content} throws.
   */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".", "-" + file.getFileName());
    try {
      content.writeTo(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, tmp -> Files.write(tmp, bytes));
  }

  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Renames the complete folder {@code tmp} to {@code dest}; when another process published {@code
   * dest} first (a racing grader making the same folder), keeps that one and removes {@code tmp}.
   */
  public static void publishDir(Path tmp, Path dest) throws IOException {
    try {
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      FileTrees.deleteTree(tmp);
    }
  }
}
