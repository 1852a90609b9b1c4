package org.dlcourse.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzipped or not.
 *
 * <p>An IDX file is a big-endian header followed by raw unsigned bytes:
 *
 * <pre>
 * images (idx3): magic 0x00000803, count, rows, columns, then count * rows * columns pixels 0..255
 * labels (idx1): magic 0x00000801, count, then count labels
 * </pre>
 *
 * <p>The whole file is read and checked before anything is returned: a gzip stream that ends early
 * or fails its CRC-32, a wrong magic number, or a length that disagrees with the header is a {@link
 * DatasetCorruptException} naming the file. Reading is one bulk read into a byte array.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /**
   * Images from an idx3 file.
   *
   * @param count number of images
   * @param rows height of each image in pixels
   * @param columns width of each image in pixels
   * @param pixels {@code count * rows * columns} unsigned bytes, row-major {@code [count, rows,
   *     columns]}; read a pixel as {@code pixels[i] & 0xFF}
   */
  public record Images(int count, int rows, int columns, byte[] pixels) {}

  /**
   * Labels from an idx1 file.
   *
   * @param count number of labels
   * @param labels {@code count} unsigned bytes, one class index per example
   */
  public record Labels(int count, byte[] labels) {}

  /** Reads an idx3 images file (gzipped if its name or content says so). */
  public static Images readImages(Path file) {
    byte[] bytes = readAll(file);
    ByteBuffer header = header(file, bytes, 16, IMAGES_MAGIC, "images (idx3)");
    int count = header.getInt(4);
    int rows = header.getInt(8);
    int columns = header.getInt(12);
    if (count < 0 || rows <= 0 || columns <= 0) {
      throw new DatasetCorruptException(
          file, "the header says " + count + " images of " + rows + "x" + columns + " pixels");
    }
    long expected = 16L + (long) count * rows * columns;
    checkLength(file, bytes, expected, count + " images of " + rows + "x" + columns + " pixels");
    byte[] pixels = new byte[(int) (expected - 16)];
    System.arraycopy(bytes, 16, pixels, 0, pixels.length);
    return new Images(count, rows, columns, pixels);
  }

  /** Reads an idx1 labels file (gzipped if its content says so). */
  public static Labels readLabels(Path file) {
    byte[] bytes = readAll(file);
    ByteBuffer header = header(file, bytes, 8, LABELS_MAGIC, "labels (idx1)");
    int count = header.getInt(4);
    if (count < 0) {
      throw new DatasetCorruptException(file, "the header says " + count + " labels");
    }
    checkLength(file, bytes, 8L + count, count + " labels");
    byte[] labels = new byte[count];
    System.arraycopy(bytes, 8, labels, 0, count);
    return new Labels(count, labels);
  }

  /**
   * The file's content, decompressed if it starts with the gzip magic bytes {@code 1f 8b}.
   *
   * <p>Reading a gzip stream to its end also checks its CRC-32 and length trailer, so a damaged or
   * truncated download is caught here.
   */
  static byte[] readAll(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
          return in.readAllBytes();
        }
      }
      return raw.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new DatasetMissingException(file + " does not exist");
    } catch (EOFException e) {
      throw new DatasetCorruptException(
          file, "the gzip data ends early (truncated file; delete it and fetch it again)", e);
    } catch (ZipException e) {
      throw new DatasetCorruptException(
          file, "bad gzip data (" + e.getMessage() + "; delete it and fetch it again)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer header(
      Path file, byte[] bytes, int headerSize, int magic, String what) {
    int actual = bytes.length >= 4 ? ByteBuffer.wrap(bytes, 0, 4).getInt(0) : -1;
    if (bytes.length >= 4 && actual != magic) {
      throw new DatasetCorruptException(
          file,
          String.format(
              "expected the magic number 0x%08x of IDX %s but found 0x%08x;"
                  + " is this the right file (images vs labels)?",
              magic, what, actual));
    }
    if (bytes.length < headerSize) {
      throw new DatasetCorruptException(
          file,
          "it has "
              + bytes.length
              + " bytes, fewer than the "
              + headerSize
              + "-byte header of an IDX "
              + what
              + " file");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, headerSize); // big-endian by default
    return header;
  }

  private static void checkLength(Path file, byte[] bytes, long expected, String what) {
    if (bytes.length != expected) {
      throw new DatasetCorruptException(
          file,
          "the header promises "
              + what
              + " ("
              + expected
              + " bytes) but the data has "
              + bytes.length
              + " bytes"
              + (bytes.length < expected ? " (truncated)" : " (extra bytes at the end)"));
    }
  }
}
