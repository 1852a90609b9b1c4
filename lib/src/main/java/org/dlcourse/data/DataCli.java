package org.dlcourse.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.Catalogue.Entry;
import org.dlcourse.data.DataLocations.Found;

/**
 * Command line for data: {@code check} (used by {@code ./course doctor}), {@code fetch NAME} (used
 * by {@code ./course fetch NAME}) and {@code debian-packages} (used by the launcher, which installs
 * what it prints, so that no data location is repeated outside Java).
 *
 * <pre>
 * java -cp CLASSPATH org.dlcourse.data.DataCli check
 * java -cp CLASSPATH org.dlcourse.data.DataCli fetch fashion-mnist
 * java -cp CLASSPATH org.dlcourse.data.DataCli debian-packages
 * </pre>
 *
 * <p>{@code check} prints one line per data set (present, missing or corrupt, and where), verifies
 * every present file's full SHA-256, and exits with 1 if a required set is missing or corrupt,
 * printing the fix. {@code fetch} downloads into the user cache with the checksum verified. {@code
 * debian-packages} prints, one per line, the Debian package of every required data set that is
 * found nowhere (nothing when all are present).
 */
public final class DataCli {

  /** Installs {@link Catalogue#DEBIAN_FASHION_MNIST}, which {@link DataLocations} searches. */
  static final String DEBIAN_FASHION_MNIST = "dataset-fashion-mnist";

  private DataCli() {}

  /** Runs {@code check} or {@code fetch NAME}; exits 0 on success, 1 on a problem, 2 on misuse. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command without {@code System.exit}, for tests: returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && args[0].equals("check")) {
      return check(out);
    }
    if (args.length == 2 && args[0].equals("fetch")) {
      return fetch(args[1], out, err);
    }
    if (args.length == 1 && args[0].equals("debian-packages")) {
      missingDebianPackages(DataCli::present).forEach(out::println);
      return 0;
    }
    err.println(
        "usage: DataCli check | DataCli fetch NAME | DataCli debian-packages   (NAME: "
            + names()
            + ")");
    return 2;
  }

  static int check(PrintStream out) {
    int problems = 0;
    for (Entry entry : Catalogue.all()) {
      String status = checkOne(entry);
      boolean ok = status.startsWith("present");
      out.println(entry.name() + ": " + status);
      if (!ok && entry.required()) {
        problems++;
      }
    }
    return problems == 0 ? 0 : 1;
  }

  /** One line (or a few, for a fix) describing {@code entry}'s state. */
  static String checkOne(Entry entry) {
    Found found;
    try {
      found = DataLocations.find(entry);
    } catch (DatasetMissingException e) {
      return "missing. " + e.getMessage().replace("\n", "\n    ");
    }
    try {
      for (DataFile file : entry.files()) {
        Checksums.verify(found.file(file.id()), file);
      }
    } catch (DatasetCorruptException e) {
      return "CORRUPT: " + e.getMessage() + "\n    Fix: " + entry.fix();
    }
    return "present in "
        + found.location().dir()
        + " ("
        + found.location().description()
        + "), SHA-256 verified";
  }

  /** The Debian packages that provide the required data sets that are not {@code present}. */
  static List<String> missingDebianPackages(Predicate<Entry> present) {
    List<String> packages = new ArrayList<>();
    for (Entry entry : Catalogue.all()) {
      String deb = debianPackage(entry);
      if (deb != null && entry.required() && !present.test(entry) && !packages.contains(deb)) {
        packages.add(deb);
      }
    }
    return packages;
  }

  /** The Debian package that installs {@code entry} into a searched location, or null. */
  static String debianPackage(Entry entry) {
    return Catalogue.debianPackage(entry).map(Catalogue.DebianPackage::name).orElse(null);
  }

  private static boolean present(Entry entry) {
    try {
      DataLocations.find(entry);
      return true;
    } catch (DatasetMissingException e) {
      return false;
    }
  }

  static int fetch(String name, PrintStream out, PrintStream err) {
    Entry entry;
    try {
      entry = Catalogue.get(name);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (entry.source() == Catalogue.Source.SHIPPED) {
      out.println(entry.name() + " ships with the course; nothing to download. " + checkOne(entry));
      return 0;
    }
    try {
      out.println("Downloading " + entry.title() + " from the publisher …");
      Path dir = Downloader.fetch(entry);
      out.println(entry.name() + ": present in " + dir + ", SHA-256 verified");
      return 0;
    } catch (RuntimeException e) {
      err.println("fetch " + entry.name() + " failed: " + e.getMessage());
      err.println("Other ways to get it: " + entry.fix());
      return 1;
    }
  }

  private static String names() {
    StringBuilder s = new StringBuilder();
    for (Entry e : Catalogue.all()) {
      s.append(s.length() == 0 ? "" : ", ").append(e.name());
    }
    return s.toString();
  }
}
