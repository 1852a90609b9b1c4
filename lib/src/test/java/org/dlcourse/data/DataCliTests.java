package org.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DataCli debian-packages}: what the launcher installs for missing data. */
class DataCliTests {

  @Test
  void everyMissingSetNamesItsDebianPackageOnce() {
    assertEquals(
        List.of(
            "dataset-fashion-mnist", "fortunes", "wamerican", "python3-statsmodels", "bible-kjv"),
        DataCli.missingDebianPackages(e -> false));
  }

  @Test
  void nothingToInstallWhenEveryDataSetIsPresent() {
    assertEquals(List.of(), DataCli.missingDebianPackages(e -> true));
  }

  @Test
  void shippedDataSetsHaveNoDebianPackage() {
    assertEquals(
        List.of(),
        DataCli.missingDebianPackages(
            e -> Catalogue.debianPackage(e).isPresent() || e == Catalogue.FASHION_MNIST));
  }

  @Test
  void theDebianPackageIsOneOfTheLocationsSearched() {
    // The package must install into a folder that DataLocations searches, or installing it is
    // useless.
    assertTrue(
        DataLocations.candidates(Catalogue.FASHION_MNIST).stream()
            .anyMatch(
                l ->
                    l.dir().equals(Catalogue.DEBIAN_FASHION_MNIST)
                        && l.description().contains(DataCli.DEBIAN_FASHION_MNIST)),
        "no searched location belongs to " + DataCli.DEBIAN_FASHION_MNIST);
  }

  @Test
  void theBiblesDebianFolderIsSearched() {
    assertTrue(
        DataLocations.candidates(Catalogue.BIBLE_KJV).stream()
            .anyMatch(
                l ->
                    l.dir().equals(Catalogue.DEBIAN_BIBLE_KJV)
                        && l.description().contains("bible-kjv")),
        DataLocations.candidates(Catalogue.BIBLE_KJV).toString());
  }

  @Test
  void debianPackagesCommandExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, DataCli.run(new String[] {"debian-packages"}, o, o));
    String printed = out.toString(StandardCharsets.UTF_8).strip();
    List<String> known =
        List.of(
            "dataset-fashion-mnist", "fortunes", "wamerican", "python3-statsmodels", "bible-kjv");
    assertTrue(printed.isEmpty() || known.containsAll(printed.lines().toList()), printed);
  }
}
