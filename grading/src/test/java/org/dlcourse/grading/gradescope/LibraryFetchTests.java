package org.dlcourse.grading.gradescope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope zip lists the library's Maven Central jars instead of shipping them, and setup.sh
 * fetches them byte for byte; a zip over the size cap is refused. A fake local repository stands in
 * for ~/.m2 and Central (a {@code file:} URL), so nothing here touches the network.
 */
class LibraryFetchTests {
  private static final String REL = "org/example/lib/1.0/lib-1.0.jar";

  /** A local repository with one jar Maven downloaded from Central and one it did not. */
  private static Path repo(Path tmp) throws Exception {
    Path repo = tmp.resolve("m2");
    Path dir = repo.resolve("org/example/lib/1.0");
    Files.createDirectories(dir);
    Files.write(dir.resolve("lib-1.0.jar"), new byte[] {1, 2, 3, 4, 5});
    Files.writeString(dir.resolve("_remote.repositories"), "#NOTE\nlib-1.0.jar>central=\n");
    Path local = repo.resolve("org/example/own/1.0");
    Files.createDirectories(local);
    Files.write(local.resolve("own-1.0.jar"), new byte[] {9});
    Files.writeString(local.resolve("_remote.repositories"), "own-1.0.jar>=\n");
    return repo;
  }

  @Test
  void onlyJarsDownloadedFromCentralAreListed(@TempDir Path tmp) throws Exception {
    Path repo = repo(tmp);
    assertEquals(Optional.of(REL), LibraryFetch.centralPath(repo.resolve(REL), repo));
    // Installed locally (no '>central='), or outside the repository: shipped in the zip instead.
    assertEquals(
        Optional.empty(),
        LibraryFetch.centralPath(repo.resolve("org/example/own/1.0/own-1.0.jar"), repo));
    Path outside = tmp.resolve("lib-1.0.jar");
    Files.copy(repo.resolve(REL), outside);
    assertEquals(Optional.empty(), LibraryFetch.centralPath(outside, repo));
  }

  @Test
  void setupFetchesTheListedBytesAndRefusesOthers(@TempDir Path tmp) throws Exception {
    Path repo = repo(tmp);
    Path library = tmp.resolve("library");
    Files.createDirectories(library);
    Files.writeString(
        library.resolve(LibraryFetch.LIST), LibraryFetch.line(REL, repo.resolve(REL)) + "\n");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LibraryFetch.fetch(library, repo.toUri().toString(), new PrintStream(log, true));
    assertArrayEquals(
        Files.readAllBytes(repo.resolve(REL)),
        Files.readAllBytes(library.resolve(LibraryFetch.DIR).resolve(REL)));
    assertTrue(log.toString().contains("fetched and verified 1 jars"), log.toString());

    // A mirror that serves other bytes: refused with both checksums, nothing left behind.
    Path other = tmp.resolve("other");
    Files.createDirectories(library.resolve(LibraryFetch.DIR));
    Files.delete(library.resolve(LibraryFetch.DIR).resolve(REL));
    Files.createDirectories(other.resolve("org/example/lib/1.0"));
    Files.write(other.resolve(REL), new byte[] {1, 2, 3, 4, 6});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> LibraryFetch.fetch(library, other.toUri().toString(), System.out));
    assertTrue(e.getMessage().contains(LibraryFetch.sha256(repo.resolve(REL))), e.getMessage());
    assertTrue(e.getMessage().contains("rebuild the zip"), e.getMessage());
    assertFalse(Files.exists(library.resolve(LibraryFetch.DIR).resolve(REL)));

    // A list entry that climbs out of the folder is refused before anything is fetched.
    Files.writeString(library.resolve(LibraryFetch.LIST), "../../etc/x.jar\t5\tab\n");
    e =
        assertThrows(
            IllegalStateException.class,
            () -> LibraryFetch.fetch(library, repo.toUri().toString(), System.out));
    assertTrue(e.getMessage().contains("plain repository path"), e.getMessage());
  }

  @Test
  void aZipOverTheCapIsRefusedWithBothSizes() {
    assertEquals(Optional.empty(), Gradescope.tooLarge(2_400_000, 50));
    String why = Gradescope.tooLarge(183_000_000, 50).orElseThrow();
    assertTrue(why.contains("183.0 MB") && why.contains("cap of 50 MB"), why);
    assertTrue(why.contains("DLCOURSE_GRADESCOPE_MAX_MB"), why);
  }
}
