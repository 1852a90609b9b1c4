package org.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dlcourse.data.Catalogue.Copy;
import org.dlcourse.data.Catalogue.DataFile;

/** File checks against the {@link Catalogue}: the cheap size check and the full SHA-256. */
public final class Checksums {

  private Checksums() {}

  /** The SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * Checks that {@code path}'s size is that of a known copy of {@code file} with the same name.
   *
   * @return the matching copy
   * @throws DatasetCorruptException naming the actual and the expected sizes
   */
  public static Copy checkSize(Path path, DataFile file) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    }
    List<String> expected = new ArrayList<>();
    for (Copy copy : file.copies()) {
      if (copy.fileName().equals(path.getFileName().toString())) {
        if (copy.size() == size) {
          return copy;
        }
        expected.add(copy.size() + " (" + copy.origin() + ")");
      }
    }
    throw new DatasetCorruptException(
        path,
        "it has "
            + size
            + " bytes but a good copy has "
            + String.join(" or ", expected)
            + " bytes; delete it and install or fetch it again");
  }

  /**
   * Checks size and full SHA-256 of {@code path} against the known copies of {@code file}.
   *
   * @return the matching copy
   * @throws DatasetCorruptException naming the actual and the expected checksum
   */
  public static Copy verify(Path path, DataFile file) {
    Copy bySize = checkSize(path, file);
    String actual = sha256(path);
    for (Copy copy : file.copies()) {
      if (copy.fileName().equals(bySize.fileName())
          && copy.size() == bySize.size()
          && copy.sha256().equals(actual)) {
        return copy;
      }
    }
    throw new DatasetCorruptException(
        path,
        "SHA-256 "
            + actual
            + " does not match the catalogue ("
            + bySize.sha256()
            + " for "
            + bySize.origin()
            + "); delete it and install or fetch it again");
  }
}
