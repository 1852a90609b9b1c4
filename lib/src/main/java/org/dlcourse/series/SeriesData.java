package org.dlcourse.series;

import java.nio.file.Path;
import org.dlcourse.data.Catalogue;
import org.dlcourse.data.Checksums;
import org.dlcourse.data.DataLocations;

/** The catalogue's time series. */
public final class SeriesData {

  private SeriesData() {}

  /**
   * Yearly sunspot numbers 1700-2008 (309 values), from statsmodels' copy (Debian {@code
   * python3-statsmodels}); size and SHA-256 checked on every load.
   *
   * @throws org.dlcourse.data.DatasetMissingException listing where it looked and the fix
   * @throws org.dlcourse.data.DatasetCorruptException naming a damaged file
   */
  public static Series sunspots() {
    Catalogue.Entry entry = Catalogue.SUNSPOTS;
    Path path = DataLocations.find(entry).file("sunspots.csv");
    Checksums.verify(path, entry.files().get(0));
    return Series.readCsv(path, "yearly sunspot number");
  }
}
