package org.dlcourse.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dlcourse.grading.cli.Cli;
import org.dlcourse.grading.files.FileTrees;

/** A throw-away repository holding a copy of problem-sets/sample, and helpers to make zips. */
final class Fixture {
  static final String PKG = "src/main/java/org/dlcourse/ps/sample/";

  final Path repo;

  Fixture(Path tmp, String extraConfig) throws IOException {
    this(tmp, "problem-sets/sample", extraConfig);
  }

  /** A repository holding a copy of {@code source} (relative to the real repository). */
  Fixture(Path tmp, String source, String extraConfig) throws IOException {
    // Readable by all, like most checkouts (PrivateFolderGradingTests covers a mode-700 one).
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = tmp.resolve("repo");
    Path from = Path.of(System.getProperty("dlcourse.repo.root", "..")).resolve(source);
    String name = from.getFileName().toString();
    copyTree(from, repo.resolve("problem-sets/" + name));
    Path config = repo.resolve("problem-sets/" + name + "/assignment.properties");
    Files.writeString(config, Files.readString(config) + "\n" + extraConfig + "\n");
    Files.setPosixFilePermissions(repo, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Path sample() {
    return repo.resolve("problem-sets/sample");
  }

  /** The reference solution as a student would hand it in: the code, without region markers. */
  String reference(String file) throws IOException {
    return Files.readString(sample().resolve(PKG + file))
        .replaceAll("(?m)^\\s*// (BEGIN|END) SOLUTION.*\n", "");
  }

  /** Runs the CLI in this repository; returns its exit status and output. */
  Run cli(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = Cli.run(args, repo, out);
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  record Run(int status, String output) {}

  static void copyTree(Path from, Path to) throws IOException {
    FileTrees.copyTree(from, to);
  }

  /** Writes a zip with the given entries (name to content). */
  static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream o = Files.newOutputStream(file);
        ZipOutputStream z = new ZipOutputStream(o)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return file;
  }

  /** Marks the central-directory entry {@code name} of a zip as a Unix symbolic link. */
  static void markSymlink(Path zip, String name) throws IOException {
    byte[] b = Files.readAllBytes(zip);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 + n.length <= b.length; i++) {
      if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
        int len = (b[i + 28] & 0xff) | (b[i + 29] & 0xff) << 8;
        String entry = new String(b, i + 46, len, StandardCharsets.UTF_8);
        if (entry.equals(name)) {
          b[i + 5] = 3; // made by: Unix
          int mode = 0xA1FF; // symlink, rwxrwxrwx
          b[i + 40] = (byte) (mode & 0xff);
          b[i + 41] = (byte) (mode >> 8);
        }
      }
    }
    Files.write(zip, b);
  }
}
