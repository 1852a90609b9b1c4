package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dlcourse.data.Catalogue.Copy;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.DataLocations.Env;
import org.dlcourse.data.DataLocations.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTests {

  @TempDir Path dir;

  private Env env(Map<String, String> vars, Map<String, String> props, Path cwd) {
    return new Env(vars::get, props::get, dir.resolve("home"), cwd);
  }

  @Test
  void fashionMnistLocationsAreTriedInTheDocumentedOrder() {
    Env env = env(Map.of("DLCOURSE_DATA", "/env/data"), Map.of("dlcourse.data", "/prop/data"), dir);
    List<Location> locations = DataLocations.candidates(Catalogue.FASHION_MNIST, env);
    assertEquals(
        List.of(
            Path.of("/env/data/fashion-mnist"),
            Path.of("/prop/data/fashion-mnist"),
            Path.of("/usr/share/datasets/fashion-mnist"),
            dir.resolve("home/.cache/dlcourse/fashion-mnist")),
        locations.stream().map(Location::dir).toList());
  }

  @Test
  void firstCompleteFolderWinsAndIncompleteOnesAreReported() throws Exception {
    Path partial = dir.resolve("partial");
    IdxFixtures.write(partial.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
    Path full = IdxFixtures.fashionFolder(dir.resolve("full"), 2, 2);
    var found =
        DataLocations.find(
            Catalogue.FASHION_MNIST,
            List.of(new Location("partial", partial), new Location("full", full)));
    assertEquals(full, found.location().dir());
    var e =
        assertThrows(
            DatasetMissingException.class,
            () ->
                DataLocations.find(
                    Catalogue.FASHION_MNIST,
                    List.of(
                        new Location("partial", partial), new Location("x", dir.resolve("x")))));
    assertTrue(e.getMessage().contains("incomplete, missing train-labels"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("x").toString()), e.getMessage());
  }

  @Test
  void shippedSetsAreFoundFromAnySubfolderOfTheRepository() throws Exception {
    Path repo = dir.resolve("repo");
    IdxFixtures.write(repo.resolve("datasets/README.md"), new byte[0]);
    Files.createDirectories(repo.resolve("datasets/sklearn"));
    Files.createDirectories(repo.resolve("notebooks"));
    Env fromNotebooks = env(Map.of(), Map.of(), repo.resolve("notebooks"));
    assertEquals(
        repo.resolve("datasets/sklearn"),
        DataLocations.candidates(Catalogue.IRIS, fromNotebooks).get(0).dir());
    Env explicit = env(Map.of("DLCOURSE_HOME", "/somewhere"), Map.of(), dir);
    assertEquals(Path.of("/somewhere"), DataLocations.courseHome(explicit).orElseThrow());
  }

  @Test
  void sizeAndChecksumMismatchesAreNamed() throws Exception {
    Path file = IdxFixtures.write(dir.resolve("data.csv"), "1,2,3\n".getBytes());
    DataFile right =
        new DataFile(
            "data", null, List.of(new Copy("test", "data.csv", 6, Checksums.sha256(file))));
    assertEquals("test", Checksums.verify(file, right).origin());
    DataFile wrongSum =
        new DataFile("data", null, List.of(new Copy("test", "data.csv", 6, "00".repeat(32))));
    var e = assertThrows(DatasetCorruptException.class, () -> Checksums.verify(file, wrongSum));
    assertTrue(e.getMessage().contains("does not match the catalogue"), e.getMessage());
    DataFile wrongSize =
        new DataFile("data", null, List.of(new Copy("test", "data.csv", 7, "00".repeat(32))));
    var e2 =
        assertThrows(DatasetCorruptException.class, () -> Checksums.checkSize(file, wrongSize));
    assertTrue(e2.getMessage().contains("has 6 bytes but a good copy has 7"), e2.getMessage());
  }

  @Test
  void everyCatalogueEntryHasChecksumsLicenceAndAFix() {
    for (var entry : Catalogue.all()) {
      assertFalse(entry.licence().isBlank(), entry.name());
      assertFalse(entry.fix().isBlank(), entry.name());
      for (DataFile file : entry.files()) {
        for (Copy copy : file.copies()) {
          assertTrue(copy.sha256().matches("[0-9a-f]{64}"), copy.toString());
        }
      }
    }
    assertEquals(Catalogue.WINE, Catalogue.get("Wine"));
    var e = assertThrows(IllegalArgumentException.class, () -> Catalogue.get("mnist"));
    assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
  }

  @Test
  void downloadIsVerifiedBeforeItIsMovedIntoPlace() throws Exception {
    // A local file: URL stands in for the publisher; tests never touch the network.
    Path source = IdxFixtures.write(dir.resolve("src/file.gz"), "payload".getBytes());
    Path target = dir.resolve("cache/file.gz");
    Copy good = new Copy("test", "file.gz", 7, Checksums.sha256(source));
    Downloader.download(source.toUri(), target, good);
    assertEquals("payload", Files.readString(target));

    Path other = dir.resolve("cache2/file.gz");
    Copy bad = new Copy("test", "file.gz", 7, "11".repeat(32));
    var e =
        assertThrows(
            DatasetCorruptException.class, () -> Downloader.download(source.toUri(), other, bad));
    assertTrue(e.getMessage().contains("failed verification"), e.getMessage());
    try (var left = Files.list(other.getParent())) {
      assertEquals(0, left.count(), "nothing is left behind after a bad download");
    }
  }

  @Test
  void cliRejectsUnknownCommandsAndNames() {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, DataCli.run(new String[] {"frobnicate"}, o, r));
    assertEquals(2, DataCli.run(new String[] {"fetch", "mnist"}, o, r));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("fashion-mnist"));
  }
}
