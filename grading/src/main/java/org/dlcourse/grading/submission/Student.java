package org.dlcourse.grading.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.problemset.Regions;

/**
 * The student's side of a problem set: the workspace copy ({@code workspace/psN}) that {@code
 * start} sets up from a release, and the rule that student commands never read an instructor
 * source.
 *
 * <p>A folder is an instructor source when it has hidden tests, when a file a student edits still
 * has a solution region, or when it lies in the instructor folder ({@code problem-sets/}, or {@code
 * DLCOURSE_INSTRUCTOR_DIR}).
 */
public final class Student {
  /** The workspace folder under the repository root; it is in .gitignore. */
  public static final String WORKSPACE = "workspace";

  private static final long MAX_RELEASE_BYTES = 64L << 20;

  private Student() {}

  /** The student's copy of {@code name}: {@code dir} when given, else {@code workspace/<name>}. */
  public static ProblemSet copy(Path repo, String name, String dir, String command)
      throws IOException {
    Path root;
    if (dir != null) {
      root = repo.resolve(dir);
    } else {
      root = repo.resolve(WORKSPACE).resolve(ProblemSet.checkName(name));
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException(
            "there is no student copy of "
                + name
                + " at "
                + repo.relativize(root)
                + "; set it up first: ./course start "
                + name
                + " --from PATH/TO/"
                + name
                + ".zip (the zip your course gave you)");
      }
    }
    ProblemSet ps = ProblemSet.open(root);
    refuseInstructorSource(repo, ps, command);
    return ps;
  }

  /**
   * Stops a student command that would read an instructor source (a reference solution or hidden
   * tests), naming the command to use instead.
   */
  static void refuseInstructorSource(Path repo, ProblemSet ps, String command) throws IOException {
    String why = instructorReason(repo, ps.root());
    if (why != null) {
      throw new IllegalArgumentException(
          ps.root().toAbsolutePath().normalize()
              + " is the instructor's source of "
              + ps.name()
              + " ("
              + why
              + "); student commands never read it. Work in your own copy: ./course start "
              + ps.name()
              + " [--from "
              + ps.name()
              + ".zip], then ./course "
              + command
              + " (without --dir it uses workspace/"
              + ps.name()
              + "). Instructors: ./course validate "
              + ps.name()
              + " checks the reference solution.");
    }
  }

  /** Why {@code root} is an instructor source, or null when it is a student copy. */
  static String instructorReason(Path repo, Path root) throws IOException {
    Path real = root.toRealPath();
    for (Path dir : List.of(ProblemSet.instructorDir(repo), repo.resolve("problem-sets"))) {
      if (Files.isDirectory(dir) && real.startsWith(dir.toRealPath())) {
        return "it is in the instructor folder " + dir.toRealPath();
      }
    }
    if (Files.isDirectory(root.resolve("tests/hidden"))) {
      return "it has hidden tests";
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String n = f.getFileName().toString();
        if ((n.endsWith(".java") || n.endsWith(".ipynb"))
            && Regions.hasRegions(Files.readString(f, StandardCharsets.UTF_8))) {
          return root.relativize(f) + " has a solution region (BEGIN SOLUTION)";
        }
      }
    }
    return null;
  }

  /**
   * {@code start psN [--from ZIP|DIR]}: copies a released problem set into {@code workspace/psN}.
   * Without {@code --from} it takes {@code build/release/psN} (what {@code ./course release} wrote
   * in this checkout). Never overwrites an existing copy (the student's work).
   *
   * @return the workspace copy
   */
  public static Path start(Path repo, String name, String from, java.io.PrintStream out)
      throws IOException {
    ProblemSet.checkName(name);
    Path dest = repo.resolve(WORKSPACE).resolve(name);
    if (Files.exists(dest)) {
      out.println(
          "your copy of "
              + name
              + " is already set up at "
              + repo.relativize(dest)
              + " (left as it is). Open it in ./course lab: workspace/"
              + name
              + "/");
      return dest;
    }
    Path source = releaseSource(repo, name, from);
    Files.createDirectories(dest.getParent());
    Path tmp = Files.createTempDirectory(repo.resolve(WORKSPACE), "." + name + "-");
    try {
      if (Files.isDirectory(source)) {
        FileTrees.copyTreeWithoutLinks(source, tmp);
      } else {
        unzip(source, tmp);
      }
      if (!Files.isRegularFile(tmp.resolve(ProblemSet.CONFIG))) {
        throw new IllegalArgumentException(
            source + " is not a released problem set: it has no " + ProblemSet.CONFIG);
      }
      String why = instructorReason(repo, tmp);
      if (why != null) {
        throw new IllegalArgumentException(
            source
                + " is not a student release ("
                + why
                + "); use the zip that ./course release "
                + name
                + " wrote");
      }
      Files.move(tmp, dest);
    } finally {
      FileTrees.deleteTree(tmp);
    }
    out.println("set up your copy of " + name + " in " + repo.relativize(dest) + "/");
    out.println("  open it:   ./course lab, then workspace/" + name + "/ in the file list");
    out.println("  check it:  ./course check " + name);
    out.println("  submit it: ./course submit " + name + " --student YOUR_ID");
    return dest;
  }

  private static Path releaseSource(Path repo, String name, String from) {
    if (from != null) {
      Path p = repo.resolve(from);
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("--from " + from + ": no such file or folder");
      }
      return p;
    }
    for (Path p :
        List.of(
            repo.resolve("build/release").resolve(name),
            repo.resolve("build/release").resolve(name + ".zip"))) {
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no released "
            + name
            + " in this checkout (build/release/"
            + name
            + "); pass the zip your course gave you: ./course start "
            + name
            + " --from PATH/TO/"
            + name
            + ".zip");
  }

  /** Unzips a release (entries under one top folder, or at the top) safely into {@code to}. */
  private static void unzip(Path zip, Path to) throws IOException {
    long total = 0;
    try (ZipFile z = new ZipFile(zip.toFile())) {
      // A release zip holds one top folder (psN/); its contents go into the workspace copy.
      String first = z.stream().map(ZipEntry::getName).findFirst().orElse("");
      String top = first.contains("/") ? first.substring(0, first.indexOf('/') + 1) : "";
      boolean nested = !top.isEmpty() && z.stream().allMatch(e -> e.getName().startsWith(top));
      Enumeration<? extends ZipEntry> entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String n = nested ? e.getName().substring(top.length()) : e.getName();
        Path t = to.resolve(n).normalize();
        if (n.isEmpty() || n.startsWith("/") || !t.startsWith(to)) {
          if (n.isEmpty()) {
            continue;
          }
          throw new IllegalArgumentException(zip + ": refusing the entry " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(t);
          continue;
        }
        Files.createDirectories(t.getParent());
        try (InputStream in = z.getInputStream(e)) {
          total += Files.copy(in, t);
        }
        if (total > MAX_RELEASE_BYTES) {
          throw new IllegalArgumentException(zip + " unpacks to more than 64 MiB; not a release");
        }
      }
    }
  }
}
