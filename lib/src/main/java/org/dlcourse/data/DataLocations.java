package org.dlcourse.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.dlcourse.data.Catalogue.Copy;
import org.dlcourse.data.Catalogue.DataFile;
import org.dlcourse.data.Catalogue.Entry;

/**
 * Where the {@link Catalogue}'s data sets are looked for, in order, and which folder wins.
 *
 * <p>Fashion-MNIST: {@code $DLCOURSE_DATA/fashion-mnist/}, {@code -Ddlcourse.data=DIR} → {@code
 * DIR/fashion-mnist/}, {@code /usr/share/datasets/fashion-mnist/} (Debian package {@code
 * dataset-fashion-mnist}), the user cache {@code ~/.cache/dlcourse/fashion-mnist/} (where {@code
 * ./course fetch} downloads to; {@code $XDG_CACHE_HOME} is honoured). The shipped scikit-learn
 * sets: {@code datasets/sklearn/} of the course repository, found through {@code -Ddlcourse.home},
 * {@code $DLCOURSE_HOME}, or by walking up from the working folder (notebooks run in {@code
 * notebooks/}, tests in {@code lib/}) and from the folder of the library's own classes.
 */
public final class DataLocations {

  /**
   * One place that is searched.
   *
   * @param description why it is searched, e.g. "$DLCOURSE_DATA"
   * @param dir the folder that should hold the files
   */
  public record Location(String description, Path dir) {
    @Override
    public String toString() {
      return dir + "  (" + description + ")";
    }
  }

  /**
   * A data set's files as found.
   *
   * @param entry the data set
   * @param location the folder that holds all its files
   * @param files file id → path (e.g. "train-images" → …/train-images-idx3-ubyte.gz)
   */
  public record Found(Entry entry, Location location, Map<String, Path> files) {
    /** The path of the file with this id. */
    public Path file(String id) {
      Path p = files.get(id);
      if (p == null) {
        throw new IllegalArgumentException("data set " + entry.name() + " has no file " + id);
      }
      return p;
    }
  }

  /** What the search depends on: environment, system properties, home and working folder. */
  record Env(UnaryOperator<String> env, UnaryOperator<String> props, Path userHome, Path cwd) {
    static Env system() {
      return new Env(
          System::getenv,
          System::getProperty,
          Path.of(System.getProperty("user.home", ".")),
          Path.of("").toAbsolutePath());
    }
  }

  private DataLocations() {}

  /** The folders searched for {@code entry}, in order. */
  public static List<Location> candidates(Entry entry) {
    return candidates(entry, Env.system());
  }

  /**
   * The first folder that holds all of {@code entry}'s files.
   *
   * @throws DatasetMissingException listing every folder searched and the fix
   */
  public static Found find(Entry entry) {
    return find(entry, candidates(entry));
  }

  /** The user cache folder for {@code entry}, where downloads go. */
  public static Path cacheDir(Entry entry) {
    return cacheDir(entry, Env.system());
  }

  /** The course repository, if it can be found (see the class comment). */
  public static Optional<Path> courseHome() {
    return courseHome(Env.system());
  }

  static List<Location> candidates(Entry entry, Env env) {
    List<Location> result = new ArrayList<>();
    if (entry.source() == Catalogue.Source.SHIPPED) {
      courseHome(env)
          .ifPresent(
              home ->
                  result.add(
                      new Location(
                          "the course's datasets/ folder", home.resolve("datasets/sklearn"))));
      addRoot(result, env.env().apply(Catalogue.DATA_ENV), "$" + Catalogue.DATA_ENV, entry);
      return result;
    }
    addRoot(result, env.env().apply(Catalogue.DATA_ENV), "$" + Catalogue.DATA_ENV, entry);
    addRoot(
        result, env.props().apply(Catalogue.DATA_PROPERTY), "-D" + Catalogue.DATA_PROPERTY, entry);
    Catalogue.debianPackage(entry)
        .ifPresent(deb -> result.add(new Location("Debian package " + deb.name(), deb.dir())));
    result.add(new Location("user cache; ./course fetch downloads here", cacheDir(entry, env)));
    return result;
  }

  static Path cacheDir(Entry entry, Env env) {
    String xdg = env.env().apply("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : env.userHome().resolve(".cache");
    return cache.resolve("dlcourse").resolve(entry.folder());
  }

  static Found find(Entry entry, List<Location> locations) {
    List<String> looked = new ArrayList<>();
    for (Location location : locations) {
      Map<String, Path> files = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      for (DataFile file : entry.files()) {
        Path path = existing(location.dir(), file);
        if (path == null) {
          missing.add(file.download().fileName());
        } else {
          files.put(file.id(), path);
        }
      }
      if (missing.isEmpty()) {
        return new Found(entry, location, Map.copyOf(files));
      }
      looked.add(
          "  "
              + location
              + (files.isEmpty() ? "" : " — incomplete, missing " + String.join(", ", missing)));
    }
    StringBuilder message =
        new StringBuilder("data set " + entry.name() + " (" + entry.title() + ") not found.\n");
    message.append(looked.isEmpty() ? "  no folder to search\n" : "Looked in, in order:\n");
    looked.forEach(line -> message.append(line).append('\n'));
    message.append("Fix: ").append(entry.fix());
    throw new DatasetMissingException(message.toString());
  }

  /** The file in {@code dir} that is one of {@code file}'s known copies, or null. */
  static Path existing(Path dir, DataFile file) {
    for (Copy copy : file.copies()) {
      Path p = dir.resolve(copy.fileName());
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static void addRoot(List<Location> result, String root, String description, Entry e) {
    if (root != null && !root.isBlank()) {
      result.add(new Location(description + "=" + root, Path.of(root).resolve(e.folder())));
    }
  }

  static Optional<Path> courseHome(Env env) {
    for (String explicit :
        new String[] {
          env.props().apply(Catalogue.HOME_PROPERTY), env.env().apply(Catalogue.HOME_ENV)
        }) {
      if (explicit != null && !explicit.isBlank()) {
        return Optional.of(Path.of(explicit).toAbsolutePath());
      }
    }
    Optional<Path> fromCwd = walkUp(env.cwd());
    if (fromCwd.isPresent()) {
      return fromCwd;
    }
    return codeLocation().flatMap(DataLocations::walkUp);
  }

  /** The nearest folder at or above {@code start} that has a course {@code datasets/} folder. */
  static Optional<Path> walkUp(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("datasets/README.md"))
          && Files.isDirectory(dir.resolve("datasets/sklearn"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = DataLocations.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
