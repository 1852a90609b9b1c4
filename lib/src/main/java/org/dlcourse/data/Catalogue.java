package org.dlcourse.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of the course's data sets: files, checksums, licence, provenance, where each is
 * looked for and the one command that installs it.
 *
 * <p>Loaders ({@link Datasets}), {@code ./course doctor} and {@code ./course fetch} (both through
 * {@link DataCli}) all read this class; no other place names a data file or a checksum.
 *
 * <p><b>Fashion-MNIST checksums.</b> The Debian package {@code dataset-fashion-mnist} ships the
 * publisher's gzip files with the gzip header normalised for reproducible builds (file name
 * removed, time stamp changed), so its files differ from the downloads by 23–24 header bytes but
 * hold the identical compressed data. Restoring the original header (name and time stamp
 * 2017-08-31) reproduces the MD5s published in the Fashion-MNIST README byte for byte, which is how
 * the official SHA-256 values below were obtained. Each file therefore lists three known copies:
 * the official download, the Debian copy and the uncompressed IDX file (same data, any of them
 * loads).
 *
 * <p><b>When checksums are verified.</b> Loading checks what catches truncation and damage without
 * hashing: the file size against the known copies, the IDX header, and a full gzip read (whose
 * CRC-32 trailer the decompressor checks). The full SHA-256 is computed by {@code ./course doctor}
 * ({@code DataCli check}) and after every download, before the file is moved into place. (Measured
 * on the 2-core development machine: SHA-256 of the 26 MB training images took 0.19 s cold and 0.03
 * s warm, so the saving per load is small; the CRC-32 still catches accidental damage, the SHA-256
 * in {@code doctor} catches a wrong file.)
 */
public final class Catalogue {

  /** Name of the environment variable whose folder holds one sub-folder per data set. */
  public static final String DATA_ENV = "DLCOURSE_DATA";

  /** Name of the system property equivalent to {@link #DATA_ENV}. */
  public static final String DATA_PROPERTY = "dlcourse.data";

  /** Name of the environment variable pointing at the course repository (for datasets/). */
  public static final String HOME_ENV = "DLCOURSE_HOME";

  /** Name of the system property pointing at the course repository (for datasets/). */
  public static final String HOME_PROPERTY = "dlcourse.home";

  /** Where Debian's {@code dataset-fashion-mnist} package installs its files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** Where data sets come from, which decides the locations tried. */
  public enum Source {
    /** Installed on the system or downloaded into the user cache (e.g. Fashion-MNIST). */
    INSTALLED,
    /** Shipped in the course repository's {@code datasets/} folder. */
    SHIPPED
  }

  /**
   * One known, trusted copy of a data file.
   *
   * @param origin where this copy comes from, e.g. "official download"
   * @param fileName the file's name in a data folder
   * @param size size in bytes
   * @param sha256 SHA-256 of the file's bytes, lower-case hex
   */
  public record Copy(String origin, String fileName, long size, String sha256) {}

  /**
   * One file of a data set.
   *
   * @param id a short name for messages, e.g. "train-images"
   * @param url the publisher's download address, or {@code null} for files that ship with the
   *     course
   * @param copies the trusted copies; the first is the one {@code fetch} downloads
   */
  public record DataFile(String id, String url, List<Copy> copies) {
    /** The copy that a download produces (the first). */
    public Copy download() {
      return copies.get(0);
    }
  }

  /**
   * One data set.
   *
   * @param name the name used by {@code ./course fetch NAME}, e.g. "fashion-mnist"
   * @param title a human title
   * @param source installed/downloaded or shipped with the course
   * @param files its files
   * @param licence its licence
   * @param provenance where the files come from
   * @param fix the one command (or step) that makes the data available
   * @param required whether {@code ./course doctor} fails when it is missing
   */
  public record Entry(
      String name,
      String title,
      Source source,
      List<DataFile> files,
      String licence,
      String provenance,
      String fix,
      boolean required) {

    /** The folder name under a data root ({@code $DLCOURSE_DATA/<folder>/}). */
    public String folder() {
      return source == Source.SHIPPED ? "sklearn" : name;
    }
  }

  private static final String FASHION_URL =
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

  private static final String DEBIAN_ORIGIN =
      "Debian package dataset-fashion-mnist (gzip header normalised)";

