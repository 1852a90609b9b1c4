package org.dlcourse.grading.gradescope;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The course library's jars on Gradescope: the zip lists the ones that came from Maven Central
 * (path in the repository, size, SHA-256) in {@code grader/library/central.tsv} instead of shipping
 * them (about 180 MB, ND4J's natives 92 MB of it), and {@code setup.sh} fetches them once per image
 * ({@code GradescopeCli --fetch-library}), verifying every byte against the build's checksums. Jars
 * that are not on Central (the course library itself) still ship in the zip.
 */
public final class LibraryFetch {
  /** The list in {@code grader/library/}: one line {@code path<TAB>size<TAB>sha256} per jar. */
  public static final String LIST = "central.tsv";

  /** The folder under {@code grader/library/} the fetched jars go to, in the repository layout. */
  public static final String DIR = "central";

  /** Where {@code setup.sh} fetches from unless {@code MAVEN_CENTRAL} names a mirror. */
  public static final String CENTRAL = "https://repo1.maven.org/maven2";

  /** A repository path as Maven writes it: no {@code ..}, not absolute, plain characters. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)+\\.jar");

  private LibraryFetch() {}

  /** The local Maven repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
  public static Path localRepository() {
    String set = System.getProperty("maven.repo.local");
    return (set != null && !set.isBlank()
            ? Path.of(set)
            : Path.of(System.getProperty("user.home"), ".m2", "repository"))
        .toAbsolutePath()
        .normalize();
  }

  /**
   * The jar's path in the repository layout ({@code org/nd4j/…/x.jar}) when it lies in the local
   * repository and Maven downloaded it from Central (its folder's {@code _remote.repositories} says
   * {@code x.jar>central=}); empty otherwise (then it ships in the zip).
   */
  static Optional<String> centralPath(Path jar, Path localRepo) throws IOException {
    Path abs = jar.toAbsolutePath().normalize();
    Path remote = abs.resolveSibling("_remote.repositories");
    if (!abs.startsWith(localRepo) || !Files.isRegularFile(abs) || !Files.isRegularFile(remote)) {
      return Optional.empty();
    }
    String marker = abs.getFileName() + ">central=";
    boolean fromCentral = Files.readAllLines(remote).stream().anyMatch(marker::equals);
    String rel = localRepo.relativize(abs).toString().replace('\\', '/');
    return fromCentral && safe(rel) ? Optional.of(rel) : Optional.empty();
  }

  /** A relative repository path with plain characters and no {@code .} or {@code ..} segment. */
  static boolean safe(String rel) {
    return SAFE.matcher(rel).matches()
        && java.util.Arrays.stream(rel.split("/")).noneMatch(s -> s.equals(".") || s.equals(".."));
  }

  /** The list line of a jar from Central: {@code path<TAB>size<TAB>sha256}. */
  static String line(String rel, Path jar) throws IOException {
    return rel + "\t" + Files.size(jar) + "\t" + sha256(jar);
  }

  /**
   * Fetches every jar of {@code <library>/central.tsv} from {@code repository} (an {@code https:}
   * or {@code file:} URL of a Maven repository) into {@code <library>/central/}, skipping those
   * already there with the right bytes; refuses, naming the jar and both checksums, any whose size
   * or SHA-256 differs from the build's.
   */
  public static void fetch(Path library, String repository, PrintStream log) throws IOException {
    Path list = library.resolve(LIST);
    if (!Files.isRegularFile(list)) {
      log.println("no " + list + ": nothing to fetch (the zip ships all its jars)");
      return;
    }
    List<String> lines = Files.readAllLines(list).stream().filter(l -> !l.isBlank()).toList();
    long bytes = 0;
    for (String l : lines) {
      String[] f = l.split("\t");
      if (f.length != 3 || !safe(f[0])) {
        throw new IllegalStateException(
            list + ": expected 'path<TAB>size<TAB>sha256' with a plain repository path, got: " + l);
      }
      Path target = library.resolve(DIR).resolve(f[0]);
      if (!(Files.isRegularFile(target) && sha256(target).equals(f[2]))) {
        download(repository.replaceAll("/+$", "") + "/" + f[0], target, Long.parseLong(f[1]), f[2]);
      }
      bytes += Long.parseLong(f[1]);
    }
    log.printf(
        "fetched and verified %d jars (%.1f MB) from %s%n", lines.size(), bytes / 1e6, repository);
  }

  private static void download(String url, Path target, long size, String sha) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    IOException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        URLConnection c = URI.create(url).toURL().openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(120_000);
        try (InputStream in = c.getInputStream()) {
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        last = null;
        break;
      } catch (IOException e) {
        last = e;
      }
    }
    if (last != null) {
      throw new IOException(
          "could not fetch " + url + " (3 attempts): " + last + "; does setup.sh have network?",
          last);
    }
    String got = sha256(part);
    long gotSize = Files.size(part);
    if (gotSize != size || !got.equals(sha)) {
      Files.delete(part);
      throw new IllegalStateException(
          "refusing "
              + url
              + ": expected "
              + size
              + " bytes with SHA-256 "
              + sha
              + " (the jar the zip was built and validated with) but got "
              + gotSize
              + " bytes with SHA-256 "
              + got
              + "; rebuild the zip (./course gradescope psN) or point MAVEN_CENTRAL at a faithful"
              + " mirror");
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
