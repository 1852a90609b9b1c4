package org.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.dlcourse.data.Catalogue.Copy;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.Catalogue.Entry;

/**
 * Downloads a data set from its publisher into the user cache, verifying every file's SHA-256
 * before it is moved into place.
 *
 * <p>Each file is written to a temporary file in the target folder, checked (size and SHA-256
 * against the catalogue's official copy), and only then renamed atomically to its final name. A
 * failed or interrupted download leaves no file under the final name. Files already present and
 * correct are not downloaded again.
 */
public final class Downloader {

  private Downloader() {}

  /**
   * Downloads {@code entry}'s files into {@link DataLocations#cacheDir(Entry)}.
   *
   * @return the folder that now holds the verified files
   */
  public static Path fetch(Entry entry) {
    return fetch(entry, DataLocations.cacheDir(entry));
  }

  /** Downloads {@code entry}'s files into {@code dir}; see {@link #fetch(Entry)}. */
  public static Path fetch(Entry entry, Path dir) {
    List<String> noUrl = new ArrayList<>();
    for (DataFile file : entry.files()) {
      if (file.url() == null) {
        noUrl.add(file.id());
      }
    }
    if (!noUrl.isEmpty()) {
      throw new IllegalArgumentException(
          "data set "
              + entry.name()
              + " has no download address (it ships with the course or comes from a Debian"
              + " package): "
              + entry.fix());
    }
    for (DataFile file : entry.files()) {
      Path target = dir.resolve(file.download().fileName());
      if (Files.isRegularFile(target)) {
        try {
          Checksums.verify(target, file);
          continue; // already there and correct
        } catch (DatasetCorruptException e) {
          // fall through: replace the damaged file
        }
      }
      download(URI.create(file.url()), target, file.download());
    }
    return dir;
  }

  /**
   * Downloads {@code uri} to {@code target} if its size and SHA-256 match {@code expected}.
   *
   * @throws DatasetCorruptException if the downloaded bytes do not match; nothing is left behind
   */
  static void download(URI uri, Path target, Copy expected) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
      URLConnection connection = uri.toURL().openConnection();
      connection.setConnectTimeout(30_000);
      connection.setReadTimeout(60_000);
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      DataFile single =
          new DataFile(
              target.getFileName().toString(),
              uri.toString(),
              List.of(
                  new Copy(
                      expected.origin(),
                      temp.getFileName().toString(),
                      expected.size(),
                      expected.sha256())));
      try {
        Checksums.verify(temp, single);
      } catch (DatasetCorruptException e) {
        throw new DatasetCorruptException(
            target, "the download from " + uri + " failed verification: " + e.getMessage(), e);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not download "
              + uri
              + " to "
              + target
              + ": "
              + e
              + "; check the network, or "
              + "install the data another way (see ./course doctor)",
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a stray .part file is harmless and never loaded
        }
      }
    }
  }
}
