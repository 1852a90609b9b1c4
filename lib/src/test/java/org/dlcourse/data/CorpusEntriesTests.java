package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.Catalogue.Entry;
import org.dlcourse.data.DataLocations.Location;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text and time-series entries of notebook 12: fortunes, words, sunspots. */
class CorpusEntriesTests {

  private static final List<Entry> ENTRIES =
      List.of(Catalogue.FORTUNES, Catalogue.WORDS, Catalogue.SUNSPOTS);

  @TempDir Path dir;

  @Test
  @DisplayName("each entry's Debian package installs into a folder that is searched")
  void debianFoldersAreSearched() {
    for (Entry entry : ENTRIES) {
      Catalogue.DebianPackage deb = Catalogue.debianPackage(entry).orElseThrow();
      assertTrue(
          DataLocations.candidates(entry).stream()
              .anyMatch(l -> l.dir().equals(deb.dir()) && l.description().contains(deb.name())),
          entry.name() + ": " + deb.dir() + " is not searched");
      assertEquals(deb.name(), DataCli.debianPackage(entry));
      assertTrue(entry.fix().contains("apt-get install " + deb.name()), entry.fix());
    }
  }

  @Test
  @DisplayName("a missing series names the folders searched and the install command")
  void missingSetIsExplained() {
    var e =
        assertThrows(
            DatasetMissingException.class,
            () ->
                DataLocations.find(
                    Catalogue.SUNSPOTS, List.of(new Location("test", dir.resolve("none")))));
    assertTrue(e.getMessage().contains(dir.resolve("none").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install python3-statsmodels"), e.getMessage());
  }

  @Test
  @DisplayName("a file with the right name but other bytes is reported corrupt")
  void wrongBytesAreCorrupt() throws Exception {
    DataFile file = Catalogue.SUNSPOTS.files().get(0);
    Path fake = dir.resolve(file.download().fileName());
    Files.writeString(fake, "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n");
    var bySize = assertThrows(DatasetCorruptException.class, () -> Checksums.verify(fake, file));
    assertTrue(bySize.getMessage().contains("2944"), bySize.getMessage());
    Files.write(fake, new byte[2944]); // right size, wrong content
    var byHash = assertThrows(DatasetCorruptException.class, () -> Checksums.verify(fake, file));
    assertTrue(byHash.getMessage().contains("SHA-256"), byHash.getMessage());
  }

  @Test
  @DisplayName("the installed Debian files match the catalogue's sizes and SHA-256")
  void installedFilesMatchTheCatalogue() {
    for (Entry entry : ENTRIES) {
      Path debianDir = Catalogue.debianPackage(entry).orElseThrow().dir();
      assumeTrue(Files.isDirectory(debianDir), entry.name() + " is not installed");
      var found = DataLocations.find(entry, List.of(new Location("Debian", debianDir)));
      for (DataFile file : entry.files()) {
        Checksums.verify(found.file(file.id()), file);
      }
    }
  }
}
