package org.dlcourse.grading.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dlcourse.grading.files.AtomicFiles;
import org.dlcourse.grading.files.FileTrees;
import org.dlcourse.grading.problemset.ProblemSet;
import org.dlcourse.grading.sandbox.Compiler;

/**
 * {@code submit}: packs a student's allowed files into {@code psN-ID.zip} with a manifest, after
 * checking that the code compiles. Reads the student's files, never writes them.
 */
public final class Submit {
  private Submit() {}

  /** The course library version recorded in submissions. */
  public static String libraryVersion() {
    Properties p = new Properties();
    try (InputStream in = Submit.class.getResourceAsStream("/dlcourse-grading.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown version
    }
    return p.getProperty("version", "unknown");
  }

  /** Writes the submission zip; returns its path. */
  public static Path submit(ProblemSet ps, String student, Path zip, PrintStream log)
      throws Exception {
    if (!student.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "a student id is letters, digits, '.', '_' and '-' (like jdoe42) but was '"
              + student
              + "'");
    }
    List<PathMatcher> allowed = new ArrayList<>();
    ps.allowed().forEach(g -> allowed.add(FileSystems.getDefault().getPathMatcher("glob:" + g)));
    List<Path> files;
    try (Stream<Path> s = Files.walk(ps.root())) {
      files =
          s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> allowed.stream().anyMatch(m -> m.matches(ps.root().relativize(p))))
              .filter(p -> !p.getFileName().toString().equals("module-info.java"))
              .sorted()
              .toList();
    }
    List<Path> sources = files.stream().filter(p -> p.toString().endsWith(".java")).toList();
    if (sources.isEmpty()) {
      throw new IllegalStateException("no Java files under " + ps.sources() + " to submit");
    }
    Path tmp = Files.createTempDirectory("dlcourse-submit");
    try {
      Compiler.Result r = Compiler.trusted(sources, List.of(), tmp);
      if (!r.ok()) {
        throw new IllegalStateException(
            "your code does not compile, so it was not submitted; fix these errors first:\n"
                + r.messages());
      }
    } finally {
      FileTrees.deleteTree(tmp);
    }
    Properties manifest = new Properties();
    manifest.setProperty("problemSet", ps.name());
    manifest.setProperty("studentId", student);
    manifest.setProperty("libraryVersion", libraryVersion());
    manifest.setProperty("created", Instant.now().toString());
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (Path f : files) {
      manifest.setProperty(
          "sha256." + ps.root().relativize(f),
          HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
    }
    AtomicFiles.write(
        zip,
        out -> {
          writeZip(ps, files, manifest, out);
          // The grader's own unpacker must accept it: same limits, same allowed files.
          Path unpacked = Files.createTempDirectory("dlcourse-submit-check");
          try {
            Unpacker.Unpacked check = new Unpacker(ps).unpack(out, unpacked);
            if (!check.ok()) {
              throw new IllegalStateException(
                  "the submission would be refused: " + check.rejected());
            }
          } finally {
            FileTrees.deleteTree(unpacked);
          }
          FileTrees.readableByAll(out);
        });
    log.println("wrote " + zip + " (" + files.size() + " files); your files were not changed");
    return zip;
  }

  private static void writeZip(ProblemSet ps, List<Path> files, Properties manifest, Path out)
      throws IOException {
    try (OutputStream o = Files.newOutputStream(out);
        ZipOutputStream z = new ZipOutputStream(o)) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(ps.root().relativize(f).toString()));
        Files.copy(f, z);
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry("SUBMISSION.properties"));
      var text = new java.io.StringWriter();
      manifest.store(text, "dlcourse submission");
      z.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
      z.closeEntry();
    }
  }
}