  /** Fashion-MNIST: 70,000 grey 28x28 images of clothing in 10 classes. */
  public static final Entry FASHION_MNIST =
      new Entry(
          "fashion-mnist",
          "Fashion-MNIST (60,000 training + 10,000 test images, 28x28 grey, 10 classes)",
          Source.INSTALLED,
          List.of(
              fashionFile(
                  "train-images",
                  "train-images-idx3-ubyte",
                  26421880,
                  "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                  26421856,
                  "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                  47040016,
                  "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
              fashionFile(
                  "train-labels",
                  "train-labels-idx1-ubyte",
                  29515,
                  "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                  29491,
                  "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                  60008,
                  "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
              fashionFile(
                  "test-images",
                  "t10k-images-idx3-ubyte",
                  4422102,
                  "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                  4422079,
                  "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                  7840016,
                  "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
              fashionFile(
                  "test-labels",
                  "t10k-labels-idx1-ubyte",
                  5148,
                  "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                  5125,
                  "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
                  10008,
                  "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
          "MIT (Expat), Copyright 2017 Zalando SE",
          "Zalando Research, https://github.com/zalandoresearch/fashion-mnist (Xiao, Rasul and"
              + " Vollgraf, 2017); also packaged by Debian as dataset-fashion-mnist",
          "sudo apt-get install dataset-fashion-mnist   (or: ./course fetch fashion-mnist,"
              + " or set DLCOURSE_DATA to a folder holding fashion-mnist/)",
          true);

  private static final String SKLEARN_ORIGIN =
      "scikit-learn 1.2.1 (Debian python3-sklearn), unchanged";
  private static final String SKLEARN_LICENCE =
      "BSD-3-Clause, Copyright 2007-2019 Scikit-Learn Developers (datasets/LICENSE-sklearn.txt)";
  private static final String SKLEARN_FIX =
      "these files ship with the course in datasets/sklearn/: run from inside the course"
          + " repository, or set DLCOURSE_HOME (or -Ddlcourse.home) to the repository folder";

  /** Iris: 150 flowers, 4 measurements, 3 species. */
  public static final Entry IRIS =
      shipped(
          "iris",
          "Iris (150 flowers, 4 features, 3 species)",
          "iris.csv",
          2734,
          "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
          "R. A. Fisher (1936), UCI Machine Learning Repository; copy from scikit-learn");

  /** Breast cancer Wisconsin (diagnostic): 569 tumours, 30 features, malignant or benign. */
  public static final Entry BREAST_CANCER =
      shipped(
          "breast-cancer",
          "Breast cancer Wisconsin diagnostic (569 tumours, 30 features, malignant/benign)",
          "breast_cancer.csv",
          119913,
          "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
          "W. H. Wolberg, W. N. Street, O. L. Mangasarian (1995), UCI Machine Learning"
              + " Repository; copy from scikit-learn");

  /** Wine: 178 wines, 13 chemical measurements, 3 cultivars. */
  public static final Entry WINE =
      shipped(
          "wine",
          "Wine (178 wines, 13 features, 3 cultivars)",
          "wine_data.csv",
          11157,
          "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
          "M. Forina et al., UCI Machine Learning Repository; copy from scikit-learn");

  /** Digits: 1,797 handwritten digits as 8x8 images with 17 grey levels. */
  public static final Entry DIGITS =
      shipped(
          "digits",
          "Digits (1,797 handwritten digits, 8x8 pixels, values 0..16, 10 classes)",
          "digits.csv.gz",
          57512,
          "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
          "E. Alpaydin, C. Kaynak (1998), UCI Optical Recognition of Handwritten Digits (test"
              + " part); copy from scikit-learn");

  /** Where Debian's {@code bible-kjv-text} package installs the compressed Bible text. */
  public static final Path DEBIAN_BIBLE_KJV = Path.of("/usr/lib");

  /**
   * The King James Bible (1611): 31,102 verses, about 790,000 words, the corpus of lesson 13 (word
   * embeddings). Debian stores it compressed for its {@code bible} program (package {@code
   * bible-kjv}, which depends on {@code bible-kjv-text}); {@code org.dlcourse.embeddings.BibleText}
   * decodes it with that program and checks the decoded text's SHA-256 too.
   */
  public static final Entry BIBLE_KJV =
      new Entry(
          "bible-kjv",
          "King James Bible (1611; 31,102 verses, compressed for the bible program)",
          Source.INSTALLED,
          List.of(
              new DataFile(
                  "text",
                  null,
                  List.of(
                      new Copy(
                          "Debian package bible-kjv-text 4.38",
                          "bible.data",
                          1740565,
                          "6c746c2acc8a34bfded980883ff1701a5d68934a1c853ebf88a07b978fe0ae0e"))),
              new DataFile(
                  "concordance",
                  null,
                  List.of(
                      new Copy(
                          "Debian package bible-kjv-text 4.38",
                          "bible.data.conc",
                          878587,
                          "56349cd5a86be64d91eee62ac050114b89485f13b439ad4f34da99dde3b4dff3")))),
          "public domain (the 1611 King James Version; its copyright has expired, as Debian's"
              + " /usr/share/doc/bible-kjv-text/copyright states)",
          "Chip Chapin's Bible Retrieval System (1989-1993), packaged by Debian as bible-kjv-text"
              + " (data) and bible-kjv (the bible program that decodes it)",
          "sudo apt-get install bible-kjv   (it pulls in bible-kjv-text; or set DLCOURSE_DATA to a"
              + " folder holding bible-kjv/bible.data and bible-kjv/bible.data.conc)",
          true);

  /** Where Debian's {@code fortunes} package installs its fortune files. */
  public static final Path DEBIAN_FORTUNES = Path.of("/usr/share/games/fortunes");

  /** Where Debian's {@code wamerican} package installs its word list. */
  public static final Path DEBIAN_DICT = Path.of("/usr/share/dict");

  /** Where Debian's {@code python3-statsmodels} package installs the sunspots series. */
  public static final Path DEBIAN_SUNSPOTS =
      Path.of("/usr/lib/python3/dist-packages/statsmodels/datasets/sunspots");

  private static final String FORTUNES_ORIGIN =
      "Debian package fortunes 1:1.99.1-7.3 (Debian 12), unchanged";

  /**
   * Fortune cookies: four files of the BSD {@code fortune} program's collection (quotations and
   * jokes, separated by lines holding a single {@code %}), a character-level corpus for notebook
   * 12.
   */
  public static final Entry FORTUNES =
      new Entry(
          "fortunes",
          "Fortune cookies (4 files of the BSD fortune collection, 4,060 fortunes, 767 kB of text)",
          Source.INSTALLED,
          List.of(
              debianFile(
                  "cookie",
                  FORTUNES_ORIGIN,
                  245093,
                  "5dc97eee96dcc5287c373be629482730d45f77b59da1287933c9c5f482a055eb"),
              debianFile(
                  "computers",
                  FORTUNES_ORIGIN,
                  237981,
                  "a86be224d9f733b88eeaf8a46ea0427e05cc69c69edcf5f6db47ddf561ca37fd"),
              debianFile(
                  "science",
                  FORTUNES_ORIGIN,
                  129991,
                  "7ab350b142ee6c70c1d8517c5a1b3790c09b190a62859427cad98e6e35a19fcc"),
              debianFile(
                  "people",
                  FORTUNES_ORIGIN,
                  153878,
                  "2afb4b9f577be114d2dca279bc5590ee8415e1405295d7d7626c888d82f338e8")),
          "BSD (fortune-mod: Copyright 1991 The Regents of the University of California;"
              + " /usr/share/doc/fortunes-min/copyright); the quotations belong to their authors",
          "the fortune-mod collection (Ken Arnold, Amy A. Lewis and contributors; \"cookie\" from"
              + " Karl Lehenbauer's alt.sources postings), packaged by Debian as fortunes",
          "sudo apt-get install fortunes   (or set DLCOURSE_DATA to a folder holding fortunes/"
              + " with the files cookie, computers, science, people)",
          true);

  /** The English word list: 104,334 words, one per line (SCOWL size 50, American spelling). */
  public static final Entry WORDS =
      new Entry(
          "words",
          "English word list (104,334 American English words, one per line)",
          Source.INSTALLED,
          List.of(
              debianFile(
                  "american-english",
                  "Debian package wamerican 2020.12.07-2 (Debian 12), unchanged",
                  985084,
                  "9f513f1ceadb6a01c5485b7dbdfd5118dc66cd70b59cae2851292112d4066a32")),
          "SCOWL licence (permissive: use, copy, modify, distribute with the copyright notice),"
              + " Copyright 2000-2011 Kevin Atkinson and others; /usr/share/doc/wamerican/copyright",
          "SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, packaged by Debian as"
              + " wamerican",
          "sudo apt-get install wamerican   (or set DLCOURSE_DATA to a folder holding"
              + " words/american-english)",
          true);

  /** Yearly sunspot numbers 1700-2008 (309 years), the CSV file that statsmodels ships. */
  public static final Entry SUNSPOTS =
      new Entry(
          "sunspots",
          "Yearly sunspot numbers, 1700-2008 (309 values; CSV: YEAR,SUNACTIVITY)",
          Source.INSTALLED,
          List.of(
              debianFile(
                  "sunspots.csv",
                  "Debian package python3-statsmodels 0.13.5+dfsg-7 (Debian 12), unchanged",
                  2944,
                  "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b")),
          "public domain (statsmodels: \"This data is public domain.\")",
          "National Geophysical Data Center (NOAA), yearly sunspot numbers, as shipped by"
              + " statsmodels (statsmodels.datasets.sunspots), packaged by Debian as"
              + " python3-statsmodels",
          "sudo apt-get install python3-statsmodels   (or set DLCOURSE_DATA to a folder holding"
              + " sunspots/sunspots.csv)",
          true);

  /**
   * A Debian package that installs a data set, and the folder it installs the files into.
   *
   * @param name the package, e.g. "fortunes"
   * @param dir the folder that then holds the data set's files
   */
  public record DebianPackage(String name, Path dir) {}

  private static final Map<String, DebianPackage> DEBIAN =
      Map.of(
          "fashion-mnist", new DebianPackage("dataset-fashion-mnist", DEBIAN_FASHION_MNIST),
          "fortunes", new DebianPackage("fortunes", DEBIAN_FORTUNES),
          "words", new DebianPackage("wamerican", DEBIAN_DICT),
          "sunspots", new DebianPackage("python3-statsmodels", DEBIAN_SUNSPOTS),
          "bible-kjv", new DebianPackage("bible-kjv", DEBIAN_BIBLE_KJV));

  private static final List<Entry> ALL =
      List.of(
          FASHION_MNIST, IRIS, BREAST_CANCER, WINE, DIGITS, FORTUNES, WORDS, SUNSPOTS, BIBLE_KJV);

  private Catalogue() {}

  /** Every data set the course uses. */
  public static List<Entry> all() {
    return ALL;
  }

  /**
   * The data set called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known data sets if there is none
   */
  public static Entry get(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Entry entry : ALL) {
      if (entry.name().equals(wanted)) {
        return entry;
      }
    }
    List<String> names = new ArrayList<>();
    ALL.forEach(e -> names.add(e.name()));
    throw new IllegalArgumentException(
        "no data set called \"" + name + "\"; the catalogue has " + names);
  }

  private static DataFile fashionFile(
      String id,
      String base,
      long officialSize,
      String officialSha,
      long debianSize,
      String debianSha,
      long rawSize,
      String rawSha) {
    String gz = base + ".gz";
    return new DataFile(
        id,
        FASHION_URL + gz,
        List.of(
            new Copy("official download", gz, officialSize, officialSha),
            new Copy(DEBIAN_ORIGIN, gz, debianSize, debianSha),
            new Copy("uncompressed IDX", base, rawSize, rawSha)));
  }

  /**
   * The Debian package that installs {@code entry}'s files, and where: {@link DataLocations}
   * searches that folder and {@code ./course} installs the package when the set is missing.
   */
  public static Optional<DebianPackage> debianPackage(Entry entry) {
    return entry == null ? Optional.empty() : Optional.ofNullable(DEBIAN.get(entry.name()));
  }

  /** One file installed by a Debian package, known in that package's version only. */
  private static DataFile debianFile(String fileName, String origin, long size, String sha256) {
    return new DataFile(fileName, null, List.of(new Copy(origin, fileName, size, sha256)));
  }

  private static Entry shipped(
      String name, String title, String fileName, long size, String sha256, String provenance) {
    return new Entry(
        name,
        title,
        Source.SHIPPED,
        List.of(
            new DataFile(name, null, List.of(new Copy(SKLEARN_ORIGIN, fileName, size, sha256)))),
        SKLEARN_LICENCE,
        provenance,
        SKLEARN_FIX,
        true);
  }
}
